-- Up Migration

-- Read models: one row per resource, rebuilt by re-folding its stream with the domain's foldSubject.
-- `state` keeps the folded aggregate for the single-resource GET; the typed columns beside it exist
-- for the list filters. Every row carries the bookkeeping the API shows (version, sources, confidence)
-- and last_global_position, which guards upserts so a replayed batch never moves a row backwards.

-- Trigram index for company search; names are folded (case, diacritics) by the domain's
-- normalizeName before they are stored or searched, so unaccent() is not needed in SQL.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE rm_companies (
  subject               text PRIMARY KEY,
  registered            boolean NOT NULL,
  display_name          text,
  country               text,
  search                text NOT NULL DEFAULT '',
  state                 jsonb,
  version               integer NOT NULL,
  last_global_position  bigint NOT NULL,
  sources               jsonb NOT NULL DEFAULT '[]',
  confidence            text
);
CREATE INDEX rm_companies_search ON rm_companies USING gin (search gin_trgm_ops);
CREATE INDEX rm_companies_unresolved ON rm_companies (subject) WHERE NOT registered;

CREATE TABLE rm_listings (
  subject               text PRIMARY KEY,
  status                text NOT NULL,
  company               text,
  venue                 text,
  -- the day the listing priced or started trading, which the month/year stats group by
  listed_on             date,
  proceeds_currency     text,
  proceeds_minor        bigint,
  state                 jsonb NOT NULL,
  version               integer NOT NULL,
  last_global_position  bigint NOT NULL,
  sources               jsonb NOT NULL,
  confidence            text
);
CREATE INDEX rm_listings_company ON rm_listings (company);
CREATE INDEX rm_listings_venue ON rm_listings (venue);

CREATE TABLE rm_acquisitions (
  subject               text PRIMARY KEY,
  status                text NOT NULL,
  acquirer              text,
  target                text,
  jurisdictions         text[] NOT NULL,
  state                 jsonb NOT NULL,
  version               integer NOT NULL,
  last_global_position  bigint NOT NULL,
  sources               jsonb NOT NULL,
  confidence            text
);
CREATE INDEX rm_acquisitions_jurisdictions ON rm_acquisitions USING gin (jurisdictions);

CREATE TABLE rm_chiptrade (
  subject               text PRIMARY KEY,
  export                jsonb NOT NULL,
  import                jsonb NOT NULL,
  state                 jsonb NOT NULL,
  version               integer NOT NULL,
  last_global_position  bigint NOT NULL,
  sources               jsonb NOT NULL,
  confidence            text
);

-- One row per export licence or import approval; replaced as a whole when its corridor changes.
CREATE TABLE rm_chip_approvals (
  subject               text NOT NULL,
  side                  text NOT NULL CHECK (side IN ('export', 'import')),
  seq                   integer NOT NULL,
  company               text,
  status                text NOT NULL,
  kind                  text,
  quantity              bigint,
  conditions            jsonb NOT NULL,
  occurred_on           date,
  confidence            text NOT NULL,
  event_id              uuid NOT NULL,
  PRIMARY KEY (subject, side, seq)
);
CREATE INDEX rm_chip_approvals_company ON rm_chip_approvals (company);

-- Every counted fact touching a company, newest first by valid time; undated facts sort last.
CREATE TABLE rm_timeline (
  company               text NOT NULL,
  event_id              uuid NOT NULL,
  subject               text NOT NULL,
  type                  text NOT NULL,
  occurred_on           date,
  occurred_precision    text NOT NULL,
  sort_on               date GENERATED ALWAYS AS (coalesce(occurred_on, '0001-01-01'::date)) STORED,
  recorded_at           timestamptz NOT NULL,
  global_position       bigint NOT NULL,
  source                jsonb NOT NULL,
  confidence            text NOT NULL,
  PRIMARY KEY (company, event_id)
);
CREATE INDEX rm_timeline_order ON rm_timeline (company, sort_on DESC, global_position DESC);
CREATE INDEX rm_timeline_subject ON rm_timeline (subject);

-- Down Migration
DROP TABLE rm_timeline;
DROP TABLE rm_chip_approvals;
DROP TABLE rm_chiptrade;
DROP TABLE rm_acquisitions;
DROP TABLE rm_listings;
DROP TABLE rm_companies;
