-- Up Migration

-- A log consumer that met an event it cannot process (the same event failed again and again with an
-- error that is not an outage) stops and records why here, so every process can show it: the
-- projections' status and /health/ready name it. Starting the consumer again (a restart after the
-- fix) clears its row.
CREATE TABLE consumer_halts (
  name             text PRIMARY KEY,
  -- the event that failed: its position in the log
  global_position  bigint NOT NULL,
  error            text NOT NULL,
  halted_at        timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE consumer_halts;
