-- Up Migration
-- How many times a replay has been claimed: a replay that keeps failing is marked failed after a few
-- attempts instead of being claimed again forever.
ALTER TABLE replays ADD COLUMN attempts integer NOT NULL DEFAULT 0;

-- Down Migration
ALTER TABLE replays DROP COLUMN attempts;
