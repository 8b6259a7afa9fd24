-- Why: the documents library (issue 8) lists every file the app downloaded or made, by company,
-- kind, subject (the account or number it is about) and period, and a report the portal
-- prepared is saved once even when the watcher asks about its request again after a crash
-- (`request_id`, unique per administrator).

ALTER TABLE documents ADD COLUMN company_id INTEGER;
ALTER TABLE documents ADD COLUMN subject TEXT;
ALTER TABLE documents ADD COLUMN request_id TEXT;

UPDATE documents SET subject = msisdn WHERE subject IS NULL;

CREATE UNIQUE INDEX documents_by_request ON documents (portal, admin_phone, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX documents_by_company ON documents (portal, admin_phone, company_id, created_at);
