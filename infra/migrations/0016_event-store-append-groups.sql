-- Up Migration

-- The rules of one append (0002's event_store_append, which now raises what this reports) as an
-- outcome rather than an exception, so that one statement can append a group of independent appends
-- and fail one of them without failing the others: without a subtransaction per append (past 64 in a
-- transaction, every snapshot taken meanwhile overflows to pg_subtrans), and so without writing
-- anything a failure would have to undo. Hence the order: the stream is locked and everything is
-- checked before the first write.
-- Returns the appended events (not necessarily in call order, failure NULL), or a single row whose
-- failure is the SQLSTATE event_store_append raises (ES001, ES002, 40001) and detail its DETAIL.
CREATE FUNCTION event_store_append_outcome(p_subject text, p_expected text, p_events jsonb)
RETURNS TABLE (event_id uuid, version integer, global_position bigint, recorded_at timestamptz, duplicate boolean,
               failure text, detail text)
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
  v_xid      xid8 := pg_current_xact_id();
  v_current  integer;
  v_last     xid8;
  v_dup_ids  uuid[];
  v_conflict uuid;
  v_new      integer;
BEGIN
  LOOP
    -- A stream without a row yet is locked by the INSERT that creates it, below.
    SELECT s.version, s.transaction_id INTO v_current, v_last FROM streams s WHERE s.subject = p_subject FOR UPDATE;
    -- A transaction id is taken at a transaction's first write, not at its commit: one that took its id
    -- before the last appender of this stream would sort before that appender's events in log order,
    -- ahead of lower versions. It must start over with a new id (as for a serialization failure).
    IF v_last > v_xid THEN
      failure := '40001';
      RETURN NEXT;
      RETURN;
    END IF;
    v_current := coalesce(v_current, 0);

    -- Looked up after the lock, so a concurrent append of the same events has committed by now.
    v_dup_ids := ARRAY(SELECT d.event_id FROM events d
                       WHERE d.event_id = ANY (ARRAY(SELECT (x->>'event_id')::uuid FROM jsonb_array_elements(p_events) x)));
    v_new := jsonb_array_length(p_events) - cardinality(v_dup_ids);
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
        failure := 'ES002';
        detail := json_build_object('event_id', v_conflict);
        RETURN NEXT;
        RETURN;
      END IF;
      -- Every event is a duplicate: the retry of a committed append, whose expectation is not checked.
      IF v_new = 0 THEN
        RETURN QUERY SELECT d.event_id, d.version, d.global_position, d.recorded_at, true, NULL::text, NULL::text
          FROM events d WHERE d.event_id = ANY (v_dup_ids);
        RETURN;
      END IF;
    END IF;

    IF NOT (p_expected = 'any'
            OR (p_expected = 'no_stream' AND v_current = 0)
            OR (p_expected = 'exists' AND v_current > 0)
            OR p_expected = v_current::text) THEN
      failure := 'ES001';
      detail := json_build_object('current', v_current);
      RETURN NEXT;
      RETURN;
    END IF;

    INSERT INTO streams AS s (subject, version, transaction_id) VALUES (p_subject, v_current + v_new, v_xid)
      ON CONFLICT (subject) DO UPDATE SET version = excluded.version, transaction_id = excluded.transaction_id
        WHERE s.version = v_current AND s.transaction_id <= excluded.transaction_id;
    EXIT WHEN FOUND;
    -- The stream had no row at the look above and a concurrent append has created it since (and
    -- committed: the INSERT waited for it). Nothing is written yet: look again, under its lock now.
  END LOOP;

  RETURN QUERY SELECT d.event_id, d.version, d.global_position, d.recorded_at, true, NULL::text, NULL::text
    FROM events d WHERE d.event_id = ANY (v_dup_ids);
  RETURN QUERY
    INSERT INTO events AS e (subject, version, event_id, type, schema_version, data, metadata, source,
                             companies, regions, occurred_on, occurred_precision, correlation_id, recorded_at)
    SELECT p_subject, v_current + row_number() OVER (ORDER BY i.ord), i.event_id, i.type, i.schema_version,
           i.data, i.metadata, i.source, i.companies, i.regions, i.occurred_on, i.occurred_precision,
           i.correlation_id, i.recorded_at
    FROM event_store_incoming(p_events) i
    WHERE i.event_id <> ALL (v_dup_ids)
    ORDER BY i.ord
    RETURNING e.event_id, e.version, e.global_position, e.recorded_at, false, NULL::text, NULL::text;
END $$;

-- Same signature, result and errors as in 0002: the outcome above, its failures raised.
CREATE OR REPLACE FUNCTION event_store_append(p_subject text, p_expected text, p_events jsonb, p_notify boolean)
RETURNS TABLE (event_id uuid, version integer, global_position bigint, recorded_at timestamptz, duplicate boolean)
LANGUAGE plpgsql
AS $$
DECLARE
  o         record;
  v_written boolean := false;
BEGIN
  FOR o IN SELECT * FROM event_store_append_outcome(p_subject, p_expected, p_events) LOOP
    IF o.failure = 'ES001' THEN
      RAISE EXCEPTION 'stream % is at version %, expected %', p_subject, o.detail::json->>'current', p_expected
        USING ERRCODE = 'ES001', DETAIL = o.detail;
    ELSIF o.failure = 'ES002' THEN
      RAISE EXCEPTION 'event % is already stored with other content', o.detail::json->>'event_id'
        USING ERRCODE = 'ES002', DETAIL = o.detail;
    ELSIF o.failure = '40001' THEN
      RAISE EXCEPTION 'stream % was appended to by a transaction younger than this one', p_subject
        USING ERRCODE = 'serialization_failure', HINT = 'roll back and retry the whole transaction';
    END IF;
    event_id := o.event_id;
    version := o.version;
    global_position := o.global_position;
    recorded_at := o.recorded_at;
    duplicate := o.duplicate;
    v_written := v_written OR NOT o.duplicate;
    RETURN NEXT;
  END LOOP;
  IF p_notify AND v_written THEN
    PERFORM pg_notify('event_store', '');
  END IF;
END $$;

-- Independent appends in one statement, so one transaction and one round trip: `p_group` is a JSON
-- array of {subject, expected, events}, each as event_store_append takes them, appended in array order.
-- The caller orders it by subject, the order every multi-stream transaction locks streams in, so that
-- concurrent groups cannot deadlock. Returns event_store_append_outcome's rows for every append,
-- tagged with the append's place in the array (from 1); nothing of a failed append is written, and the
-- others' are. No NOTIFY: the service sends one after the commit.
CREATE FUNCTION event_store_append_group(p_group jsonb)
RETURNS TABLE (item integer, event_id uuid, version integer, global_position bigint, recorded_at timestamptz,
               duplicate boolean, failure text, detail text)
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
  a record;
BEGIN
  FOR a IN SELECT g.ordinality::integer AS item, g.value FROM jsonb_array_elements(p_group) WITH ORDINALITY g LOOP
    RETURN QUERY SELECT a.item, o.* FROM event_store_append_outcome(a.value->>'subject', a.value->>'expected', a.value->'events') o;
  END LOOP;
END $$;

-- Down Migration
DROP FUNCTION event_store_append_group(jsonb);
-- 0002's event_store_append, restored.
CREATE OR REPLACE FUNCTION event_store_append(p_subject text, p_expected text, p_events jsonb, p_notify boolean)
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
DROP FUNCTION event_store_append_outcome(text, text, jsonb);
