import { useQuery } from '@tanstack/react-query';
import { apiAll } from '../api/client';
import type { Acquisition, ChipApproval, Company, Listing, TimelineEntry } from '../api/types';
import { ConfidenceBadge, StatusBadge } from '../components/badges';
import { QueryState } from '../components/feedback';
import { RecordTable } from '../components/RecordTable';
import { ResourceFooter, ResourcePage } from '../components/resource-parts';
import { CompanyName, Fields, Money, Value } from '../components/Value';
import { formatDate, formatTimestamp } from '../format/dates';
import { humanize, text } from '../format/words';
import { TLink, useTimeTravel } from '../time/time-travel';
import { dealValue } from './deal-figures';
import { money } from './listing-figures';

/** A company: names in every script, identifiers, moves, and everything it took part in. */
export function CompanyPage() {
  return (
    <ResourcePage<Company> collection="/v1/companies" what="the company">
      {(c) => (
        <article>
          <h1>{text(c.display_name, c.id)}</h1>
          <p className="lead">
            {c.registered ? null : <span className="badge tone-warn">referenced, never registered</span>}{' '}
            {c.legal_name ? <span>{text(c.legal_name)}</span> : null}{' '}
            {c.headquarters_country ? <span>· headquartered in {text(c.headquarters_country)}</span> : null}
          </p>
          <div className="two-columns">
            <section className="card" aria-labelledby="company-names">
              <h2 id="company-names">Names</h2>
              {c.aliases?.length ? (
                <ul>
                  {c.aliases.map((alias, index) => (
                    <li key={index} lang={typeof alias.lang === 'string' ? alias.lang : undefined}>
                      {text(alias.name)}{' '}
                      <span className="muted">
                        {[alias.kind, alias.lang]
                          .filter(Boolean)
                          .map((word) => text(word))
                          .join(', ')}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No aliases.</p>
              )}
              <h3>Identifiers</h3>
              {c.identifiers && Object.keys(c.identifiers).length ? (
                <Fields value={c.identifiers} />
              ) : (
                <p className="muted">None reported.</p>
              )}
            </section>
            <section className="card" aria-labelledby="company-moves">
              <h2 id="company-moves">Relocations and people</h2>
              <RecordTable
                caption="Relocations"
                rows={c.relocations ?? []}
                columns={[
                  { key: 'from_country', header: 'From' },
                  { key: 'to_country', header: 'To' },
                  { key: 'occurred_on', header: 'When' },
                ]}
              />
              <h3>Key people</h3>
              <RecordTable
                caption="Key people"
                rows={c.key_people ?? []}
                columns={[{ key: 'name' }, { key: 'role' }, { key: 'previous_employer' }, { key: 'occurred_on', header: 'When' }]}
              />
            </section>
          </div>
          <TookPartIn company={c.subject} />
          <CompanyTimeline id={c.id} />
          <ResourceFooter resource={c} />
        </article>
      )}
    </ResourcePage>
  );
}

function TookPartIn({ company }: { company: string }) {
  const time = useTimeTravel();
  const deals = useQuery({
    queryKey: ['acquisitions', company, time.query],
    queryFn: ({ signal }) => apiAll<Acquisition>('/v1/acquisitions', { company, ...time.query }, { signal }),
  });
  const listings = useQuery({
    queryKey: ['listings', company, time.query],
    queryFn: ({ signal }) => apiAll<Listing>('/v1/listings', { company, ...time.query }, { signal }),
  });
  const approvals = useQuery({
    queryKey: ['chip-approvals', company],
    queryFn: ({ signal }) => apiAll<ChipApproval>('/v1/chip-approvals', { company }, { signal }),
  });
  return (
    <section aria-labelledby="took-part">
      <h2 id="took-part">Took part in</h2>
      <h3>Deals</h3>
      <QueryState query={deals} what="Loading deals">
        {(rows) =>
          rows.length ? (
            <ul>
              {rows.map((deal) => (
                <li key={deal.id}>
                  <TLink to={`/deals/${deal.id}`}>{deal.id}</TLink>: <CompanyName value={deal.acquirer} /> →{' '}
                  <CompanyName value={deal.target} /> <StatusBadge status={deal.status} /> <Money value={dealValue(deal)} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None.</p>
          )
        }
      </QueryState>
      <h3>Listings</h3>
      <QueryState query={listings} what="Loading listings">
        {(rows) =>
          rows.length ? (
            <ul>
              {rows.map((listing) => (
                <li key={listing.id}>
                  <TLink to={`/listings/${listing.id}`}>{listing.id}</TLink> <StatusBadge status={listing.status} />{' '}
                  <Money value={money(listing.gross_proceeds)} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None.</p>
          )
        }
      </QueryState>
      <h3>Chip licences and approvals</h3>
      <QueryState query={approvals} what="Loading approvals">
        {(rows) => (
          <RecordTable
            caption="Chip licences and approvals"
            rows={rows}
            columns={[
              { key: 'chiptrade', header: 'Corridor' },
              { key: 'side' },
              { key: 'status', kind: 'status' },
              { key: 'kind' },
              { key: 'conditions' },
              { key: 'confidence', kind: 'confidence' },
            ]}
          />
        )}
      </QueryState>
    </section>
  );
}

function CompanyTimeline({ id }: { id: string }) {
  const time = useTimeTravel();
  const timeline = useQuery({
    queryKey: ['company-timeline', id, time.query],
    queryFn: ({ signal }) => apiAll<TimelineEntry>(`/v1/companies/${encodeURIComponent(id)}/timeline`, time.query, { signal }),
  });
  return (
    <section aria-labelledby="company-timeline">
      <h2 id="company-timeline">Timeline</h2>
      <QueryState query={timeline} what="Loading the timeline">
        {(rows) =>
          rows.length ? (
            <ol className="event-list">
              {rows.map((entry) => (
                <li key={entry.event_id} className="card">
                  <h3>
                    <TLink to={`/events/${entry.global_position}`}>{humanize(entry.type)}</TLink>
                  </h3>
                  <p>
                    <Value value={entry.subject} /> · {formatDate(entry.occurred_on, entry.occurred_precision)} · recorded{' '}
                    {formatTimestamp(entry.recorded_at)}
                  </p>
                  <p className="meta">
                    {String(entry.source?.publisher ?? 'unknown source')} · effective confidence{' '}
                    <ConfidenceBadge confidence={entry.confidence} />
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No events.</p>
          )
        }
      </QueryState>
    </section>
  );
}
