import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { useLoad } from '../hooks';
import { formatDate, today } from '../labels';
import { ServerProblem } from './Problems';
import { therapySessionApi } from './recoveryApi';
import type { RehabPhaseContent, TherapySession } from './recoveryTypes';
import { currentPhase } from './rehabModel';

// The therapy sessions of a case, oldest first, and a form to record one (the therapist's part).

export function TherapySessions(props: {
  readonly caseId: string;
  readonly phases: readonly RehabPhaseContent[];
  readonly canWrite: boolean;
}) {
  const [loaded, reload] = useLoad((signal) => therapySessionApi.list(props.caseId, signal), props.caseId);
  return (
    <div className="therapy-sessions" data-testid="therapy-sessions">
      <h3>Therapy sessions</h3>
      {loaded.status === 'loading' && <p role="status">Loading the sessions…</p>}
      {loaded.status === 'error' && <ErrorNote error={loaded.error} />}
      {loaded.status === 'ready' && <SessionTable sessions={loaded.value} />}
      {props.canWrite && (
        // A new programme (its phases) starts the form again, with the phase of today preselected.
        <AddSession
          key={props.phases.map((p) => p.name).join('\n')}
          caseId={props.caseId}
          phases={props.phases}
          onAdded={reload}
        />
      )}
    </div>
  );
}

function SessionTable({ sessions }: { readonly sessions: readonly TherapySession[] }) {
  if (sessions.length === 0) return <p className="muted">No session recorded.</p>;
  return (
    <div className="table-wrap">
      <table className="worklist recovery-table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Phase</th>
            <th>Notes</th>
            <th>Progress</th>
            <th>Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>{formatDate(s.sessionDate)}</td>
              <td>{s.phase}</td>
              <td className="wrap">{s.notes}</td>
              <td className="wrap">{s.progress}</td>
              <td>{s.recordedByName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddSession(props: {
  readonly caseId: string;
  readonly phases: readonly RehabPhaseContent[];
  readonly onAdded: () => void;
}) {
  const [sessionDate, setSessionDate] = useState(today());
  // Until the user types a phase, the phase is the programme's phase on the session date.
  const [typedPhase, setTypedPhase] = useState<string>();
  const phase = typedPhase ?? currentPhase(props.phases, sessionDate) ?? props.phases[0]?.name ?? '';
  const [notes, setNotes] = useState('');
  const [progress, setProgress] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await therapySessionApi.create(props.caseId, { sessionDate, phase: phase.trim(), notes, progress });
      setNotes('');
      setProgress('');
      props.onAdded();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form add-session" onSubmit={(e) => void submit(e)} aria-label="Record a therapy session">
      <div className="grid">
        <label>
          Session date
          <input
            type="date"
            max={today()}
            required
            value={sessionDate}
            onChange={(e) => setSessionDate(e.target.value)}
          />
        </label>
        <label>
          Phase
          <input
            list="rehab-phase-names"
            required
            value={phase}
            onChange={(e) => setTypedPhase(e.target.value)}
          />
          <datalist id="rehab-phase-names">
            {props.phases.map((p) => (
              <option key={p.name} value={p.name} />
            ))}
          </datalist>
        </label>
        <label className="wide">
          Notes
          <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <label className="wide">
          Progress
          <textarea rows={2} value={progress} onChange={(e) => setProgress(e.target.value)} />
        </label>
      </div>
      <ServerProblem error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Recording…' : 'Record the session'}
      </button>
    </form>
  );
}
