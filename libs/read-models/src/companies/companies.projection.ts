import { foldSubject, type CompanyState } from '@newsledger/domain';
import { presentedJson, resourceDocument, toResource } from '../http/resource.js';
import { foldingProjection, handlerOf, isOfKind, touchedSubjects, type Projection } from '../projection/projection.js';
import { upsertParams, upsertRowsSql } from '../projection/upsert-rows.js';
import { searchColumns } from './name-search.js';

const UPSERT_COMPANIES = upsertRowsSql('rm_companies', {
  registered: 'boolean',
  display_name: 'text',
  country: 'text',
  search_compact: 'text',
  search_grams: 'text[]',
});

// A company named by some event but never registered still gets a row, shown as unresolved (the fold of nothing).
const INSERT_REFERENCED = `
  INSERT INTO rm_companies (subject, registered, version, last_global_position, doc)
  SELECT subject, false, 0, 0, doc FROM unnest($1::text[], $2::text[]) AS r (subject, doc)
  ON CONFLICT (subject) DO NOTHING`;

const registeredCompanies = foldingProjection<CompanyState>('rm_companies', 'company', async (client, states) => {
  const rows = states.map((state) => ({
    subject: state.subject,
    registered: state.registered,
    display_name: state.display_name,
    country: state.headquarters_country,
    // Every name the company goes by: its slug, display and legal names, and every alias in any script.
    ...searchColumns([state.subject.slice('company:'.length), state.display_name, state.legal_name, ...state.aliases.map((a) => a.name)]),
    state,
  }));
  await client.query(UPSERT_COMPANIES, upsertParams({ rows, docs: states.map((state) => resourceDocument(state)) }));
});

export const companiesProjection: Projection = {
  name: registeredCompanies.name,
  tables: registeredCompanies.tables,
  handle: handlerOf(
    // Any company an event names gets its row, registered or not.
    (event) => event.companies.length > 0 || isOfKind(event.subject, 'company'),
    async (events, client, streams) => {
      // A company whose own stream the batch touches gets its row from the fold below, unresolved document or not.
      const folded = new Set(touchedSubjects(events, 'company'));
      const referenced = [...new Set(events.flatMap((e) => e.companies))].filter((subject) => !folded.has(subject));
      await client.query(INSERT_REFERENCED, [referenced, referenced.map((subject) => presentedJson(toResource(foldSubject(subject, []))))]);
      await registeredCompanies.handle(events, client, streams);
    },
  ),
};
