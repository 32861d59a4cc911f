// `/follow-up`: the visits due and overdue today across patients (the server's status, by the core's
// visitStatus), oldest due date first; filter by status and surgeon; a row opens the visit.
import { VISIT_WINDOW_DAYS } from '@spinerecon/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { surgeonApi } from '../api/endpoints';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { useLoad } from '../hooks';
import { formatDate, label } from '../labels';
import { followUpApi } from '../recovery/recoveryApi';
import type { WorklistStatus } from '../recovery/recoveryTypes';
import { VisitStatusBadge } from '../recovery/VisitStatusBadge';
import '../planning/planning.css';
import '../recovery/recovery.css';

const PAGE_SIZE = 25;
const STATUSES: readonly (readonly [WorklistStatus, string])[] = [
  ['all', 'Due and overdue'],
  ['overdue', 'Overdue only'],
  ['due', 'Due only'],
];

const isStatus = (value: string | null): value is WorklistStatus =>
  value === 'all' || value === 'due' || value === 'overdue';

export function FollowUpWorklistPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const raw = params.get('status');
  const status: WorklistStatus = isStatus(raw) ? raw : 'all';
  const surgeonId = params.get('surgeonId') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const query = {
    status,
    ...(surgeonId === '' ? {} : { surgeonId }),
    limit: PAGE_SIZE,
    offset,
  };
  const [worklist] = useLoad((signal) => followUpApi.worklist(query, signal), JSON.stringify(query));
  const [surgeons] = useLoad(() => surgeonApi.list(), 'surgeons');

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === '0' || (key === 'status' && value === 'all')) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  return (
    <section className="page follow-up-page">
      <div className="page-title">
        <h1>Follow-up visits</h1>
        {worklist.status === 'ready' && <p className="muted">Today: {formatDate(worklist.value.today)}</p>}
      </div>
      <form className="filters follow-up-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select value={status} onChange={(e) => update({ status: e.target.value, offset: '0' })}>
            {STATUSES.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label>
          Surgeon
          <select value={surgeonId} onChange={(e) => update({ surgeonId: e.target.value, offset: '0' })}>
            <option value="">Any</option>
            {surgeons.status === 'ready' &&
              surgeons.value.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
          </select>
        </label>
      </form>
      <p className="plan-hint">
        A visit is due from {VISIT_WINDOW_DAYS.before} days before to {VISIT_WINDOW_DAYS.after} days after its
        due date and overdue after that (a SpineRecon convention of the core: no published window was found).
      </p>

      {worklist.status === 'error' && <ErrorNote error={worklist.error} />}
      {worklist.status === 'loading' && <p role="status">Loading the visits…</p>}
      {worklist.status === 'ready' && worklist.value.items.length === 0 && (
        <p className="empty" role="status">
          No visit is {status === 'all' ? 'due or overdue' : status} today.
        </p>
      )}
      {worklist.status === 'ready' && worklist.value.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="worklist follow-up-worklist">
              <thead>
                <tr>
                  <th>Patient</th>
                  <th>MRN</th>
                  <th>Visit</th>
                  <th>Due</th>
                  <th>Status</th>
                  <th>Diagnosis</th>
                  <th>Surgeon</th>
                </tr>
              </thead>
              <tbody>
                {worklist.value.items.map((item) => {
                  const href = `/follow-up/visits/${encodeURIComponent(item.visit.id)}`;
                  return (
                    <tr key={item.visit.id} data-status={item.status} onClick={() => void navigate(href)}>
                      <th scope="row">
                        <Link to={href} onClick={(e) => e.stopPropagation()}>
                          {item.patient.name}
                        </Link>
                      </th>
                      <td className="mono">{item.patient.mrn}</td>
                      <td>{item.visit.label}</td>
                      <td>{formatDate(item.visit.dueDate)}</td>
                      <td>
                        <VisitStatusBadge status={item.status} />
                      </td>
                      <td>{label(item.case.diagnosis)}</td>
                      <td>{item.case.surgeonName ?? 'Not assigned'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager
            offset={worklist.value.offset}
            limit={worklist.value.limit}
            total={worklist.value.total}
            onChange={(next) => update({ offset: String(next) })}
          />
        </>
      )}
    </section>
  );
}
