import type { CaseError } from '@spinerecon/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { formatDate } from '../labels';
import { mayWrite } from './permissions';
import { FieldErrors, NoticeLine, ServerProblem, type Notice } from './Problems';
import { followUpApi } from './recoveryApi';
import type { Visit } from './recoveryTypes';
import {
  defaultIntervalDrafts,
  intervalsOf,
  statusCounts,
  VISIT_STATUS_TEXT,
  type IntervalDraft,
} from './scheduleModel';
import type { RecoverySectionProps } from './sectionProps';
import { VisitStatusBadge } from './VisitStatusBadge';

// The follow-up schedule: generated from the operation date (the core's intervals, editable), the visits
// with their status today, each editable and opening its visit page; an extra visit can be added.

export function ScheduleSection(props: RecoverySectionProps) {
  const [loaded, reload] = useLoad((signal) => followUpApi.visits(props.caseId, signal), props.caseId);
  const canWrite = mayWrite(props.role, 'followup');
  const visits = loaded.status === 'ready' ? loaded.value : [];
  const counts = statusCounts(visits);
  return (
    <section className="card recovery-section" aria-labelledby="schedule-title" data-section="schedule">
      <h2 id="schedule-title">Follow-up schedule and visits</h2>
      {loaded.status === 'loading' && <p role="status">Loading the visits…</p>}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          {visits.length > 0 && (
            <p className="schedule-counts" data-testid="visit-counts">
              {(['overdue', 'due', 'upcoming', 'done'] as const)
                .map((status) => `${counts[status]} ${VISIT_STATUS_TEXT[status].toLowerCase()}`)
                .join(' · ')}
            </p>
          )}
          <VisitTable visits={visits} canWrite={canWrite} onChanged={reload} />
          {canWrite && (
            <GenerateSchedule
              caseId={props.caseId}
              operationDate={props.operation?.content.date}
              hasVisits={visits.length > 0}
              onGenerated={reload}
            />
          )}
          {canWrite && <AddVisit caseId={props.caseId} onAdded={reload} />}
        </>
      )}
    </section>
  );
}

function VisitTable(props: {
  readonly visits: readonly Visit[];
  readonly canWrite: boolean;
  readonly onChanged: () => void;
}) {
  const [editing, setEditing] = useState<string>();
  if (props.visits.length === 0) return <p className="muted">No visit scheduled yet.</p>;
  return (
    <div className="table-wrap">
      <table className="worklist recovery-table schedule-table">
        <thead>
          <tr>
            <th>Visit</th>
            <th>Due</th>
            <th>Seen on</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.visits.map((visit) =>
            editing === visit.id ? (
              <EditVisitRow
                key={visit.id}
                visit={visit}
                onDone={(changed) => {
                  setEditing(undefined);
                  if (changed) props.onChanged();
                }}
              />
            ) : (
              <tr key={visit.id} data-visit={visit.label} data-status={visit.status}>
                <th scope="row">
                  <Link to={`/follow-up/visits/${encodeURIComponent(visit.id)}`}>{visit.label}</Link>
                </th>
                <td>{formatDate(visit.dueDate)}</td>
                <td>{formatDate(visit.visitDate)}</td>
                <td>
                  <VisitStatusBadge status={visit.status} />
                </td>
                <td>
                  {props.canWrite && (
                    <button
                      type="button"
                      className="small secondary"
                      aria-label={`Edit the ${visit.label} visit`}
                      onClick={() => setEditing(visit.id)}
                    >
                      Edit
                    </button>
                  )}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function EditVisitRow({
  visit,
  onDone,
}: {
  readonly visit: Visit;
  readonly onDone: (changed: boolean) => void;
}) {
  const [label, setLabel] = useState(visit.label);
  const [dueDate, setDueDate] = useState(visit.dueDate);
  const [visitDate, setVisitDate] = useState(visit.visitDate ?? '');
  const [error, setError] = useState<unknown>();
  const save = async () => {
    setError(undefined);
    try {
      await followUpApi.updateVisit(visit.id, {
        label: label.trim(),
        dueDate,
        visitDate: visitDate === '' ? null : visitDate,
      });
      onDone(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <tr className="editing">
      <td>
        <input aria-label="Visit label" value={label} onChange={(e) => setLabel(e.target.value)} />
      </td>
      <td>
        <input
          aria-label="Due date"
          type="date"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
        />
      </td>
      <td>
        <input
          aria-label="Seen on"
          type="date"
          value={visitDate}
          onChange={(e) => setVisitDate(e.target.value)}
        />
      </td>
      <td colSpan={2}>
        <button type="button" className="small" onClick={() => void save()}>
          Save
        </button>{' '}
        <button type="button" className="small secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
        <ServerProblem error={error} />
      </td>
    </tr>
  );
}

function GenerateSchedule(props: {
  readonly caseId: string;
  readonly operationDate: string | undefined;
  readonly hasVisits: boolean;
  readonly onGenerated: () => void;
}) {
  const [drafts, setDrafts] = useState<readonly IntervalDraft[]>(defaultIntervalDrafts());
  const [errors, setErrors] = useState<readonly CaseError[]>([]);
  const [serverError, setServerError] = useState<unknown>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const update = (index: number, patch: Partial<IntervalDraft>) =>
    setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  const generate = async () => {
    const checked = intervalsOf(drafts);
    setErrors(checked.ok ? [] : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    setServerError(undefined);
    try {
      const visits = await followUpApi.schedule(props.caseId, checked.intervals);
      setNotice({ kind: 'ok', text: `The schedule has ${visits.length} visits.` });
      props.onGenerated();
    } catch (failure) {
      setServerError(failure);
      setNotice(undefined);
    } finally {
      setBusy(false);
    }
  };

  const form = (
    <div className="schedule-generator">
      <table className="plan-table interval-table" aria-label="Visits after the operation">
        <thead>
          <tr>
            <th>Visit</th>
            <th>After the operation</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Label of visit ${i + 1}`}
                  value={d.label}
                  onChange={(e) => update(i, { label: e.target.value })}
                />
              </td>
              <td className="interval-amount">
                <input
                  aria-label={`Interval of visit ${i + 1}`}
                  inputMode="numeric"
                  value={d.amount}
                  onChange={(e) => update(i, { amount: e.target.value })}
                />
                <select
                  aria-label={`Unit of visit ${i + 1}`}
                  value={d.unit}
                  onChange={(e) => update(i, { unit: e.target.value === 'months' ? 'months' : 'days' })}
                >
                  <option value="days">days</option>
                  <option value="months">months</option>
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="small secondary"
                  onClick={() => setDrafts((list) => list.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="small secondary"
        onClick={() => setDrafts((list) => [...list, { label: '', amount: '', unit: 'months' }])}
      >
        Add an interval
      </button>
      <p className="plan-hint">
        Default intervals from the core: 6 weeks and 2 years as in the ISSG adult deformity database, 3, 6, 12
        and 24 months as in the SRS-22 follow-up; the 2-week wound check is a SpineRecon convention.
        {props.hasVisits ? ' Visits already scheduled with the same label are kept.' : ''}
      </p>
      <FieldErrors errors={errors} />
      <ServerProblem error={serverError} />
      <NoticeLine notice={notice} />
      <button
        type="button"
        disabled={busy || props.operationDate === undefined}
        onClick={() => void generate()}
      >
        {busy ? 'Generating…' : 'Generate the schedule'}
      </button>
      {props.operationDate === undefined && (
        <p className="muted">Record the operation first: the visits are dated from its day.</p>
      )}
    </div>
  );
  if (!props.hasVisits) return form;
  return (
    <details className="recovery-details">
      <summary>Generate more visits from the operation date</summary>
      {form}
    </details>
  );
}

function AddVisit({ caseId, onAdded }: { readonly caseId: string; readonly onAdded: () => void }) {
  const [label, setLabel] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await followUpApi.addVisit(caseId, { label: label.trim(), dueDate });
      setLabel('');
      setDueDate('');
      onAdded();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="recovery-details">
      <summary>Add a visit outside the schedule</summary>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="grid">
          <label>
            Label
            <input
              required
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              placeholder="e.g. wound review"
            />
          </label>
          <label>
            Due on
            <input type="date" required value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </label>
        </div>
        <ServerProblem error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add the visit'}
        </button>
      </form>
    </details>
  );
}
