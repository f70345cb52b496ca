import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Page } from '../api/client';
import type { ProjectionStatus } from '../api/types';
import { openQueueDashboard } from '../auth/session';
import { StatusBadge } from '../components/badges';
import { ProblemNotice, QueryState } from '../components/feedback';

/** For admins: how far each read model is behind the log, rebuilds with their progress, and the queue dashboard. */
export function OperationsPage() {
  const queryClient = useQueryClient();
  const projections = useQuery({
    queryKey: ['projections'],
    queryFn: ({ signal }) => api<Page<ProjectionStatus>>('/v1/projections', { signal }),
    refetchInterval: (query) => (query.state.data?.data.some((p) => p.state === 'rebuilding') ? 500 : 3000),
  });
  const rebuild = useMutation({
    mutationFn: (name: string) => api<unknown>(`/v1/projections/${encodeURIComponent(name)}/rebuild`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['projections'] }),
  });
  const [dashboardError, setDashboardError] = useState<unknown>(null);
  return (
    <>
      <h1>Operations</h1>
      <section aria-labelledby="queues" className="card">
        <h2 id="queues">Queue dashboard</h2>
        <p>
          Webhook delivery jobs in Bull Board. Opening it sets a 30-minute dashboard cookie for your admin key; the key itself stays in this
          tab.
        </p>
        <button type="button" onClick={() => openQueueDashboard().catch(setDashboardError)}>
          Open the queue dashboard
        </button>
        <ProblemNotice error={dashboardError} />
      </section>
      <section aria-labelledby="projections">
        <h2 id="projections">Read models</h2>
        <ProblemNotice error={rebuild.error} />
        <QueryState query={projections} what="Loading projections">
          {(page) => (
            <div className="table-scroll" role="region" aria-label="Read models" tabIndex={0}>
              <table>
                <caption className="visually-hidden">Read models, their position in the log and lag</caption>
                <thead>
                  <tr>
                    <th scope="col">Read model</th>
                    <th scope="col">State</th>
                    <th scope="col">Position</th>
                    <th scope="col">Lag (events)</th>
                    <th scope="col">Lag (seconds)</th>
                    <th scope="col">Rebuild</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((projection) => (
                    <tr key={projection.name} data-projection={projection.name}>
                      <th scope="row">{projection.name}</th>
                      <td>
                        <StatusBadge status={projection.state} />
                        {projection.error && <p className="notice notice-error">{projection.error.message}</p>}
                      </td>
                      <td>{projection.position}</td>
                      <td>{projection.lag_events}</td>
                      <td>{projection.lag_seconds}</td>
                      <td>
                        {projection.state === 'rebuilding' ? (
                          <label>
                            <progress max={100} value={projection.progress ?? 0} aria-label={`Rebuild of ${projection.name}`} />{' '}
                            {projection.progress ?? 0} %
                          </label>
                        ) : (
                          <button
                            type="button"
                            className="secondary"
                            disabled={rebuild.isPending}
                            onClick={() =>
                              confirm(`Rebuild ${projection.name} from the log? Readers keep the current tables until it is done.`) &&
                              rebuild.mutate(projection.name)
                            }
                          >
                            Rebuild
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
    </>
  );
}
