import type pg from 'pg';
import { PROJECTIONS } from '../projections.js';

const TABLES = PROJECTIONS.flatMap((projection) => projection.tables);

/** Every read-model table's rows, in key order (each table's first columns hold its key): equal snapshots, equal read models. */
export function snapshotReadModels(pool: pg.Pool) {
  return Promise.all(TABLES.map(async (table) => ({ table, rows: (await pool.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)).rows })));
}
