import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthenticated, setCsrfToken } from '../api/client';
import { sessionApi } from '../api/endpoints';
import type { Session, SessionUser } from '../api/types';

// Who is signed in. Checked once on load (GET /session); any 401 later means the session has ended.

export type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'signed-out'; readonly reason?: string }
  | { readonly status: 'signed-in'; readonly user: SessionUser }
  | { readonly status: 'unreachable'; readonly message: string };

export interface SessionValue {
  readonly state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  recheck(): void;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  const accept = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', user: session.user });
  }, []);

  useEffect(() => {
    let live = true;
    sessionApi.current().then(
      (session) => live && accept(session),
      (error: unknown) => {
        if (!live) return;
        setCsrfToken(undefined);
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
        else
          setState({
            status: 'unreachable',
            message: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [accept, attempt]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(undefined);
        setState({ status: 'signed-out', reason: 'Your session has ended. Sign in again.' });
      }),
    [],
  );

  const value = useMemo<SessionValue>(
    () => ({
      state,
      signIn: async (username, password) => accept(await sessionApi.signIn(username, password)),
      signOut: async () => {
        try {
          await sessionApi.signOut();
        } finally {
          setCsrfToken(undefined);
          setState({ status: 'signed-out' });
        }
      },
      recheck: () => setAttempt((n) => n + 1),
    }),
    [state, accept],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** The signed-in user; only inside <RequireSession>. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser without a session');
  return state.user;
}
