-- Spend's figures from totals kept with the charges, not from the charge lines (issue 17, part
-- 4: a year of 100,000 numbers is 4.9M lines, which took a minute to add up on every view).
-- Both tables are rebuilt from the month's lines in the transaction that writes them
-- (`cache/charge_totals.rs`: a fetch's month, an imported account's month), so they always add
-- up to the lines; existing caches get them from the lines they hold, here.
--
-- `charge_totals` (migration 0014) gains each number-month's account, tariff, net and VAT, so
-- the figures by cost centre and department (joined with `number_labels`), the top numbers, the
-- numbers behind a figure and the chargeback read one row per number and month.
CREATE TABLE charge_totals_0015 (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    month        TEXT    NOT NULL,
    msisdn       TEXT    NOT NULL,
    account      TEXT    NOT NULL,
    tariff       TEXT    NOT NULL,
    net          INTEGER NOT NULL,
    vat          INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    usage        INTEGER NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, month, msisdn)
) STRICT, WITHOUT ROWID;

INSERT INTO charge_totals_0015
SELECT portal, admin_phone, company_id, month, msisdn, MIN(account), MIN(tariff), SUM(net), SUM(vat),
       SUM(net + vat), SUM(CASE WHEN service = 'subscription' THEN 0 ELSE net + vat END)
FROM charges GROUP BY portal, admin_phone, company_id, month, msisdn;

DROP TABLE charge_totals;
ALTER TABLE charge_totals_0015 RENAME TO charge_totals;

-- Each month by tariff and service (a few hundred rows a year): the total by month, by tariff
-- and by service.
CREATE TABLE charge_service_totals (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    month        TEXT    NOT NULL,
    tariff       TEXT    NOT NULL,
    service      TEXT    NOT NULL,
    net          INTEGER NOT NULL,
    vat          INTEGER NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, month, tariff, service)
) STRICT, WITHOUT ROWID;

INSERT INTO charge_service_totals
SELECT portal, admin_phone, company_id, month, tariff, service, SUM(net), SUM(vat)
FROM charges GROUP BY portal, admin_phone, company_id, month, tariff, service;

-- Each view of Spend by a dimension over the months it showed, as the window got it (its
-- groups as JSON), kept until the charges or the labels change: adding up a year by cost
-- centre or department joins a row per number and month with its label (1.2M rows at 100,000
-- numbers, seconds), so it is done once after a change, not on every view. Every write of a
-- month's charges and of labels deletes the company's rows, in its own transaction.
CREATE TABLE spend_views (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    -- cost_centre, department, tariff, service
    dimension    TEXT    NOT NULL,
    from_month   TEXT    NOT NULL,
    to_month     TEXT    NOT NULL,
    groups_json  TEXT    NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, dimension, from_month, to_month)
) STRICT;
