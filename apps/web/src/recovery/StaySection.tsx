import { DISCHARGE_DESTINATIONS, STAY_MILESTONES, type CaseError } from '@spinerecon/core';
import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { formatDate } from '../labels';
import { ListEditor } from './ListEditor';
import { mayWrite } from './permissions';
import { FieldErrors, NoticeLine, ServerProblem } from './Problems';
import { hospitalStayApi } from './recoveryApi';
import type { HospitalStay, HospitalStayContent } from './recoveryTypes';
import type { RecoverySectionProps } from './sectionProps';
import { lengthOfStayText, newStayDraft, stayContentOf, stayDraftOf, type StayDraft } from './stayModel';
import { useDocumentSave } from './useDocumentSave';

// The hospital stay: admission and discharge, the milestones of the core's checklist with their dates, the
// discharge destination, and the length of stay against the expected range as the server assessed it.

export function StaySection(props: RecoverySectionProps) {
  const [loaded] = useLoad((signal) => hospitalStayApi.get(props.caseId, signal), props.caseId);
  return (
    <section className="card recovery-section" aria-labelledby="stay-title" data-section="stay">
      <h2 id="stay-title">Hospital stay</h2>
      {loaded.status === 'loading' && <p role="status">Loading the hospital stay…</p>}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && <StayEditor {...props} initial={loaded.value} />}
    </section>
  );
}

const MILESTONE_LABEL = new Map<string, string>(STAY_MILESTONES.map((m) => [m.kind, m.label]));

function StayEditor(props: RecoverySectionProps & { readonly initial: HospitalStay | undefined }) {
  const canWrite = mayWrite(props.role, 'rehab');
  const [draft, setDraft] = useState<StayDraft>(
    props.initial === undefined
      ? newStayDraft(props.operation?.content.date)
      : stayDraftOf(props.initial.content),
  );
  const [errors, setErrors] = useState<readonly CaseError[]>([]);
  const saver = useDocumentSave<HospitalStayContent, HospitalStay>({
    initial: props.initial,
    name: 'hospital stay',
    save: (base, content) => hospitalStayApi.save(props.caseId, base, content),
    read: () => hospitalStayApi.get(props.caseId),
    onDocument: (document) => setDraft(stayDraftOf(document.content)),
  });
  const set = (patch: Partial<StayDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const stay = saver.document;

  const save = () => {
    const checked = stayContentOf(draft);
    setErrors(checked.ok ? [] : checked.errors);
    if (checked.ok) void saver.submit(checked.content);
  };

  return (
    <>
      <div className="recovery-fact" data-testid="length-of-stay">
        {stay === undefined ? (
          <p className="muted">Not recorded yet.</p>
        ) : (
          <>
            <p>
              <strong>Length of stay:</strong> {lengthOfStayText(stay.lengthOfStay)}
            </p>
            {stay.lengthOfStay !== null && <p className="plan-hint">{stay.lengthOfStay.source}.</p>}
            <p className="plan-hint">
              Version {stay.version}, saved {formatDate(stay.updatedAt)}.
            </p>
          </>
        )}
      </div>
      <fieldset className="recovery-form" disabled={!canWrite || saver.saving}>
        <div className="grid">
          <label>
            Admitted on
            <input
              type="date"
              value={draft.admissionDate}
              onChange={(e) => set({ admissionDate: e.target.value })}
            />
          </label>
          <label>
            Discharged on
            <input
              type="date"
              value={draft.dischargeDate}
              onChange={(e) => set({ dischargeDate: e.target.value })}
            />
          </label>
          <label>
            Discharged to
            <select
              value={draft.dischargeDestination}
              onChange={(e) =>
                set({
                  dischargeDestination:
                    DISCHARGE_DESTINATIONS.find((d) => d.destination === e.target.value)?.destination ?? '',
                })
              }
            >
              <option value="">Not yet known</option>
              {DISCHARGE_DESTINATIONS.map((d) => (
                <option key={d.destination} value={d.destination}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ListEditor
          legend="Milestones"
          items={draft.milestones}
          onChange={(milestones) => set({ milestones })}
          empty={() => ({ kind: STAY_MILESTONES[0].kind, date: '' })}
          addLabel="Add a milestone"
          none="No milestone."
          row={(milestone, update, i) => (
            <>
              <label>
                Milestone {i + 1}
                <select
                  value={milestone.kind}
                  onChange={(e) =>
                    update({
                      ...milestone,
                      kind: STAY_MILESTONES.find((m) => m.kind === e.target.value)?.kind ?? milestone.kind,
                    })
                  }
                >
                  {STAY_MILESTONES.map((m) => (
                    <option key={m.kind} value={m.kind}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {`${MILESTONE_LABEL.get(milestone.kind) ?? milestone.kind} on`}
                <input
                  type="date"
                  value={milestone.date}
                  onChange={(e) => update({ ...milestone, date: e.target.value })}
                />
              </label>
            </>
          )}
        />
        <p className="plan-hint">
          Milestones without a date are not saved. The checklist is SpineRecon’s, not a published list.
        </p>
      </fieldset>
      <FieldErrors errors={errors} />
      <ServerProblem error={saver.serverError} />
      <NoticeLine notice={saver.notice} />
      {canWrite && (
        <button type="button" onClick={save} disabled={saver.saving}>
          {saver.saving ? 'Saving…' : stay === undefined ? 'Record the stay' : 'Save the stay'}
        </button>
      )}
    </>
  );
}
