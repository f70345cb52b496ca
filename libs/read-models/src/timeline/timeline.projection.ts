import { resolveStream } from '@newsledger/domain';
import { touchedSubjects, type Projection } from '../projection/projection.js';
import { streamsOf } from '../projection/read-stream.js';

const DELETE_SUBJECTS = `DELETE FROM rm_timeline WHERE subject = ANY ($1)`;

const INSERT_FACTS = `
  INSERT INTO rm_timeline (company, event_id, subject, type, occurred_on, occurred_precision, recorded_at, global_position, source, confidence)
  SELECT f.company, f.event_id, f.subject, f.type, f.occurred_on, f.occurred_precision, f.recorded_at, f.global_position, f.source, f.confidence
    FROM jsonb_to_recordset($1::jsonb) AS f(company text, event_id uuid, subject text, type text, occurred_on date, occurred_precision text,
                                            recorded_at timestamptz, global_position bigint, source jsonb, confidence text)`;

/**
 * Every counted fact of a touched stream, once per company it names. The streams' rows are replaced
 * whole, so a retraction drops its fact and a corroboration raises the effective confidence shown.
 */
export const timelineProjection: Projection = {
  name: 'rm_timeline',
  tables: ['rm_timeline'],
  async handle(events, client) {
    const streams = await streamsOf(client, events, touchedSubjects(events, null));
    const rows = [...streams].flatMap(([subject, stream]) =>
      resolveStream(subject, stream).facts.flatMap((fact) =>
        fact.companies.map((company) => ({
          company,
          event_id: fact.event_id,
          subject,
          type: fact.type,
          occurred_on: fact.occurred_on,
          occurred_precision: fact.occurred_precision,
          recorded_at: fact.recorded_at,
          global_position: fact.global_position,
          source: fact.source,
          confidence: fact.confidence,
        })),
      ),
    );
    await client.query(DELETE_SUBJECTS, [[...streams.keys()]]);
    await client.query(INSERT_FACTS, [JSON.stringify(rows)]);
  },
};
