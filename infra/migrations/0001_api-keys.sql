-- Up Migration
CREATE TABLE api_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  key_hash    text NOT NULL UNIQUE,
  scopes      text[] NOT NULL CHECK (scopes <@ ARRAY['events:write', 'read', 'subscriptions:write', 'admin']),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Down Migration
DROP TABLE api_keys;
