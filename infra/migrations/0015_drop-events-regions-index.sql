-- Up Migration

-- No query looks events up by region: subscriptions match regions in the router, on events it has
-- already read, and the log's filters are type, subject and company. The GIN index still cost every
-- append its entries (about 10 µs of the append function's 160 µs per event, measured in a loop in one
-- transaction) and every event its WAL.
DROP INDEX IF EXISTS events_regions;

-- Down Migration
CREATE INDEX events_regions ON events USING gin (regions);
