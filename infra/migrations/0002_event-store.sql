-- Up Migration

-- The log. Log order is (transaction_id, global_position), not global_position alone: positions are
-- drawn at insert but become visible at commit, so only the transaction id tells a reader what may
-- still appear before a given event (see libs/event-store/README.md).
CREATE TABLE events (
  global_position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id      xid8 NOT NULL DEFAULT pg_current_xact_id(),
  subject             text NOT NULL CHECK (subject <> ''),
  version             integer NOT NULL CHECK (version > 0),
  event_id            uuid NOT NULL,
  type                text NOT NULL CHECK (type <> ''),
  schema_version      integer NOT NULL CHECK (schema_version > 0),
  data                jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  -- correlation, causation and request ids, the API key that wrote the event
  metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  source              jsonb NOT NULL CHECK (jsonb_typeof(source) = 'object'),
  companies           text[] NOT NULL DEFAULT '{}',
  regions             text[] NOT NULL DEFAULT '{}',
  occurred_on         date,
  occurred_precision  text NOT NULL,
  correlation_id      text,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_subject_version_key UNIQUE (subject, version)
);
CREATE INDEX events_log_order ON events (transaction_id, global_position);
CREATE INDEX events_companies ON events USING gin (companies);
CREATE INDEX events_regions ON events USING gin (regions);

-- Append-only is enforced here, not left to the service's good manners.
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: % on events is refused', TG_OP
    USING ERRCODE = 'ES003', HINT = 'record a correction or retraction as a new event';
END $$;
CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- One row per subject: its row lock serialises appends to a stream, its version is the expectation
-- checked, and transaction_id (of the last append) keeps each stream's events in version order in the log.
CREATE TABLE streams (
  subject         text PRIMARY KEY,
  version         integer NOT NULL CHECK (version >= 0),
  transaction_id  xid8 NOT NULL
);

-- Where each log consumer (projection, alert router, replay) is, as a point in log order.
-- ('0', 0) is the start of the log.
CREATE TABLE checkpoints (
  name             text PRIMARY KEY,
  transaction_id   xid8 NOT NULL,
  global_position  bigint NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The log point of the event at p_position, so that public cursors stay plain positions: "after N"
-- means after event N in log order. A position no event holds (a rolled-back append drew it) maps to
-- the nearest event below it; 0 maps to the start of the log, ('0', 0).
CREATE FUNCTION event_log_point(p_position bigint, OUT transaction_id xid8, OUT global_position bigint)
LANGUAGE sql STABLE AS $$
  SELECT coalesce(e.transaction_id, '0'), coalesce(e.global_position, 0)
  FROM (VALUES (p_position)) AS wanted (position)
  LEFT JOIN LATERAL (SELECT transaction_id, global_position FROM events
                      WHERE global_position <= wanted.position
                      ORDER BY global_position DESC LIMIT 1) e ON true
$$;

-- The rows of an append call's JSON array, in call order, with the optional fields defaulted.
CREATE FUNCTION event_store_incoming(p_events jsonb)
RETURNS TABLE (ord bigint, event_id uuid, type text, schema_version integer, data jsonb, metadata jsonb,
               source jsonb, companies text[], regions text[], occurred_on date, occurred_precision text,
               correlation_id text, recorded_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT e.ordinality, e.event_id, e.type, e.schema_version, e.data, coalesce(e.metadata, '{}'), e.source,
         coalesce(e.companies, '{}'), coalesce(e.regions, '{}'), e.occurred_on, e.occurred_precision,
         e.correlation_id, coalesce(e.recorded_at, now())
  FROM ROWS FROM (jsonb_to_recordset(p_events) AS (
    event_id uuid, type text, schema_version integer, data jsonb, metadata jsonb, source jsonb,
    companies text[], regions text[], occurred_on date, occurred_precision text, correlation_id text,
    recorded_at timestamptz)) WITH ORDINALITY AS e
$$;

-- Appends `p_events` (a JSON array of EventToAppend) to `p_subject` in one round trip and returns one
-- row per event, not necessarily in call order. p_expected is a version number, 'any', 'no_stream' or
-- 'exists'. p_notify wakes log consumers at commit; the service passes false when it notifies after
-- its own commit instead, because a notifying commit holds a cluster-wide lock that serialises commits.
-- An event whose id is already stored with the same content (everything but metadata, which carries
-- request ids, and recorded_at) is not written again: it comes back with its original position and
-- duplicate = true. When every event is such a duplicate the call is the retry of a committed append,
-- so the expectation is not checked.
-- Raises ES001 (stale expectation, DETAIL {"current": n}), ES002 (an id stored with other content,
-- DETAIL {"event_id": "…"}) or 40001 (retry the transaction); in every case nothing is written.
CREATE FUNCTION event_store_append(p_subject text, p_expected text, p_events jsonb, p_notify boolean)
RETURNS TABLE (event_id uuid, version integer, global_position bigint, recorded_at timestamptz, duplicate boolean)
LANGUAGE plpgsql
-- Every lookup here is by key. A session caches these plans at its first calls, maybe while the log
-- is still small enough for a sequential scan to look cheapest; that plan must not outlive it.
SET enable_seqscan = off
AS $$
DECLARE
  v_count    integer := jsonb_array_length(p_events);
  v_current  integer;
  v_dup_ids  uuid[];
  v_conflict uuid;
BEGIN
  -- Lock the stream (creating it on its first append) and claim a version for every event at once;
  -- the rare duplicate path below gives back the versions it does not use.
  -- A transaction id is taken at a transaction's first write, not at its commit: one that took its id
  -- before the last appender of this stream would sort before that appender's events in log order,
  -- ahead of lower versions. It must start over with a new id (40001, as for a serialization failure).
  INSERT INTO streams AS s (subject, version, transaction_id) VALUES (p_subject, v_count, pg_current_xact_id())
    ON CONFLICT (subject) DO UPDATE SET version = s.version + v_count, transaction_id = excluded.transaction_id
      WHERE s.transaction_id <= excluded.transaction_id
    RETURNING s.version - v_count INTO v_current;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'stream % was appended to by a transaction younger than this one', p_subject
      USING ERRCODE = 'serialization_failure', HINT = 'roll back and retry the whole transaction';
  END IF;

  -- Looked up after the lock, so a concurrent append of the same events has committed by now.
  v_dup_ids := ARRAY(SELECT d.event_id FROM events d
                     WHERE d.event_id = ANY (ARRAY(SELECT (x->>'event_id')::uuid FROM jsonb_array_elements(p_events) x)));
  IF cardinality(v_dup_ids) > 0 THEN
    SELECT i.event_id INTO v_conflict
      FROM event_store_incoming(p_events) i JOIN events d ON d.event_id = i.event_id
      WHERE d.event_id = ANY (v_dup_ids)
        AND NOT (d.subject = p_subject AND d.type = i.type AND d.schema_version = i.schema_version
                 AND d.data = i.data AND d.source = i.source AND d.companies = i.companies
                 AND d.regions = i.regions AND d.occurred_on IS NOT DISTINCT FROM i.occurred_on
                 AND d.occurred_precision = i.occurred_precision
                 AND d.correlation_id IS NOT DISTINCT FROM i.correlation_id)
      LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'event % is already stored with other content', v_conflict
        USING ERRCODE = 'ES002', DETAIL = json_build_object('event_id', v_conflict);
    END IF;
    RETURN QUERY SELECT d.event_id, d.version, d.global_position, d.recorded_at, true
      FROM events d WHERE d.event_id = ANY (v_dup_ids);
    v_count := v_count - cardinality(v_dup_ids);
    UPDATE streams SET version = v_current + v_count WHERE subject = p_subject;
    IF v_count = 0 THEN
      RETURN;
    END IF;
  END IF;

  IF NOT (p_expected = 'any'
          OR (p_expected = 'no_stream' AND v_current = 0)
          OR (p_expected = 'exists' AND v_current > 0)
          OR p_expected = v_current::text) THEN
    RAISE EXCEPTION 'stream % is at version %, expected %', p_subject, v_current, p_expected
      USING ERRCODE = 'ES001', DETAIL = json_build_object('current', v_current);
  END IF;

  RETURN QUERY
    INSERT INTO events AS e (subject, version, event_id, type, schema_version, data, metadata, source,
                             companies, regions, occurred_on, occurred_precision, correlation_id, recorded_at)
    SELECT p_subject, v_current + row_number() OVER (ORDER BY i.ord), i.event_id, i.type, i.schema_version,
           i.data, i.metadata, i.source, i.companies, i.regions, i.occurred_on, i.occurred_precision,
           i.correlation_id, i.recorded_at
    FROM event_store_incoming(p_events) i
    WHERE i.event_id <> ALL (v_dup_ids)
    ORDER BY i.ord
    RETURNING e.event_id, e.version, e.global_position, e.recorded_at, false;
  IF p_notify THEN
    PERFORM pg_notify('event_store', '');
  END IF;
END $$;

-- Down Migration
DROP FUNCTION event_store_append(text, text, jsonb, boolean);
DROP FUNCTION event_store_incoming(jsonb);
DROP FUNCTION event_log_point(bigint);
DROP TABLE checkpoints;
DROP TABLE streams;
DROP TABLE events;
DROP FUNCTION events_refuse_change();
