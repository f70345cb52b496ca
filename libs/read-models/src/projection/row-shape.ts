import type { AggregateState } from '@newsledger/domain';
import { resourceDocument } from '../http/resource.js';

/**
 * How a read model stores a folded state: its table, the typed columns its list filters read (name →
 * SQL type) and the row of one state. The projection writes these rows; a list asked about a past
 * point builds the same rows from states folded on demand and filters them with the same SQL.
 */
export interface RowShape<S extends AggregateState> {
  table: string;
  columns: Record<string, string>;
  rowOf(state: S): { subject: string; state: S } & Record<string, unknown>;
  /** The resource the API shows for a state (toResource unless the read model adds to it). */
  resource?(state: S): Record<string, unknown>;
}

/** Rows of a read model's table, and in the same order their `doc`s (see upsertRowsSql). */
export interface StoredRows {
  rows: ({ subject: string } & Record<string, unknown>)[];
  docs: string[];
}

/** The rows a projection stores for `states`: each with `doc`, the document a list sends for it. */
export function storedRows<S extends AggregateState>(shape: RowShape<S>, states: readonly S[]): StoredRows {
  const resource = shape.resource as ((state: AggregateState) => Record<string, unknown>) | undefined;
  return { rows: states.map((state) => shape.rowOf(state)), docs: states.map((state) => resourceDocument(state, resource)) };
}

/** The columns of a folded row, typed (name → SQL type): `subject`, the read model's own, `state`. */
export function foldedColumns(columns: Record<string, string>): Record<string, string> {
  return { subject: 'text', ...columns, state: 'jsonb' };
}

/**
 * Rows passed as the JSON array parameter `$param`, typed like the table (foldedColumns), named `r`;
 * with no `alias` for a place that names them itself (ROWS FROM).
 */
export function foldedRecordset(columns: Record<string, string>, param = 1, alias: string | null = 'r'): string {
  const definitions = Object.entries(foldedColumns(columns)).map(([name, type]) => `${name} ${type}`);
  return `jsonb_to_recordset($${param}::jsonb) AS ${alias ?? ''}(${definitions.join(', ')})`;
}
