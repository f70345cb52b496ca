import { jsonbArrayParam } from '../projection/json-params.js';
import { touchedSubjects, type Projection } from '../projection/projection.js';
import { streamsOf } from '../projection/read-stream.js';
import { StreamCache } from '../projection/stream-cache.js';
import { timelineFacts } from './timeline-rows.js';

const DELETE_SUBJECTS = `DELETE FROM rm_timeline WHERE subject = ANY ($1)`;

const INSERT_FACTS = `
  INSERT INTO rm_timeline (company, event_id, subject, type, occurred_on, occurred_precision, recorded_at, global_position, data, source,
                           confidence, sort_on)
  SELECT f.company, f.event_id, f.subject, f.type, f.occurred_on, f.occurred_precision, f.recorded_at, f.global_position, f.data, f.source,
         f.confidence, f.sort_on
    FROM jsonb_to_recordset($1::jsonb) AS f(company text, event_id uuid, subject text, type text, occurred_on date, occurred_precision text,
                                            recorded_at timestamptz, global_position bigint, data jsonb, source jsonb, confidence text,
                                            sort_on date)`;

/**
 * Every counted fact of a touched stream, once per company it names. The streams' rows are replaced
 * whole, so a retraction drops its fact and a corroboration raises the effective confidence shown.
 */
export const timelineProjection: Projection = {
  name: 'rm_timeline',
  tables: ['rm_timeline'],
  async handle(events, client, cache = new StreamCache()) {
    const streams = await streamsOf(client, events, touchedSubjects(events, null), cache);
    const rows = [...streams].flatMap(([subject, stream]) => timelineFacts(cache.resolve(subject, stream)));
    await client.query(DELETE_SUBJECTS, [[...streams.keys()]]);
    await client.query(INSERT_FACTS, [jsonbArrayParam(rows)]);
  },
};
