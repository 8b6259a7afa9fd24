-- Each number's charges by month and service, as the portal's charges route gives them (the
-- certificates' Appendix 1 as data): without VAT and the line's VAT, per portal, administrator
-- and company, so Spend reads them offline. `charge_months` says which months are held whole:
-- a month is replaced in one transaction (its rows and its `charge_months` row together), so a
-- fetch that fails midway leaves every month either as it was or wholly new.

CREATE TABLE charges (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    -- YYYY-MM.
    month        TEXT    NOT NULL,
    msisdn       TEXT    NOT NULL,
    account      TEXT    NOT NULL,
    tariff       TEXT    NOT NULL,
    -- The portal's service name (`subscription`, `calls`, …), kept as sent.
    service      TEXT    NOT NULL,
    net          INTEGER NOT NULL,
    vat          INTEGER NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, month, msisdn, service)
) STRICT;

CREATE TABLE charge_months (
    portal       TEXT    NOT NULL,
    admin_phone  TEXT    NOT NULL,
    company_id   INTEGER NOT NULL,
    month        TEXT    NOT NULL,
    fetched_at   TEXT    NOT NULL,
    PRIMARY KEY (portal, admin_phone, company_id, month)
) STRICT;
