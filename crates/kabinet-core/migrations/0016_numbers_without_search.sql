-- Why: `numbers.search` held each row's lower-cased search text for the scan that the in-memory
-- search index replaced (issue 20, cache/search/). The index makes its text from the columns,
-- and nothing reads this one any more; a full sync still built, bound and stored it for every
-- row (about 40 bytes a row, a million rows in a large cache). Dropped; the labels' own
-- `search` column stays (the index reads it).
ALTER TABLE numbers DROP COLUMN search;
