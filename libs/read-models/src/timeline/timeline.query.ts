import { z } from 'zod';
import { pageQuery } from '../http/page.js';

export const timelineQuery = z.strictObject({ ...pageQuery });

export interface TimelineRow {
  sort_on: string;
  event_id: string;
  subject: string;
  type: string;
  occurred_on: string | null;
  occurred_precision: string;
  recorded_at: string;
  global_position: number;
  source: Record<string, unknown>;
  confidence: string;
}

// Keyset on (sort_on, global_position) descending: undated facts carry the earliest sort_on, so they come last.
export const TIMELINE_SQL = `
  SELECT sort_on, event_id, subject, type, occurred_on, occurred_precision, recorded_at, global_position, source, confidence
    FROM rm_timeline
   WHERE company = $1
     AND ($2::date IS NULL OR (sort_on, global_position) < ($2::date, $3::bigint))
   ORDER BY sort_on DESC, global_position DESC
   LIMIT $4`;
