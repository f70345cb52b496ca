import { jsonbArrayParam, joinedTextParam } from './json-params.js';
import { foldedColumns, foldedRecordset, type StoredRows } from './row-shape.js';

// The columns every folded read-model row ends with, taken from its folded state.
const BOOKKEEPING = {
  version: `(r.state->>'version')::integer`,
  last_global_position: `(r.state->>'last_global_position')::bigint`,
  sources: `r.state->'sources'`,
  confidence: `r.state->>'confidence'`,
};

// Between the documents of $2. JSON text never holds a raw control character (JSON.stringify escapes
// every one), so no document contains it.
const DOC_SEPARATOR = '\u0001';

/**
 * One statement that upserts a batch of folded rows, passed as upsertParams makes them: a JSON array
 * ($1) of objects with `subject`, `state` (the folded aggregate) and a field per other column of
 * `columns` (name → SQL type), and beside it ($2) their documents (see storedRows), as text joined by
 * a separator instead of strings inside the JSON: a document is JSON text of about the state's size,
 * which a JSON string would escape on the way in and PostgreSQL parse back out of the array. The
 * bookkeeping columns come from the state. A row is updated unless the stored one already
 * reflects a later position (a replayed batch, or a standby projector that fell behind). One
 * statement per batch, not one per row: round trips are most of what a projection costs.
 */
export function upsertRowsSql(table: string, filterColumns: Record<string, string>): string {
  const typed = foldedColumns(filterColumns);
  // `doc`: what a list sends for the row, serialised once here instead of on every read.
  const names = [...Object.keys(typed), 'doc', ...Object.keys(BOOKKEEPING)];
  const updated = names.filter((name) => name !== 'subject');
  return `
    INSERT INTO ${table} (${names.join(', ')})
    SELECT ${[...Object.keys(typed), 'doc', ...Object.values(BOOKKEEPING)].join(', ')}
      FROM ROWS FROM (${foldedRecordset(filterColumns, 1, null)}, unnest(string_to_array($2, chr(1))))
           AS r (${[...Object.keys(typed), 'doc'].join(', ')})
    ON CONFLICT (subject) DO UPDATE SET ${updated.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE ${table}.last_global_position <= EXCLUDED.last_global_position`;
}

/** The parameters of upsertRowsSql for `stored`. */
export function upsertParams({ rows, docs }: StoredRows): [Buffer, Buffer] {
  return [jsonbArrayParam(rows), joinedTextParam(docs, DOC_SEPARATOR)];
}
