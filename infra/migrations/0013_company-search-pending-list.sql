-- Up Migration

-- A GIN index takes new entries into an unsorted pending list, which every search reads through
-- whole until VACUUM or the list's size limit (4 MB by default) moves it into the index. Company
-- rows are rewritten often (every name, alias and link), so the list stays long between vacuums: at
-- 100k events it held 270 pages and a name search spent 14 of its 16 ms reading it. At 64 kB (the
-- least allowed) a search reads at most 8 pages of it; inserting costs about 10 µs more per row.
ALTER INDEX rm_companies_search SET (gin_pending_list_limit = 64);

-- Down Migration
ALTER INDEX rm_companies_search RESET (gin_pending_list_limit);
