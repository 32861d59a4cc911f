import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './SessionContext';

/** Its children when signed in; otherwise the sign-in page, coming back here afterwards. */
export function RequireSession({ children }: { readonly children: ReactNode }) {
  const { state, recheck } = useSession();
  const location = useLocation();
  if (state.status === 'checking') {
    return (
      <p className="page-status" role="status">
        Checking your session…
      </p>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <div className="page-status" role="alert">
        <p>The server cannot be reached: {state.message}</p>
        <button type="button" onClick={recheck}>
          Try again
        </button>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={{ from, reason: state.reason }} />;
  }
  return <>{children}</>;
}
