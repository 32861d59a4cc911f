import { useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useSession, useUser } from '../auth/SessionContext';
import { SafetyBanner } from './SafetyBanner';

/** The frame of every signed-in page: safety banner, header with navigation and sign-out, the page. */
export function Layout() {
  const user = useUser();
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SafetyBanner />
      <header className="app-header">
        <Link to="/" className="brand">
          SpineRecon
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Worklist
          </NavLink>
          {user.role !== 'researcher' && <NavLink to="/follow-up">Follow-up</NavLink>}
          {user.role !== 'researcher' && <NavLink to="/outcomes">My outcomes</NavLink>}
          {user.role !== 'therapist' && <NavLink to="/research/export">Research export</NavLink>}
        </nav>
        <div className="account">
          <span className="account-name">
            {user.displayName} <span className="role">({user.role})</span>
          </span>
          <button
            type="button"
            className="secondary"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut().finally(() => setSigningOut(false));
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
