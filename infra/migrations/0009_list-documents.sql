-- Up Migration

-- What a list sends for each row, serialised once by the projection that writes the row (the resource
-- with its decimal amounts): a list page is these texts joined, with no parse or walk per request.
-- Text, not jsonb: it keeps the bytes the API sent before. An approval's document is split where the
-- company's name goes, since that name is another read model's, joined when the list is read.
ALTER TABLE rm_companies ADD COLUMN doc text;
ALTER TABLE rm_listings ADD COLUMN doc text;
ALTER TABLE rm_acquisitions ADD COLUMN doc text;
ALTER TABLE rm_chiptrade ADD COLUMN doc text;
ALTER TABLE rm_rules ADD COLUMN doc text;
ALTER TABLE rm_chip_approvals ADD COLUMN doc_head text, ADD COLUMN doc_tail text;

-- Every list filter by equality, followed by the list's order: a filtered first page reads its rows in
-- order from the index and stops at the page's end, instead of sorting every match.
CREATE INDEX rm_companies_country ON rm_companies (country, subject);
CREATE INDEX rm_companies_registered ON rm_companies (subject) WHERE registered;
DROP INDEX rm_listings_company, rm_listings_venue;
CREATE INDEX rm_listings_company ON rm_listings (company, subject);
CREATE INDEX rm_listings_venue ON rm_listings (venue, subject);
CREATE INDEX rm_listings_status ON rm_listings (status, subject);
CREATE INDEX rm_listings_listed_on ON rm_listings (listed_on);
CREATE INDEX rm_acquisitions_status ON rm_acquisitions (status, subject);
CREATE INDEX rm_acquisitions_acquirer ON rm_acquisitions (acquirer, subject);
CREATE INDEX rm_acquisitions_target ON rm_acquisitions (target, subject);
-- `authority` is a containment test on the folded reviews.
CREATE INDEX rm_acquisitions_reviews ON rm_acquisitions USING gin ((state->'reviews') jsonb_path_ops);
DROP INDEX rm_chiptrade_destination;
CREATE INDEX rm_chiptrade_destination ON rm_chiptrade (destination, subject);
DROP INDEX rm_chip_approvals_company;
CREATE INDEX rm_chip_approvals_company ON rm_chip_approvals (company, subject, side, seq);
CREATE INDEX rm_chip_approvals_side ON rm_chip_approvals (side, subject, seq);
CREATE INDEX rm_chip_approvals_status ON rm_chip_approvals (status, subject, side, seq);
CREATE INDEX rm_chip_approvals_kind ON rm_chip_approvals (kind, subject, side, seq);
CREATE INDEX rm_rules_status ON rm_rules (status, subject);
CREATE INDEX rm_rules_authority ON rm_rules (authority, subject);

-- Rows written before this migration have no documents (the lists render those from their state
-- meanwhile): a ledger that has projected anything rebuilds these read models beside the live ones.
INSERT INTO projection_rebuilds (name)
SELECT name FROM checkpoints
 WHERE name IN ('rm_companies', 'rm_listings', 'rm_acquisitions', 'rm_chiptrade', 'rm_rules')
   AND global_position > 0
ON CONFLICT (name) DO NOTHING;

-- Down Migration
DELETE FROM projection_rebuilds WHERE started_at IS NULL;
DROP INDEX rm_rules_authority, rm_rules_status;
DROP INDEX rm_chip_approvals_kind, rm_chip_approvals_status, rm_chip_approvals_side, rm_chip_approvals_company;
CREATE INDEX rm_chip_approvals_company ON rm_chip_approvals (company);
DROP INDEX rm_chiptrade_destination;
CREATE INDEX rm_chiptrade_destination ON rm_chiptrade (destination);
DROP INDEX rm_acquisitions_reviews, rm_acquisitions_target, rm_acquisitions_acquirer, rm_acquisitions_status;
DROP INDEX rm_listings_listed_on, rm_listings_status, rm_listings_venue, rm_listings_company;
CREATE INDEX rm_listings_company ON rm_listings (company);
CREATE INDEX rm_listings_venue ON rm_listings (venue);
DROP INDEX rm_companies_registered, rm_companies_country;
ALTER TABLE rm_chip_approvals DROP COLUMN doc_tail, DROP COLUMN doc_head;
ALTER TABLE rm_rules DROP COLUMN doc;
ALTER TABLE rm_chiptrade DROP COLUMN doc;
ALTER TABLE rm_acquisitions DROP COLUMN doc;
ALTER TABLE rm_listings DROP COLUMN doc;
ALTER TABLE rm_companies DROP COLUMN doc;
