import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { ErrorNote } from '../components/ErrorNote';
import { SafetyBanner } from '../components/SafetyBanner';

interface ComingFrom {
  readonly from?: string;
  readonly reason?: string;
}

export function SignInPage() {
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const comingFrom = (location.state ?? {}) as ComingFrom;
  const target = comingFrom.from !== undefined && comingFrom.from.startsWith('/') ? comingFrom.from : '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={target} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
      await navigate(target, { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <div className="sign-in-page">
      <SafetyBanner />
      <main id="main" className="sign-in">
        <h1>SpineRecon</h1>
        <p className="subtitle">Spinal reconstruction workbench</p>
        {comingFrom.reason !== undefined && error === undefined && (
          <p className="info-note" role="status">
            {comingFrom.reason}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} className="card form">
          <h2>Sign in</h2>
          <label>
            User name
            <input
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <ErrorNote error={error} />
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
