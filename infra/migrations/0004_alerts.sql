-- Up Migration

-- Webhook subscriptions. The signing secrets are stored as issued (whsec_…): HMAC needs the key itself.
CREATE TABLE subscriptions (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url                         text NOT NULL,
  description                 text,
  event_types                 text[] NOT NULL CHECK (cardinality(event_types) > 0),
  filter_companies            text[] NOT NULL DEFAULT '{}',
  filter_regions              text[] NOT NULL DEFAULT '{}',
  filter_jurisdictions        text[] NOT NULL DEFAULT '{}',
  min_confidence              text CHECK (min_confidence IN ('official', 'confirmed', 'reported', 'anonymous_sources', 'rumor')),
  status                      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  disabled_reason             text,
  disabled_at                 timestamptz,
  secret                      text NOT NULL,
  -- After a rotation the old secret keeps signing beside the new one until it expires.
  previous_secret             text,
  previous_secret_expires_at  timestamptz,
  -- The first failed attempt since the last success: the endpoint is disabled once this is WEBHOOK_DISABLE_AFTER old.
  failing_since               timestamptz,
  -- Millisecond precision, as the API shows it: keyset cursors compare exactly what they were given.
  created_at                  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'disabled') = (disabled_at IS NOT NULL))
);
CREATE INDEX subscriptions_pages ON subscriptions (created_at, id);

-- A re-delivery of past events to one subscription, up to the log head when it was asked for.
-- `criteria` is the subscription's filter as it was then, so what runs is what was counted in `matched`.
-- Progress is counted from the deliveries that carry its id.
CREATE TABLE replays (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id  uuid NOT NULL REFERENCES subscriptions ON DELETE CASCADE,
  criteria         jsonb NOT NULL,
  -- The request's own narrowing: event types (NULL: all the subscription takes), a position and a recorded_at window.
  event_types      text[],
  from_position    bigint NOT NULL DEFAULT 0,
  since            timestamptz,
  until            timestamptz,
  up_to_position   bigint NOT NULL,
  matched          integer NOT NULL,
  -- Resume point: every matching event at or before it has its delivery.
  cursor_position  bigint NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed')),
  error            text,
  -- The runner holding the replay beats this; a stale beat lets another process resume it.
  heartbeat_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz
);
CREATE INDEX replays_unfinished ON replays (created_at) WHERE status IN ('pending', 'running');

-- One row per message to send. The id is also the BullMQ job id; the job carries nothing else.
CREATE TABLE deliveries (
  id                 uuid PRIMARY KEY,
  subscription_id    uuid NOT NULL REFERENCES subscriptions ON DELETE CASCADE,
  -- webhook-id: one per (subscription, event), the same on every retry and replay.
  message_id         text NOT NULL,
  event_type         text NOT NULL,
  event_id           uuid,
  global_position    bigint,
  event_recorded_at  timestamptz,
  replay_id          uuid REFERENCES replays ON DELETE CASCADE,
  -- The body exactly as sent: json (not jsonb) keeps the text, so retries sign the same bytes.
  payload            json NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'dead')),
  attempt_count      integer NOT NULL DEFAULT 0,
  -- Keyset columns (pages, sweeps) at the millisecond precision cursors carry.
  next_attempt_at    timestamptz(3) NOT NULL DEFAULT now(),
  last_attempt_at    timestamptz,
  completed_at       timestamptz,
  created_at         timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX deliveries_once_per_event ON deliveries (subscription_id, event_id)
  WHERE replay_id IS NULL AND event_id IS NOT NULL;
CREATE INDEX deliveries_pages ON deliveries (subscription_id, created_at DESC, id DESC);
CREATE INDEX deliveries_replay ON deliveries (replay_id) WHERE replay_id IS NOT NULL;
-- The sweeper's question: which unsettled deliveries are overdue?
CREATE INDEX deliveries_unsettled ON deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');

CREATE TABLE delivery_attempts (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id       uuid NOT NULL REFERENCES deliveries ON DELETE CASCADE,
  attempted_at      timestamptz NOT NULL,
  status_code       integer,
  latency_ms        integer NOT NULL,
  -- The first 20 KB of the answer.
  response_excerpt  text,
  error             text
);
CREATE INDEX delivery_attempts_of ON delivery_attempts (delivery_id, id);

-- Only the first event of a review names its jurisdiction; the router remembers it for the later ones,
-- in the transaction that advances its checkpoint.
CREATE TABLE alert_review_jurisdictions (
  subject       text NOT NULL,
  review_id     text NOT NULL,
  jurisdiction  text NOT NULL,
  PRIMARY KEY (subject, review_id)
);

-- Down Migration
DROP TABLE alert_review_jurisdictions;
DROP TABLE delivery_attempts;
DROP TABLE deliveries;
DROP TABLE replays;
DROP TABLE subscriptions;
