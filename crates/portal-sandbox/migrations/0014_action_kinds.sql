-- The actions history's kinds: each row keeps the ActionKind it was made from (its id), whether
-- it is a request's completion, and the detail its text names, beside the text it always had.
-- Rows written before have none and are shown by their text.
ALTER TABLE actions ADD COLUMN kind TEXT;
ALTER TABLE actions ADD COLUMN completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1));
ALTER TABLE actions ADD COLUMN detail TEXT;
