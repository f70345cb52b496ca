-- Up Migration

-- event_store_append (0002) gains p_report: with it, a stale expectation, an id stored with other
-- content or a younger appender is reported instead of raised, so that one statement can append a
-- group of independent appends (event_store_append_group) and fail one of them without failing the
-- others. Not with a subtransaction per append (past 64 in a transaction, every snapshot taken
-- meanwhile overflows to pg_subtrans): a failing append undoes the one write it made before its
-- checks, the claim on its stream's versions. Called as before, it answers and raises as before.
DROP FUNCTION event_store_append(text, text, jsonb, boolean);

-- Appends `p_events` (a JSON array of EventToAppend) to `p_subject` in one round trip and returns one
-- row per event, not necessarily in call order. p_expected is a version number, 'any', 'no_stream' or
-- 'exists'. p_notify wakes log consumers at commit; the service passes false when it notifies after
-- its own commit instead, because a notifying commit holds a cluster-wide lock that serialises commits.
-- An event whose id is already stored with the same content (everything but metadata, which carries
-- request ids, and recorded_at) is not written again: it comes back with its original position and
-- duplicate = true. When every event is such a duplicate the call is the retry of a committed append,
-- so the expectation is not checked.
-- Raises ES001 (stale expectation, DETAIL {"current": n}), ES002 (an id stored with other content,
-- DETAIL {"event_id": "…"}) or 40001 (retry the transaction); in every case nothing is written. With
-- p_report, returns instead a single row whose failure is that SQLSTATE and detail that DETAIL, and
-- nothing of the append is written but its stream's last appender, now this transaction (harmless:
-- that only bounds the transaction ids that may append to the stream next).
CREATE FUNCTION event_store_append(p_subject text, p_expected text, p_events jsonb, p_notify boolean,
                                   p_report boolean DEFAULT false)
RETURNS TABLE (event_id uuid, version integer, global_position bigint, recorded_at timestamptz, duplicate boolean,
               failure text, detail text)
LANGUAGE plpgsql
-- Every lookup here is by key. A session caches these plans at its first calls, maybe while the log
-- is still small enough for a sequential scan to look cheapest; that plan must not outlive it.
SET enable_seqscan = off
AS $$
DECLARE
  v_count    integer := jsonb_array_length(p_events);
  v_current  integer;
  v_dup_ids  uuid[] := '{}';
  v_conflict uuid;
BEGIN
  -- Lock the stream (creating it on its first append) and claim a version for every event at once;
  -- the duplicate path below gives back the versions it does not use, a reported failure all of them.
  -- A transaction id is taken at a transaction's first write, not at its commit: one that took its id
  -- before the last appender of this stream would sort before that appender's events in log order,
  -- ahead of lower versions. It must start over with a new id (40001, as for a serialization failure).
  INSERT INTO streams AS s (subject, version, transaction_id) VALUES (p_subject, v_count, pg_current_xact_id())
    ON CONFLICT (subject) DO UPDATE SET version = s.version + v_count, transaction_id = excluded.transaction_id
      WHERE s.transaction_id <= excluded.transaction_id
    RETURNING s.version - v_count INTO v_current;
  IF NOT FOUND THEN
    IF NOT p_report THEN
      RAISE EXCEPTION 'stream % was appended to by a transaction younger than this one', p_subject
        USING ERRCODE = 'serialization_failure', HINT = 'roll back and retry the whole transaction';
    END IF;
    failure := '40001';
    RETURN NEXT;
    RETURN;
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
      IF NOT p_report THEN
        RAISE EXCEPTION 'event % is already stored with other content', v_conflict
          USING ERRCODE = 'ES002', DETAIL = json_build_object('event_id', v_conflict);
      END IF;
      failure := 'ES002';
      detail := json_build_object('event_id', v_conflict);
    ELSE
      v_count := v_count - cardinality(v_dup_ids);
      UPDATE streams SET version = v_current + v_count WHERE subject = p_subject;
    END IF;
  END IF;

  IF failure IS NULL AND v_count > 0 AND NOT (p_expected = 'any'
                                              OR (p_expected = 'no_stream' AND v_current = 0)
                                              OR (p_expected = 'exists' AND v_current > 0)
                                              OR p_expected = v_current::text) THEN
    IF NOT p_report THEN
      RAISE EXCEPTION 'stream % is at version %, expected %', p_subject, v_current, p_expected
        USING ERRCODE = 'ES001', DETAIL = json_build_object('current', v_current);
    END IF;
    failure := 'ES001';
    detail := json_build_object('current', v_current);
  END IF;
  IF failure IS NOT NULL THEN
    -- A stream at 0 was created by this call (no other ever stays at 0).
    IF v_current = 0 THEN
      DELETE FROM streams WHERE subject = p_subject;
    ELSE
      UPDATE streams SET version = v_current WHERE subject = p_subject;
    END IF;
    RETURN NEXT;
    RETURN;
  END IF;

  IF cardinality(v_dup_ids) > 0 THEN
    RETURN QUERY SELECT d.event_id, d.version, d.global_position, d.recorded_at, true, NULL::text, NULL::text
      FROM events d WHERE d.event_id = ANY (v_dup_ids);
    -- Every event is a duplicate: the retry of a committed append, whose expectation is not checked.
    IF v_count = 0 THEN
      RETURN;
    END IF;
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
    RETURNING e.event_id, e.version, e.global_position, e.recorded_at, false, NULL::text, NULL::text;
  IF p_notify THEN
    PERFORM pg_notify('event_store', '');
  END IF;
END $$;

-- Independent appends in one statement, so one transaction and one round trip: `p_group` is a JSON
-- array of {subject, expected, events}, each as event_store_append takes them, appended in array order.
-- The caller orders it by subject, the order every multi-stream transaction locks streams in, so that
-- concurrent groups cannot deadlock. Returns event_store_append's rows (with p_report) for every
-- append, tagged with the append's place in the array (from 1). No NOTIFY: the service sends one
-- after the commit.
CREATE FUNCTION event_store_append_group(p_group jsonb)
RETURNS TABLE (item integer, event_id uuid, version integer, global_position bigint, recorded_at timestamptz,
               duplicate boolean, failure text, detail text)
LANGUAGE plpgsql
AS $$
DECLARE
  a record;
BEGIN
  FOR a IN SELECT g.ordinality::integer AS item, g.value FROM jsonb_array_elements(p_group) WITH ORDINALITY g LOOP
    RETURN QUERY SELECT a.item, o.*
      FROM event_store_append(a.value->>'subject', a.value->>'expected', a.value->'events', false, true) o;
  END LOOP;
END $$;

-- Down Migration
DROP FUNCTION event_store_append_group(jsonb);
DROP FUNCTION event_store_append(text, text, jsonb, boolean, boolean);
-- 0002's event_store_append, restored.
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
