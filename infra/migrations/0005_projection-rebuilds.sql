-- Up Migration

-- Export-control rules, folded like the other read models (see 0003_read-models.sql).
CREATE TABLE rm_rules (
  subject               text PRIMARY KEY,
  status                text NOT NULL,
  -- the issuing authority's code (US-BIS), for the list filter
  authority             text,
  destinations          text[] NOT NULL,
  state                 jsonb NOT NULL,
  version               integer NOT NULL,
  last_global_position  bigint NOT NULL,
  sources               jsonb NOT NULL,
  confidence            text
);
CREATE INDEX rm_rules_destinations ON rm_rules USING gin (destinations);

-- A rebuild of one projection, from the request until its rebuilt tables replace the live ones.
-- The projector that claims it sets started_at in the transaction that creates the shadow tables
-- (schema rebuild_<name>) and resets the rebuild's checkpoint (<name>:rebuild), so a projector that
-- restarts carries on from that checkpoint. The swap deletes the row with the shadow schema.
CREATE TABLE projection_rebuilds (
  name          text PRIMARY KEY,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz
);

-- Down Migration
DROP TABLE projection_rebuilds;
DROP TABLE rm_rules;
