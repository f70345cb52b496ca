import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { TimeTravelBar } from '../time/TimeTravelBar';
import { useKeepTime } from '../time/time-travel';

const PAGES = [
  { to: '/', label: 'Live timeline', end: true },
  { to: '/deals', label: 'Deals' },
  { to: '/listings', label: 'Listings' },
  { to: '/corridors', label: 'Chip corridors' },
  { to: '/companies', label: 'Companies' },
  { to: '/subscriptions', label: 'Subscriptions' },
];

export function Layout() {
  const { identity, can, signOut } = useSession();
  const keep = useKeepTime();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">
          <span aria-hidden="true">▤</span> Newsledger
        </div>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.to}>
                <NavLink to={keep(page.to)} end={page.end}>
                  {page.label}
                </NavLink>
              </li>
            ))}
            {can('admin') ? (
              <li>
                <NavLink to={keep('/operations')}>Operations</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="who">
          <span title={`scopes: ${identity?.scopes.join(', ')}`}>
            {identity?.name} <span className="muted">({identity?.scopes.join(', ')})</span>
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              signOut();
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <TimeTravelBar />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
