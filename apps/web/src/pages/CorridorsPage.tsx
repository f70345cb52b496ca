import { useQuery } from '@tanstack/react-query';
import { apiAll } from '../api/client';
import type { ChipTrade } from '../api/types';
import { StatusBadge } from '../components/badges';
import { QueryState } from '../components/feedback';
import { RecordTable } from '../components/RecordTable';
import { Field, productText } from '../components/Value';
import { humanize } from '../format/words';
import { TLink, useTimeTravel } from '../time/time-travel';

const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value : []);

/** Every export licence and import approval of the corridors, one row each, read from the corridors themselves so time travel applies. */
function approvalsOf(corridors: ChipTrade[]) {
  return corridors.flatMap((corridor) => [
    ...list(corridor.export?.licences).map((licence) => ({
      corridor: corridor.subject,
      side: 'export',
      holder: licence.licensee,
      ...licence,
    })),
    ...list(corridor.import?.approvals).map((approval) => ({
      corridor: corridor.subject,
      side: 'import',
      holder: approval.importer,
      ...approval,
    })),
  ]);
}

/** Chip-trade corridors: the export side and the import side, and who holds which licence or approval. */
export function CorridorsPage() {
  const time = useTimeTravel();
  const corridors = useQuery({
    queryKey: ['chiptrade', time.query],
    queryFn: ({ signal }) => apiAll<ChipTrade>('/v1/chiptrade', time.query, { signal }),
  });
  return (
    <>
      <h1>Chip corridors</h1>
      <QueryState query={corridors} what="Loading corridors">
        {(rows) => (
          <>
            <div className="cards">
              {rows.map((corridor) => (
                <article
                  key={corridor.id}
                  className="card corridor-card"
                  data-corridor={corridor.id}
                  aria-labelledby={`corridor-${corridor.id}`}
                >
                  <h2 id={`corridor-${corridor.id}`}>
                    <TLink to={`/corridors/${corridor.id}`}>{corridor.id}</TLink>
                  </h2>
                  <p>
                    {list(corridor.export?.products).length ? (
                      list(corridor.export.products).map(productText).join(', ')
                    ) : (
                      <span className="muted">products not named</span>
                    )}
                  </p>
                  <dl className="fields compact">
                    <Field label="Export side">
                      <StatusBadge status={String(corridor.export?.state ?? 'unknown')} />
                      {corridor.export?.authorization_announced ? ' · authorization announced' : ''}
                      {list(corridor.export?.licences).length ? ` · ${list(corridor.export.licences).length} licence(s)` : ''}
                    </Field>
                    <Field label="Import side">
                      <StatusBadge status={String(corridor.import?.state ?? 'unknown')} />
                      {corridor.import?.official_status ? ` · officially ${humanize(String(corridor.import.official_status))}` : ''}
                      {list(corridor.import?.approvals).length ? ` · ${list(corridor.import.approvals).length} approval(s)` : ''}
                    </Field>
                  </dl>
                </article>
              ))}
            </div>
            <section aria-labelledby="approvals">
              <h2 id="approvals">Licences and approvals</h2>
              <RecordTable
                caption="Licences and approvals across corridors"
                rows={approvalsOf(rows)}
                columns={[
                  { key: 'corridor' },
                  { key: 'side' },
                  { key: 'holder', header: 'Licensee or importer' },
                  { key: 'state', kind: 'status' },
                  { key: 'approval_kind', header: 'Kind' },
                  { key: 'quantity' },
                  { key: 'conditions' },
                  { key: 'confidence', kind: 'confidence' },
                ]}
              />
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
