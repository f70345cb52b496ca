import { foldedRecordset } from './row-shape.js';

// The columns every folded read-model row ends with, taken from its folded state.
const BOOKKEEPING = {
  version: `(r.state->>'version')::integer`,
  last_global_position: `(r.state->>'last_global_position')::bigint`,
  sources: `r.state->'sources'`,
  confidence: `r.state->>'confidence'`,
};

/**
 * One statement that upserts a batch of folded rows, passed as a JSON array ($1) of objects with
 * `subject`, `state` (the folded aggregate), `doc` (its document, see storedRows) and a field per other column of `columns` (name → SQL
 * type); the bookkeeping columns come from the state. A row is updated unless the stored one already
 * reflects a later position (a replayed batch, or a standby projector that fell behind). One
 * statement per batch, not one per row: round trips are most of what a projection costs.
 */
export function upsertRowsSql(table: string, filterColumns: Record<string, string>): string {
  // `doc`: what a list sends for the row, serialised once here instead of on every read.
  const columns = { ...filterColumns, doc: 'text' };
  const typed = { subject: 'text', ...columns, state: 'jsonb' };
  const names = [...Object.keys(typed), ...Object.keys(BOOKKEEPING)];
  const updated = names.filter((name) => name !== 'subject');
  return `
    INSERT INTO ${table} (${names.join(', ')})
    SELECT ${[...Object.keys(typed), ...Object.values(BOOKKEEPING)].join(', ')}
      FROM ${foldedRecordset(columns)}
    ON CONFLICT (subject) DO UPDATE SET ${updated.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE ${table}.last_global_position <= EXCLUDED.last_global_position`;
}
