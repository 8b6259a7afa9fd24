-- Why: the number profile (general information, SIM and device), activated services and the
-- actions history. PIN and PUK codes are not stored: the sandbox derives them when asked.

ALTER TABLE numbers ADD COLUMN registration_form TEXT NOT NULL DEFAULT '';
ALTER TABLE numbers ADD COLUMN ban_sms_ussd INTEGER NOT NULL DEFAULT 0;
ALTER TABLE numbers ADD COLUMN ban_mykcell_details INTEGER NOT NULL DEFAULT 0;
ALTER TABLE numbers ADD COLUMN ban_mykcell INTEGER NOT NULL DEFAULT 0;
ALTER TABLE numbers ADD COLUMN iccid TEXT NOT NULL DEFAULT '';
ALTER TABLE numbers ADD COLUMN sim_replaced_at TEXT;
ALTER TABLE numbers ADD COLUMN imei TEXT;

CREATE INDEX numbers_by_company_updated ON numbers (company_id, updated_at);

CREATE TABLE number_services (
    msisdn        TEXT NOT NULL REFERENCES numbers(msisdn),
    service_id    TEXT NOT NULL,
    activated_at  TEXT NOT NULL,
    PRIMARY KEY (msisdn, service_id)
) STRICT;

CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    admin_id    INTEGER NOT NULL REFERENCES admins(id),
    msisdn      TEXT,
    action      TEXT NOT NULL,
    status      TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;

CREATE INDEX actions_by_company ON actions (company_id, at);
