import { useEffect, useId, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ProblemNotice } from '../components/feedback';
import { openQueueDashboard, QUEUE_DASHBOARD, useSession } from '../auth/session';

/** Only paths of this origin are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const isAdmin = !!session.identity?.scopes.includes('admin');
  // Signed in as an admin already (the dashboard cookie had expired): go straight back to the board.
  useEffect(() => {
    if (isAdmin && next === QUEUE_DASHBOARD) openQueueDashboard().catch(setError);
  }, [isAdmin, next]);

  if (session.identity && next !== QUEUE_DASHBOARD) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const identity = await session.signIn(key.trim());
      setKey('');
      if (next === QUEUE_DASHBOARD && identity.scopes.includes('admin')) await openQueueDashboard();
      else navigate(next === QUEUE_DASHBOARD ? '/' : next, { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Newsledger workspace</h1>
      <p>Sign in with an API key. It stays in this browser tab only (session storage) and is sent in a header, never in a link.</p>
      {next === QUEUE_DASHBOARD ? <p className="notice">The queue dashboard needs an admin key.</p> : null}
      <form onSubmit={submit}>
        <label htmlFor={`${id}-key`}>API key</label>
        <input
          id={`${id}-key`}
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
          placeholder="nlk_…"
        />
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ProblemNotice error={error} />
      <p className="muted">
        The first start of the service prints an admin key; an admin creates others with <code>POST /v1/api-keys</code> or{' '}
        <code>npx newsledger keys create --scopes read</code>.
      </p>
    </main>
  );
}
