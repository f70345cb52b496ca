-- Turns `events` into a table range-partitioned by global_position, in place and in one transaction.
-- NOT a migration: run it in a maintenance window once the log is large enough to need it (it copies
-- the whole log under an exclusive lock), first on a copy. docs/postgres-at-scale.md says when and why;
-- partitioning.int-spec.ts runs it on a test database and checks the event store still behaves.
--
-- PostgreSQL refuses a UNIQUE constraint on a partitioned table unless it includes the partition key,
-- so the two log-wide uniquenesses (event_id; subject + version) move to `event_keys`, a narrow
-- unpartitioned table filled by a trigger, under the constraint names the service maps to errors.
-- global_position draws from a plain sequence (identity columns on partitioned tables need PG 17).

BEGIN;
LOCK TABLE events IN ACCESS EXCLUSIVE MODE;

ALTER TABLE events RENAME TO events_unpartitioned;
ALTER TABLE events_unpartitioned RENAME CONSTRAINT events_pkey TO events_unpartitioned_pkey;
ALTER TABLE events_unpartitioned RENAME CONSTRAINT events_event_id_key TO events_unpartitioned_event_id_key;
ALTER TABLE events_unpartitioned RENAME CONSTRAINT events_subject_version_key TO events_unpartitioned_subject_version_key;
ALTER INDEX events_log_order RENAME TO events_unpartitioned_log_order;
ALTER INDEX events_companies RENAME TO events_unpartitioned_companies;

CREATE SEQUENCE events_position_seq AS bigint;
SELECT setval('events_position_seq', coalesce((SELECT max(global_position) FROM events_unpartitioned), 0) + 1, false);

CREATE TABLE events (
  global_position     bigint NOT NULL DEFAULT nextval('events_position_seq'),
  transaction_id      xid8 NOT NULL DEFAULT pg_current_xact_id(),
  subject             text NOT NULL CHECK (subject <> ''),
  version             integer NOT NULL CHECK (version > 0),
  event_id            uuid NOT NULL,
  type                text NOT NULL CHECK (type <> ''),
  schema_version      integer NOT NULL CHECK (schema_version > 0),
  data                jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  metadata            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  source              jsonb NOT NULL CHECK (jsonb_typeof(source) = 'object'),
  companies           text[] NOT NULL DEFAULT '{}',
  regions             text[] NOT NULL DEFAULT '{}',
  occurred_on         date,
  occurred_precision  text NOT NULL,
  correlation_id      text,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (global_position)
) PARTITION BY RANGE (global_position);
ALTER SEQUENCE events_position_seq OWNED BY events.global_position;

-- Indexes on the parent are created on every partition, present and future.
CREATE INDEX events_log_order ON events (transaction_id, global_position);
CREATE INDEX events_companies ON events USING gin (companies);
CREATE INDEX events_event_id ON events (event_id);
CREATE INDEX events_subject_version ON events (subject, version);

-- One partition per 10 million positions, two ahead of the log's head. Creating the next ones ahead
-- of time is an operator's job (a monthly cron, or pg_partman); the default partition catches an
-- append that outruns them, and is split later.
DO $$
DECLARE
  width CONSTANT bigint := 10000000;
  head  bigint := coalesce((SELECT max(global_position) FROM events_unpartitioned), 0);
BEGIN
  FOR i IN 0 .. head / width + 2 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
                   'events_p' || lpad(i::text, 4, '0'), i * width, (i + 1) * width);
  END LOOP;
END $$;
CREATE TABLE events_p_default PARTITION OF events DEFAULT;

CREATE TABLE event_keys (
  event_id  uuid NOT NULL CONSTRAINT events_event_id_key PRIMARY KEY,
  subject   text NOT NULL,
  version   integer NOT NULL,
  CONSTRAINT events_subject_version_key UNIQUE (subject, version)
);
CREATE FUNCTION event_keys_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_keys (event_id, subject, version) VALUES (NEW.event_id, NEW.subject, NEW.version);
  RETURN NULL;
END $$;
CREATE TRIGGER events_claim_keys AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION event_keys_claim();

INSERT INTO events SELECT * FROM events_unpartitioned ORDER BY global_position;

-- Append-only, as before (statement triggers on the parent cover every partition).
CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- The refusal trigger of the old table would refuse dropping its rows, not the table itself.
DROP TABLE events_unpartitioned;
ANALYZE events;
COMMIT;
