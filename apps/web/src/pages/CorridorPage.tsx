import type { ChipTrade } from '../api/types';
import { StatusBadge } from '../components/badges';
import { RecordTable } from '../components/RecordTable';
import { ResourceFooter, ResourcePage, SubjectTimeline } from '../components/resource-parts';
import { authorityText, Field, Fields, productText, Value } from '../components/Value';
import { humanize } from '../format/words';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** One corridor: licences and rules on the export side, restrictions and importer approvals on the import side. */
export function CorridorPage() {
  return (
    <ResourcePage<ChipTrade> collection="/v1/chiptrade" what="the corridor">
      {(c) => {
        const out = c.export ?? {};
        const into = c.import ?? {};
        return (
          <article>
            <h1>{c.id}</h1>
            {list(out.products).length ? <p className="lead">{list(out.products).map(productText).join(', ')}</p> : null}
            <div className="stacked">
              <section className="card" aria-labelledby="export-side">
                <h2 id="export-side">
                  Export side <StatusBadge status={String(out.state ?? 'unknown')} />
                </h2>
                <dl className="fields">
                  <Field label="Authority">{out.authority ? authorityText(out.authority) : '—'}</Field>
                  <Field label="Legal basis · rule">
                    <Value value={out.legal_basis} /> · <Value value={out.rule_id} />
                  </Field>
                  <Field label="Review policy">
                    <Value value={out.review_policy} />
                  </Field>
                  <Field label="Authorization announced">{out.authorization_announced ? 'yes' : 'no'}</Field>
                </dl>
                <h3>Authorizations</h3>
                <RecordTable
                  caption="Authorizations"
                  rows={list(out.authorizations)}
                  columns={[{ key: 'announced_by' }, { key: 'legal_effect' }, { key: 'conditions' }, { key: 'occurred_on' }]}
                />
                <h3>Applications</h3>
                <RecordTable
                  caption="Licence applications"
                  rows={list(out.applications)}
                  columns={[{ key: 'application_id' }, { key: 'applicant' }, { key: 'end_users' }, { key: 'state', kind: 'status' }]}
                />
                <h3>Licences</h3>
                <RecordTable
                  caption="Export licences"
                  rows={list(out.licences)}
                  columns={[
                    { key: 'licensee' },
                    { key: 'state', kind: 'status' },
                    { key: 'quantity' },
                    { key: 'conditions' },
                    { key: 'occurred_on' },
                    { key: 'confidence', kind: 'confidence' },
                  ]}
                />
                {list(out.policy_conditions).length ? (
                  <>
                    <h3>Policy conditions</h3>
                    <Value value={out.policy_conditions} />
                  </>
                ) : null}
              </section>
              <section className="card" aria-labelledby="import-side">
                <h2 id="import-side">
                  Import side <StatusBadge status={String(into.state ?? 'unknown')} />
                </h2>
                <dl className="fields">
                  <Field label="Official status">
                    {into.official_status ? humanize(String(into.official_status)) : 'none reported'}
                    {into.official_status_on ? (
                      <>
                        {' '}
                        (<Value value={into.official_status_on} />)
                      </>
                    ) : null}
                  </Field>
                </dl>
                <h3>Restrictions</h3>
                <RecordTable
                  caption="Import restrictions"
                  rows={list(into.restrictions)}
                  columns={[{ key: 'authority' }, { key: 'measure' }, { key: 'signalled_on' }]}
                />
                <h3>Importer approvals</h3>
                <RecordTable
                  caption="Importer approvals"
                  rows={list(into.approvals)}
                  columns={[
                    { key: 'importer' },
                    { key: 'state', kind: 'status' },
                    { key: 'approval_kind', header: 'Kind' },
                    { key: 'authority' },
                    { key: 'quantity' },
                    { key: 'conditions' },
                    { key: 'occurred_on', header: 'When' },
                    { key: 'confidence', kind: 'confidence' },
                  ]}
                />
              </section>
            </div>
            <details>
              <summary>Everything else on record</summary>
              <Fields value={{ export: out, import: into }} />
            </details>
            <ResourceFooter resource={c} />
            <SubjectTimeline subject={c.subject} />
          </article>
        );
      }}
    </ResourcePage>
  );
}
