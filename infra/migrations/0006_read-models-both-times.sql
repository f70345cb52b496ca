-- Up Migration

-- Company search in every script: each name compacted (case and diacritics folded, only letters and
-- digits kept, so "Z.ai", "z ai" and "zai" are one) and indexed by its characters and character pairs,
-- which serve any query of one character or more in any script (pg_trgm needs three characters it
-- counts as letters, and misses most CJK queries). The list confirms a gram match with LIKE.
DROP INDEX rm_companies_search;
ALTER TABLE rm_companies
  DROP COLUMN search,
  ADD COLUMN search_compact text NOT NULL DEFAULT '',
  ADD COLUMN search_grams text[] NOT NULL DEFAULT '{}';
CREATE INDEX rm_companies_search ON rm_companies USING gin (search_grams);

-- Listing stats say when a sum includes an approximate amount.
ALTER TABLE rm_listings ADD COLUMN proceeds_approximate boolean;

-- Chip-trade filters: the corridor's destination and every product it names (id and name).
ALTER TABLE rm_chiptrade
  ADD COLUMN destination text,
  ADD COLUMN products jsonb NOT NULL DEFAULT '[]';
CREATE INDEX rm_chiptrade_destination ON rm_chiptrade (destination);

-- Chip approvals carry what an analyst asks of them: the name reported, the authority, the products
-- and the source of the event that set them (its attribution says whom an outlet relayed); its date
-- keeps its precision ({date, precision}); an event id is null when no event is known to state it.
ALTER TABLE rm_chip_approvals
  ADD COLUMN name_as_reported text,
  ADD COLUMN authority jsonb,
  ADD COLUMN products jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN source jsonb,
  ALTER COLUMN occurred_on TYPE jsonb USING to_jsonb(occurred_on),
  ALTER COLUMN event_id DROP NOT NULL;

-- Timeline entries show what the event said (its data, corrections applied), not only its type, and
-- sort by the day their valid time starts as the domain's validFrom says: an undated fact counts from
-- its first report, as `valid_at` counts it, instead of sorting last.
ALTER TABLE rm_timeline ADD COLUMN data jsonb NOT NULL DEFAULT '{}', DROP COLUMN sort_on;
ALTER TABLE rm_timeline ADD COLUMN sort_on date NOT NULL DEFAULT '0001-01-01';
CREATE INDEX rm_timeline_order ON rm_timeline (company, sort_on DESC, global_position DESC);

-- Rows written before this migration lack the new columns (and hold states folded by the older
-- domain): a ledger that has projected anything rebuilds its read models beside the live ones.
INSERT INTO projection_rebuilds (name)
SELECT name FROM checkpoints
 WHERE name IN ('rm_companies', 'rm_listings', 'rm_acquisitions', 'rm_chiptrade', 'rm_rules', 'rm_timeline')
   AND global_position > 0
ON CONFLICT (name) DO NOTHING;

-- Down Migration
DELETE FROM projection_rebuilds WHERE started_at IS NULL;
ALTER TABLE rm_timeline DROP COLUMN data, DROP COLUMN sort_on;
ALTER TABLE rm_timeline ADD COLUMN sort_on date GENERATED ALWAYS AS (coalesce(occurred_on, '0001-01-01'::date)) STORED;
CREATE INDEX rm_timeline_order ON rm_timeline (company, sort_on DESC, global_position DESC);
DELETE FROM rm_chip_approvals WHERE event_id IS NULL;
ALTER TABLE rm_chip_approvals DROP COLUMN source, DROP COLUMN products, DROP COLUMN authority, DROP COLUMN name_as_reported,
  ALTER COLUMN occurred_on TYPE date USING (occurred_on->>'date')::date,
  ALTER COLUMN event_id SET NOT NULL;
DROP INDEX rm_chiptrade_destination;
ALTER TABLE rm_chiptrade DROP COLUMN products, DROP COLUMN destination;
ALTER TABLE rm_listings DROP COLUMN proceeds_approximate;
DROP INDEX rm_companies_search;
ALTER TABLE rm_companies DROP COLUMN search_grams, DROP COLUMN search_compact, ADD COLUMN search text NOT NULL DEFAULT '';
CREATE INDEX rm_companies_search ON rm_companies USING gin (search gin_trgm_ops);
