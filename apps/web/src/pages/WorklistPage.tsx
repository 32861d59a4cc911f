import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { caseApi } from '../api/endpoints';
import { ErrorNote } from '../components/ErrorNote';
import { NewCaseForm } from '../components/NewCaseForm';
import { Pager } from '../components/Pager';
import { useLoad } from '../hooks';
import { CASE_STATUSES, DIAGNOSES, formatDate, label } from '../labels';

const PAGE_SIZE = 25;

/** The cases: search by name or MRN, filter by diagnosis and status, page; a row opens the case. */
export function WorklistPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const diagnosis = params.get('diagnosis') ?? '';
  const status = params.get('status') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);

  const query = { q, diagnosis, status, limit: PAGE_SIZE, offset };
  const [cases] = useLoad((signal) => caseApi.list(query, signal), JSON.stringify(query));

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === '0') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim(), offset: '0' });
  };

  return (
    <section className="page">
      <div className="page-title">
        <h1>Worklist</h1>
        <button type="button" onClick={() => setCreating((open) => !open)} aria-expanded={creating}>
          {creating ? 'Close' : 'New patient or case'}
        </button>
      </div>
      {creating && <NewCaseForm onCreated={(caseId) => void navigate(`/cases/${caseId}`)} />}

      <form className="filters" role="search" onSubmit={submit}>
        <label>
          Patient or MRN
          <input type="search" name="q" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <label>
          Diagnosis
          <select
            value={diagnosis}
            onChange={(event) => update({ diagnosis: event.target.value, offset: '0' })}
          >
            <option value="">Any</option>
            {DIAGNOSES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => update({ status: event.target.value, offset: '0' })}>
            <option value="">Any</option>
            {CASE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>

      {cases.status === 'error' && <ErrorNote error={cases.error} />}
      {cases.status === 'loading' && <p role="status">Loading cases…</p>}
      {cases.status === 'ready' && cases.value.items.length === 0 && (
        <p className="empty" role="status">
          No case matches. Change the search or the filters.
        </p>
      )}
      {cases.status === 'ready' && cases.value.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="worklist">
              <caption className="visually-hidden">Cases</caption>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">MRN</th>
                  <th scope="col">Diagnosis</th>
                  <th scope="col">Status</th>
                  <th scope="col">Surgeon</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {cases.value.items.map((item) => (
                  <tr key={item.id} onClick={() => void navigate(`/cases/${item.id}`)}>
                    <th scope="row">
                      <Link to={`/cases/${item.id}`}>{item.patientName}</Link>
                    </th>
                    <td className="mono">{item.mrn}</td>
                    <td>{label(item.diagnosis)}</td>
                    <td>
                      <span className={`status status-${item.status}`}>{label(item.status)}</span>
                    </td>
                    <td>{item.surgeonName ?? <span className="muted">Not assigned</span>}</td>
                    <td>{formatDate(item.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            offset={offset}
            limit={PAGE_SIZE}
            total={cases.value.total}
            onChange={(next) => update({ offset: String(next) })}
          />
        </>
      )}
    </section>
  );
}
