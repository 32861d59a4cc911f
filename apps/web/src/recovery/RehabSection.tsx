import { REHAB_TEMPLATES, type CaseError } from '@spinerecon/core';
import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { formatDate } from '../labels';
import { mayWrite } from './permissions';
import { FieldErrors, NoticeLine, ServerProblem } from './Problems';
import { rehabilitationApi } from './recoveryApi';
import type { Rehabilitation, RehabilitationContent } from './recoveryTypes';
import {
  emptyPhase,
  phaseDraftOf,
  phasesFromTemplate,
  rehabContentOf,
  type PhaseDraft,
  type RehabTemplateId,
} from './rehabModel';
import type { RecoverySectionProps } from './sectionProps';
import { TherapySessions } from './TherapySessions';
import { useDocumentSave } from './useDocumentSave';

// The rehabilitation programme: phases with dates, goals and restrictions, started from a core template and
// edited freely; below it the therapy sessions. The therapist role may change both.

/** Room for every line and one more (a long line wraps: counted twice). */
const rowsFor = (text: string): number =>
  Math.max(
    3,
    text.split('\n').reduce((n, line) => n + (line.length > 60 ? 2 : 1), 1),
  );

const TEMPLATE_IDS = Object.keys(REHAB_TEMPLATES) as RehabTemplateId[];

export function RehabSection(props: RecoverySectionProps) {
  const [loaded] = useLoad((signal) => rehabilitationApi.get(props.caseId, signal), props.caseId);
  return (
    <section className="card recovery-section" aria-labelledby="rehab-title" data-section="rehabilitation">
      <h2 id="rehab-title">Rehabilitation</h2>
      {loaded.status === 'loading' && <p role="status">Loading the rehabilitation programme…</p>}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && <RehabEditor {...props} initial={loaded.value} />}
    </section>
  );
}

function RehabEditor(props: RecoverySectionProps & { readonly initial: Rehabilitation | undefined }) {
  const canWrite = mayWrite(props.role, 'rehab');
  const operationDate = props.operation?.content.date;
  const [phases, setPhases] = useState<readonly PhaseDraft[]>(
    props.initial?.content.phases.map(phaseDraftOf) ?? [],
  );
  const [templateId, setTemplateId] = useState<RehabTemplateId>(TEMPLATE_IDS[0] ?? 'lumbarFusion');
  const [errors, setErrors] = useState<readonly CaseError[]>([]);
  const saver = useDocumentSave<RehabilitationContent, Rehabilitation>({
    initial: props.initial,
    name: 'rehabilitation programme',
    save: (base, content) => rehabilitationApi.save(props.caseId, base, content),
    read: () => rehabilitationApi.get(props.caseId),
    onDocument: (document) => setPhases(document.content.phases.map(phaseDraftOf)),
  });
  const template = REHAB_TEMPLATES[templateId];
  const update = (index: number, patch: Partial<PhaseDraft>) =>
    setPhases((list) => list.map((p, i) => (i === index ? { ...p, ...patch } : p)));

  const save = () => {
    const checked = rehabContentOf(phases);
    setErrors(checked.ok ? [] : checked.errors);
    if (checked.ok) void saver.submit(checked.content);
  };

  return (
    <>
      {saver.document !== undefined && (
        <p className="plan-hint">
          Version {saver.document.version}, saved {formatDate(saver.document.updatedAt)}.
        </p>
      )}
      <fieldset className="recovery-form" disabled={!canWrite || saver.saving}>
        <div className="plan-row rehab-template">
          <label className="plan-field">
            <span>Template</span>
            <select value={templateId} onChange={(e) => setTemplateId(e.target.value as RehabTemplateId)}>
              {TEMPLATE_IDS.map((id) => (
                <option key={id} value={id}>
                  {REHAB_TEMPLATES[id].name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="secondary"
            disabled={operationDate === undefined}
            onClick={() => {
              if (operationDate === undefined) return;
              setPhases(phasesFromTemplate(templateId, operationDate));
              saver.setNotice({
                kind: 'info',
                text: `Started from “${template.name}”, dated from the operation on ${formatDate(operationDate)} (not saved yet).`,
              });
            }}
          >
            {phases.length === 0 ? 'Start from the template' : 'Replace with the template'}
          </button>
        </div>
        <p className="plan-hint">
          {operationDate === undefined
            ? 'Record the operation first: the template’s phases are dated from its day. '
            : ''}
          Template source: {template.source}. {template.note}
        </p>
        {phases.length === 0 && <p className="muted">No programme yet.</p>}
        <ol className="rehab-phases">
          {phases.map((phase, i) => (
            <li key={i} className="rehab-phase" data-phase={i}>
              <div className="grid">
                <label>
                  Phase {i + 1}
                  <input value={phase.name} onChange={(e) => update(i, { name: e.target.value })} />
                </label>
                <label>
                  From
                  <input
                    type="date"
                    value={phase.startDate}
                    onChange={(e) => update(i, { startDate: e.target.value })}
                  />
                </label>
                <label>
                  To
                  <input
                    type="date"
                    value={phase.endDate}
                    onChange={(e) => update(i, { endDate: e.target.value })}
                  />
                </label>
                <button
                  type="button"
                  className="small secondary align-end"
                  onClick={() => setPhases((list) => list.filter((_, j) => j !== i))}
                >
                  Remove phase
                </button>
              </div>
              <div className="rehab-lists">
                <label>
                  Goals (one per line)
                  <textarea
                    rows={rowsFor(phase.goals)}
                    value={phase.goals}
                    onChange={(e) => update(i, { goals: e.target.value })}
                  />
                </label>
                <label>
                  Restrictions (one per line)
                  <textarea
                    rows={rowsFor(phase.restrictions)}
                    value={phase.restrictions}
                    onChange={(e) => update(i, { restrictions: e.target.value })}
                  />
                </label>
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="small secondary"
          onClick={() => setPhases((list) => [...list, emptyPhase()])}
        >
          Add a phase
        </button>
      </fieldset>
      <FieldErrors errors={errors} />
      <ServerProblem error={saver.serverError} />
      <NoticeLine notice={saver.notice} />
      {canWrite && (
        <button type="button" onClick={save} disabled={saver.saving || phases.length === 0}>
          {saver.saving ? 'Saving…' : 'Save the programme'}
        </button>
      )}
      <TherapySessions
        caseId={props.caseId}
        phases={saver.document?.content.phases ?? []}
        canWrite={canWrite}
      />
    </>
  );
}
