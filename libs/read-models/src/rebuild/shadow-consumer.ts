import type { TransactionalConsumer } from '@newsledger/event-store';
import pg from 'pg';
import type { Projection } from '../projection/projection.js';
import { StreamCache } from '../projection/stream-cache.js';
import { rebuildRunning } from './rebuild-requests.js';
import { shadowOf } from './shadow-tables.js';

/**
 * The projection's own handler run against the shadow tables: the projections' SQL names tables
 * without a schema, so a search_path that puts the shadow schema first sends their writes there
 * (and their reads of `events` to public). Once the rebuild is swapped in, the schema is gone and the
 * same search_path would reach the live tables: a batch that finds the rebuild over fails instead.
 */
export function shadowConsumer(projection: Projection): TransactionalConsumer {
  const { schema, consumer } = shadowOf(projection);
  // The rebuild's own: it reads the log far behind the live projections.
  const streams = new StreamCache();
  return {
    name: consumer,
    async handle(events, client) {
      if (!(await rebuildRunning(client, projection.name))) throw new Error(`the rebuild of ${projection.name} is over`);
      await client.query(`SET LOCAL search_path TO ${pg.escapeIdentifier(schema)}, public`);
      await projection.handle(events, client, streams);
    },
  };
}
