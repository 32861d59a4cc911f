import { Link, useParams } from 'react-router';
import { caseApi } from '../api/endpoints';
import type { CaseDetail } from '../api/types';
import { AddRadiograph } from '../components/AddRadiograph';
import { CaseTimeline } from '../components/CaseTimeline';
import { ErrorNote } from '../components/ErrorNote';
import { PacsPanel } from '../components/PacsPanel';
import { RadiographTile } from '../components/RadiographTile';
import { useLoad } from '../hooks';
import { formatDate, label } from '../labels';

/** A case: who and what, its timeline, its films (add, upload, import from the PACS). */
export function CasePage() {
  const { id = '' } = useParams();
  const [loaded, reload] = useLoad((signal) => caseApi.get(id, signal), id);
  if (loaded.status === 'loading')
    return (
      <p className="page-status" role="status">
        Loading the case…
      </p>
    );
  if (loaded.status === 'error') {
    return (
      <section className="page">
        <h1>Case</h1>
        <ErrorNote error={loaded.error} />
        <Link to="/">Back to the worklist</Link>
      </section>
    );
  }
  const spineCase = loaded.value;
  return (
    <section className="page case-page">
      <CaseHeader spineCase={spineCase} />
      <div className="case-columns">
        <CaseTimeline spineCase={spineCase} />
        <div className="case-main">
          <section className="films" aria-labelledby="films-title">
            <h2 id="films-title">Radiographs</h2>
            {spineCase.radiographs.length === 0 ? (
              <p className="muted">No radiograph yet: add one below or import it from the PACS.</p>
            ) : (
              <ul className="film-grid">
                {spineCase.radiographs.map((film) => (
                  <RadiographTile key={film.id} film={film} onChanged={reload} />
                ))}
              </ul>
            )}
          </section>
          <AddRadiograph caseId={spineCase.id} onChanged={reload} />
          <PacsPanel caseId={spineCase.id} onImported={reload} />
        </div>
      </div>
    </section>
  );
}

function CaseHeader({ spineCase }: { readonly spineCase: CaseDetail }) {
  const patient = spineCase.patient;
  return (
    <header className="case-header card">
      <p className="breadcrumb">
        <Link to="/">Worklist</Link> / Case
      </p>
      <h1>{patient.name}</h1>
      <p>
        <Link className="button" to={`/cases/${encodeURIComponent(spineCase.id)}/plans`}>
          Plan the surgery ({spineCase.plans.length === 0 ? 'no plan yet' : `${spineCase.plans.length} saved`}
          )
        </Link>{' '}
        <Link className="button secondary" to={`/cases/${encodeURIComponent(spineCase.id)}/operation`}>
          Operation record
        </Link>{' '}
        <Link className="button secondary" to={`/cases/${encodeURIComponent(spineCase.id)}/recovery`}>
          Recovery
        </Link>
      </p>
      <dl className="facts">
        <div>
          <dt>MRN</dt>
          <dd className="mono">{patient.mrn}</dd>
        </div>
        <div>
          <dt>Born</dt>
          <dd>{formatDate(patient.birthDate)}</dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{label(patient.sex)}</dd>
        </div>
        <div>
          <dt>Diagnosis</dt>
          <dd>{label(spineCase.diagnosis)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${spineCase.status}`}>{label(spineCase.status)}</span>
          </dd>
        </div>
        <div>
          <dt>Surgeon</dt>
          <dd>{spineCase.surgeon?.displayName ?? 'Not assigned'}</dd>
        </div>
      </dl>
      {spineCase.description !== '' && <p className="description">{spineCase.description}</p>}
    </header>
  );
}
