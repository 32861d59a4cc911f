// `/follow-up/visits/:id`: one follow-up visit — the day the patient was seen and notes, its films (add one,
// upload its image, measure it in the imaging workspace), the plan versus what was achieved for every
// parameter with the rule flags for a clinician to confirm, and complications found at it (decision 0016).
import type { PelvisMode } from '@spinerecon/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { caseApi } from '../api/endpoints';
import type { CaseDetail } from '../api/types';
import { useUser } from '../auth/SessionContext';
import { AddRadiograph } from '../components/AddRadiograph';
import { ErrorNote } from '../components/ErrorNote';
import { RadiographTile } from '../components/RadiographTile';
import { useLoad } from '../hooks';
import { formatDate, today } from '../labels';
import '../planning/planning.css';
import { AlignmentComparisonTable } from '../recovery/AlignmentComparisonTable';
import { Complications } from '../recovery/Complications';
import { DecisionSupportNote } from '../recovery/DecisionSupportNote';
import { mayWrite } from '../recovery/permissions';
import { NoticeLine, ServerProblem, type Notice } from '../recovery/Problems';
import { followUpApi } from '../recovery/recoveryApi';
import type { AlignmentFilmRef } from '../recovery/alignmentTypes';
import type { VisitDetail } from '../recovery/recoveryTypes';
import { RuleFlags } from '../recovery/RuleFlags';
import { VisitStatusBadge } from '../recovery/VisitStatusBadge';
import '../recovery/recovery.css';

async function loadVisit(visitId: string, signal: AbortSignal) {
  const visit = await followUpApi.visit(visitId, signal);
  const detail = await caseApi.get(visit.caseId, signal);
  return { visit, detail };
}

export function VisitPage() {
  const { id = '' } = useParams();
  const [loaded, reload] = useLoad((signal) => loadVisit(id, signal), id);
  if (loaded.status === 'loading')
    return (
      <p className="page-status" role="status">
        Loading the visit…
      </p>
    );
  if (loaded.status === 'error')
    return (
      <section className="page">
        <h1>Follow-up visit</h1>
        <ErrorNote error={loaded.error} />
        <Link to="/follow-up">Back to the follow-up visits</Link>
      </section>
    );
  return <Visit visit={loaded.value.visit} detail={loaded.value.detail} reload={reload} />;
}

function Visit({
  visit,
  detail,
  reload,
}: {
  readonly visit: VisitDetail;
  readonly detail: CaseDetail;
  readonly reload: () => void;
}) {
  const user = useUser();
  const caseLink = `/cases/${encodeURIComponent(detail.id)}`;
  return (
    <section className="page visit-page">
      <header className="recovery-header">
        <p className="breadcrumb">
          <Link to="/follow-up">Follow-up</Link> › <Link to={caseLink}>{detail.patient.name}</Link> ›{' '}
          <Link to={`${caseLink}/recovery`}>Recovery</Link> › {visit.label}
        </p>
        <div className="page-title">
          <h1>{visit.label} visit</h1>
          <VisitStatusBadge status={visit.status} />
        </div>
        <p>
          Due {formatDate(visit.dueDate)}
          {visit.visitDate === null ? '; not seen yet.' : `; seen on ${formatDate(visit.visitDate)}.`}
        </p>
      </header>
      <div className="visit-columns">
        <div className="visit-left">
          <VisitRecord visit={visit} canWrite={mayWrite(user.role, 'followup')} onSaved={reload} />
          <section className="card" aria-labelledby="visit-films">
            <h2 id="visit-films">Films at this visit</h2>
            {visit.radiographs.length === 0 ? (
              <p className="muted">
                No film yet: add the standing lateral film below, then place its landmarks.
              </p>
            ) : (
              <ul className="film-grid">
                {visit.radiographs.map((film) => (
                  <RadiographTile key={film.id} film={film} onChanged={reload} />
                ))}
              </ul>
            )}
            {visit.radiographs.map((film) => (
              <p key={film.id}>
                <Link className="button secondary" to={`/radiographs/${encodeURIComponent(film.id)}`}>
                  Measure the {film.view} film in the imaging workspace
                </Link>
              </p>
            ))}
          </section>
          {mayWrite(user.role, 'imaging') && (
            <AddRadiograph caseId={detail.id} visitId={visit.id} onChanged={reload} />
          )}
        </div>
        <div className="visit-right">
          <AlignmentSection visit={visit} />
          <section className="card" aria-labelledby="visit-complications">
            <h2 id="visit-complications">Complications</h2>
            <Complications caseId={detail.id} role={user.role} visitId={visit.id} />
          </section>
        </div>
      </div>
    </section>
  );
}

function VisitRecord(props: {
  readonly visit: VisitDetail;
  readonly canWrite: boolean;
  readonly onSaved: () => void;
}) {
  const [visitDate, setVisitDate] = useState(props.visit.visitDate ?? '');
  const [notes, setNotes] = useState(props.visit.notes);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await followUpApi.updateVisit(props.visit.id, {
        visitDate: visitDate === '' ? null : visitDate,
        notes,
      });
      setNotice({ kind: 'ok', text: 'Saved the visit.' });
      props.onSaved();
    } catch (failure) {
      setError(failure);
      setNotice(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="visit-record">
      <h2 id="visit-record">The visit</h2>
      <fieldset className="recovery-form" disabled={!props.canWrite || busy}>
        <div className="grid">
          <label>
            Seen on
            <input
              type="date"
              max={today()}
              value={visitDate}
              onChange={(e) => setVisitDate(e.target.value)}
            />
          </label>
          <label className="wide">
            Notes
            <textarea rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
        </div>
      </fieldset>
      <ServerProblem error={error} />
      <NoticeLine notice={notice} />
      {props.canWrite && (
        <button type="button" disabled={busy} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save the visit'}
        </button>
      )}
    </section>
  );
}

function filmText(name: string, film: AlignmentFilmRef | null): string {
  if (film === null) return `${name}: none`;
  return `${name}: ${film.posture} lateral of ${film.takenOn === null ? 'no date' : formatDate(film.takenOn)}`;
}

function AlignmentSection({ visit }: { readonly visit: VisitDetail }) {
  const [pelvis, setPelvis] = useState<PelvisMode>('fixed');
  // The films are part of the key: a film added (or its image uploaded) asks again.
  const key = `${visit.id}:${pelvis}:${visit.radiographs.map((r) => `${r.id}@${r.landmarkVersion}`).join(',')}`;
  const [loaded] = useLoad((signal) => followUpApi.alignment(visit.id, pelvis, signal), key);
  return (
    <section className="card" aria-labelledby="visit-alignment" data-testid="visit-alignment">
      <h2 id="visit-alignment">Plan versus achieved</h2>
      <DecisionSupportNote>
        Targets and flags are decision support for a clinician to confirm on the films, not diagnoses.
      </DecisionSupportNote>
      <fieldset className="plan-switch">
        <legend>Plan’s prediction</legend>
        <label className="inline">
          <input
            type="radio"
            name="visit-pelvis"
            checked={pelvis === 'fixed'}
            onChange={() => setPelvis('fixed')}
          />
          pelvis held fixed
        </label>
        <label className="inline">
          <input
            type="radio"
            name="visit-pelvis"
            checked={pelvis === 'compensating'}
            onChange={() => setPelvis('compensating')}
          />
          pelvic compensation (core model)
        </label>
      </fieldset>
      {loaded.status === 'loading' && <p role="status">Comparing…</p>}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && (
        <>
          <p className="plan-hint" data-testid="alignment-plan">
            {loaded.value.plan === null
              ? 'No plan: the planned column stays empty.'
              : `Planned: “${loaded.value.plan.title}” v${loaded.value.plan.version}` +
                (loaded.value.plan.source === 'operation'
                  ? ', the plan the operation record names.'
                  : ', the case’s latest plan (the operation record names none).')}{' '}
            {[
              filmText('Preoperative', loaded.value.films.preoperative),
              filmText('first postoperative', loaded.value.films.firstPostoperative),
              filmText('achieved', loaded.value.films.achieved),
            ].join('; ')}
            .
          </p>
          {loaded.value.missing.length > 0 && (
            <ul className="alignment-missing" data-testid="alignment-missing">
              {loaded.value.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {loaded.value.comparison !== null && (
            <>
              <AlignmentComparisonTable rows={loaded.value.comparison.rows} />
              <h3>Rules for a clinician to confirm</h3>
              <RuleFlags comparison={loaded.value.comparison} />
            </>
          )}
        </>
      )}
    </section>
  );
}
