-- Up Migration

-- The positions of the events of some streams, and of the events with some ids: every read of whole
-- streams by subject (the streams a request or an import chunk is decided against, a batch's streams,
-- a past list page's) and of events by id is a key lookup. Planned without statistics on events (a
-- server whose autovacuum has not analyzed the log since it grew, a restored dump), `subject = ANY
-- (...)` for a chunk's 500 streams looks to match a large share of the log and ran as a sequential
-- scan: 30 ms against 1.5 ms through the indexes at 100k events, growing with the log. Sequential
-- scans are off here as in event_store_append, and JIT with them (the cost estimate that disabling
-- them inflates would turn it on). The callers fetch the rows by position, through the primary key,
-- which the planner knows to be unique without statistics. Positions rather than rows, so that
-- nothing depends on the events table's row type (infra/partitioning replaces the table).
CREATE FUNCTION event_positions_of(p_subjects text[], p_ids uuid[] DEFAULT '{}')
RETURNS SETOF bigint
LANGUAGE sql STABLE
SET enable_seqscan = off
SET jit = off
AS $$
  SELECT global_position FROM events WHERE subject = ANY (p_subjects) OR event_id = ANY (p_ids)
$$;

-- Down Migration
DROP FUNCTION event_positions_of(text[], uuid[]);
