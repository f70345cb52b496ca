import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, handleUnauthorized } from '../api/client';
import { readKey, storeKey } from './key-storage';

export type Scope = 'events:write' | 'read' | 'subscriptions:write' | 'admin';

/** The signed-in key as `GET /v1/api-keys/current` describes it (the key itself is never shown again). */
export interface Identity {
  id: string;
  name: string;
  scopes: Scope[];
}

interface Session {
  identity: Identity | null;
  /** `admin` holds every scope, as on the server. */
  can(scope: Scope): boolean;
  signIn(key: string): Promise<Identity>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export const QUEUE_DASHBOARD = '/admin/queues';

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [checking, setChecking] = useState(() => readKey() !== null);

  const signOut = useCallback(() => {
    storeKey(null);
    setIdentity(null);
    queryClient.clear();
    // The dashboard cookie goes with the key.
    void fetch(`${QUEUE_DASHBOARD}/session`, { method: 'DELETE' }).catch(() => undefined);
  }, [queryClient]);

  useEffect(() => handleUnauthorized(signOut), [signOut]);

  useEffect(() => {
    if (!readKey()) return;
    api<Identity>('/v1/api-keys/current')
      .then(setIdentity, () => storeKey(null))
      .finally(() => setChecking(false));
  }, []);

  const session = useMemo<Session>(
    () => ({
      identity,
      can: (scope) => !!identity && (identity.scopes.includes('admin') || identity.scopes.includes(scope)),
      async signIn(key) {
        const found = await api<Identity>('/v1/api-keys/current', { key });
        storeKey(key);
        setIdentity(found);
        return found;
      },
      signOut,
    }),
    [identity, signOut],
  );

  if (checking)
    return (
      <p role="status" className="page-status">
        Checking your key…
      </p>
    );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Pages behind sign-in send the visitor to /sign-in and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { identity } = useSession();
  const location = useLocation();
  if (!identity) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Opens the queue dashboard: an admin key buys a 30-minute HttpOnly cookie, so the key stays out of the URL. */
export async function openQueueDashboard(): Promise<void> {
  await api<void>(`${QUEUE_DASHBOARD}/session`, { method: 'POST' });
  window.location.assign(QUEUE_DASHBOARD);
}
