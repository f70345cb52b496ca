import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { apiAll } from '../api/client';
import type { Company } from '../api/types';
import { QueryState } from '../components/feedback';
import { text } from '../format/words';
import { TLink } from '../time/time-travel';

/** Search by name or alias in any script (the API folds case and diacritics); referenced-only companies on request. */
export function CompaniesPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unresolved = params.get('unresolved') === 'true';
  const [draft, setDraft] = useState(q);
  const [onlyUnresolved, setOnlyUnresolved] = useState(unresolved);
  const id = useId();
  const companies = useQuery({
    queryKey: ['companies', q, unresolved],
    queryFn: ({ signal }) => apiAll<Company>('/v1/companies', { q: q || undefined, unresolved: unresolved || undefined }, { signal }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (draft.trim()) next.set('q', draft.trim());
      else next.delete('q');
      if (onlyUnresolved) next.set('unresolved', 'true');
      else next.delete('unresolved');
      return next;
    });
  };
  return (
    <>
      <h1>Companies</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <div>
          <label htmlFor={`${id}-q`}>Name or alias</label>
          <input
            id={`${id}-q`}
            type="search"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder="zhipu, Z.ai, キオクシア, 希音…"
          />
        </div>
        <div className="checkbox">
          <input
            id={`${id}-unresolved`}
            type="checkbox"
            checked={onlyUnresolved}
            onChange={(event) => setOnlyUnresolved(event.target.checked)}
          />
          <label htmlFor={`${id}-unresolved`}>Only referenced, never registered</label>
        </div>
        <div className="filter-actions">
          <button type="submit">Search</button>
        </div>
      </form>
      <QueryState query={companies} what="Searching">
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No company matches.</p>
          ) : (
            <ul className="company-list" aria-label="Companies found">
              {rows.map((company) => (
                <li key={company.id} className="card" data-company={company.id}>
                  <h2>
                    <TLink to={`/companies/${company.id}`}>{text(company.display_name, company.id)}</TLink>
                  </h2>
                  <p>
                    {company.registered ? null : <span className="badge tone-warn">referenced, not registered</span>}{' '}
                    {text(company.headquarters_country, '')}{' '}
                    {company.aliases?.length ? (
                      <span className="muted">also {company.aliases.map((alias) => text(alias.name)).join(', ')}</span>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
