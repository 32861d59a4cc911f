import {
  CLAVIEN_DINDO_GRADES,
  CLAVIEN_DINDO_SOURCE,
  COMPLICATION_TYPES,
  type CaseError,
  type ClavienDindoGrade,
  type ComplicationType,
} from '@spinerecon/core';
import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { formatDate, today } from '../labels';
import {
  complicationInputOf,
  emptyComplication,
  gradeDefinition,
  type ComplicationDraft,
} from './complicationModel';
import { mayWrite } from './permissions';
import { FieldErrors, ServerProblem } from './Problems';
import { complicationApi } from './recoveryApi';
import type { Complication } from './recoveryTypes';
import type { RecoverySectionProps } from './sectionProps';

// Complications after the operation: type (the core's list), onset, Clavien–Dindo grade with its definition
// (Dindo 2004), treatment and resolution. Recorded and changed by the surgical team.

export function ComplicationsSection(props: RecoverySectionProps) {
  return (
    <section
      className="card recovery-section"
      aria-labelledby="complications-title"
      data-section="complications"
    >
      <h2 id="complications-title">Complications</h2>
      <Complications caseId={props.caseId} role={props.role} />
    </section>
  );
}

/** The complications of a case; with `visitId`, new ones are recorded as found at that visit. */
export function Complications(props: {
  readonly caseId: string;
  readonly role: string;
  readonly visitId?: string;
}) {
  const [loaded, reload] = useLoad((signal) => complicationApi.list(props.caseId, signal), props.caseId);
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const canWrite = mayWrite(props.role, 'followup');
  const list = loaded.status === 'ready' ? loaded.value : [];
  const done = () => {
    setEditing(undefined);
    reload();
  };
  return (
    <div className="complications">
      {loaded.status === 'loading' && <p role="status">Loading the complications…</p>}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && list.length === 0 && <p className="muted">No complication recorded.</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="worklist recovery-table complication-table">
            <thead>
              <tr>
                <th>Complication</th>
                <th>Onset</th>
                <th>Clavien–Dindo</th>
                <th>Treatment</th>
                <th>Resolution</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} data-complication={c.type}>
                  <th scope="row" className="wrap">
                    {c.typeLabel}
                    {c.description !== '' && <span className="muted"> — {c.description}</span>}
                  </th>
                  <td>{formatDate(c.onsetDate)}</td>
                  <td className="wrap">
                    <strong>Grade {c.clavienDindo}</strong>
                    <span className="grade-definition">{gradeDefinition(c.clavienDindo) ?? ''}</span>
                  </td>
                  <td className="wrap">{c.treatment === '' ? '—' : c.treatment}</td>
                  <td className="wrap">
                    {c.resolvedDate === null ? 'Not resolved' : `Resolved ${formatDate(c.resolvedDate)}`}
                    {c.resolution !== '' && <span className="muted"> — {c.resolution}</span>}
                  </td>
                  <td>
                    {canWrite && (
                      <button type="button" className="small secondary" onClick={() => setEditing(c.id)}>
                        Edit
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && editing === undefined && (
        <button type="button" className="small secondary" onClick={() => setEditing('new')}>
          Record a complication
        </button>
      )}
      {editing !== undefined && (
        <ComplicationForm
          caseId={props.caseId}
          existing={list.find((c) => c.id === editing)}
          visitId={props.visitId}
          onDone={done}
          onCancel={() => setEditing(undefined)}
        />
      )}
      <details className="recovery-details">
        <summary>Clavien–Dindo grades</summary>
        <dl className="grade-list">
          {CLAVIEN_DINDO_GRADES.map((g) => (
            <div key={g.grade}>
              <dt>{g.grade}</dt>
              <dd>{g.definition}</dd>
            </div>
          ))}
        </dl>
        <p className="plan-hint">Source: {CLAVIEN_DINDO_SOURCE}.</p>
      </details>
    </div>
  );
}

function draftOf(c: Complication): ComplicationDraft {
  return {
    type: COMPLICATION_TYPES.find((t) => t.type === c.type)?.type ?? '',
    onsetDate: c.onsetDate,
    clavienDindo: CLAVIEN_DINDO_GRADES.find((g) => g.grade === c.clavienDindo)?.grade ?? '',
    description: c.description,
    treatment: c.treatment,
    resolution: c.resolution,
    resolvedDate: c.resolvedDate ?? '',
    visitId: c.visitId ?? '',
  };
}

function ComplicationForm(props: {
  readonly caseId: string;
  readonly existing: Complication | undefined;
  readonly visitId: string | undefined;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ComplicationDraft>(
    props.existing === undefined ? emptyComplication(today(), props.visitId) : draftOf(props.existing),
  );
  const [errors, setErrors] = useState<readonly CaseError[]>([]);
  const [serverError, setServerError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ComplicationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const definition = draft.clavienDindo === '' ? undefined : gradeDefinition(draft.clavienDindo);

  const save = async () => {
    const checked = complicationInputOf(draft, today());
    setErrors(checked.ok ? [] : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    setServerError(undefined);
    try {
      if (props.existing === undefined) await complicationApi.create(props.caseId, checked.input);
      else await complicationApi.update(props.existing.id, checked.input);
      props.onDone();
    } catch (failure) {
      setServerError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="form complication-form" role="group" aria-label="Complication">
      <h3>
        {props.existing === undefined ? 'Record a complication' : `Change: ${props.existing.typeLabel}`}
      </h3>
      <div className="grid">
        <label>
          Type
          <select
            value={draft.type}
            onChange={(e) =>
              set({
                type:
                  COMPLICATION_TYPES.find((t) => t.type === e.target.value)?.type ??
                  ('' as ComplicationType | ''),
              })
            }
          >
            <option value="">Choose…</option>
            {COMPLICATION_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Onset
          <input
            type="date"
            max={today()}
            value={draft.onsetDate}
            onChange={(e) => set({ onsetDate: e.target.value })}
          />
        </label>
        <label>
          Clavien–Dindo grade
          <select
            value={draft.clavienDindo}
            onChange={(e) =>
              set({
                clavienDindo:
                  CLAVIEN_DINDO_GRADES.find((g) => g.grade === e.target.value)?.grade ??
                  ('' as ClavienDindoGrade | ''),
              })
            }
          >
            <option value="">Choose…</option>
            {CLAVIEN_DINDO_GRADES.map((g) => (
              <option key={g.grade} value={g.grade}>
                {g.grade}
              </option>
            ))}
          </select>
        </label>
        <label>
          Resolved on
          <input
            type="date"
            value={draft.resolvedDate}
            onChange={(e) => set({ resolvedDate: e.target.value })}
          />
        </label>
      </div>
      <p className="grade-definition-note" data-testid="grade-definition" aria-live="polite">
        {definition === undefined
          ? 'Choose a grade to see its definition (Dindo 2004).'
          : `Grade ${draft.clavienDindo}: ${definition}`}
      </p>
      <div className="grid">
        <label className="wide">
          Description
          <textarea
            rows={2}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </label>
        <label className="wide">
          Treatment
          <textarea rows={2} value={draft.treatment} onChange={(e) => set({ treatment: e.target.value })} />
        </label>
        <label className="wide">
          Resolution
          <textarea rows={2} value={draft.resolution} onChange={(e) => set({ resolution: e.target.value })} />
        </label>
      </div>
      <FieldErrors errors={errors} />
      <ServerProblem error={serverError} />
      <div className="plan-row">
        <button type="button" disabled={busy} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save the complication'}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
