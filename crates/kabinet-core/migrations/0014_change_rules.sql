-- Two more rules of What changed, found from the cached charges when the latest billed month is
-- written (`changes/charges.rs`): a number's month ≥ X% above its own previous 3-month average
-- (`spend_rise_percent`, default 50), and a line with no usage billed for N days, a candidate to
-- block (`dormant_days`, default 60). `notify`: the company's desktop notifications, one summary
-- per sync, off until the administrator turns them on. Existing rows take the defaults.
ALTER TABLE change_rules ADD COLUMN spend_rise_percent INTEGER NOT NULL DEFAULT 50;
ALTER TABLE change_rules ADD COLUMN dormant_days INTEGER NOT NULL DEFAULT 60;
ALTER TABLE change_rules ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;

-- The billed month a spend rise or a dormant line was found in (YYYY-MM; NULL for the changes
-- of the numbers list). A spend rise is kept once per number and month; a dormant line once
-- per idle spell (no second record while no usage was billed since the first).
ALTER TABLE number_changes ADD COLUMN month TEXT;

-- Each number's month in short, written with the month's charges (`changes::record_charges`, in
-- the same transaction): what it cost and what its usage services cost, tiyn with VAT. The
-- rules read four months of 100,000 numbers from here, 400,000 small rows in the key's order,
-- instead of adding up two million charge lines each time. Filled from the charges already held.
CREATE TABLE charge_totals (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    month        TEXT    NOT NULL,
    msisdn       TEXT    NOT NULL,
    total        INTEGER NOT NULL,
    usage        INTEGER NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, month, msisdn)
) STRICT, WITHOUT ROWID;

INSERT INTO charge_totals (portal, admin_phone, company_id, month, msisdn, total, usage)
SELECT portal, admin_phone, company_id, month, msisdn, SUM(net + vat),
       SUM(CASE WHEN service = 'subscription' THEN 0 ELSE net + vat END)
FROM charges GROUP BY portal, admin_phone, company_id, month, msisdn;
