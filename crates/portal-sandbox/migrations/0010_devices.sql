-- Why: device (IMEI) registration. The national registry of devices as the operator sees it:
-- which IMEI is registered with which number (of any operator: another provider's numbers are
-- told by their prefix) and to whose IIN/BIN. An IMEI may be registered with several numbers
-- (duplicates). The number's "last IMEI seen with this SIM" is `numbers.imei` (0003).
--
-- A re-registration names the previous owner (number and IIN/BIN); that is kept only while
-- its request is in process, and deleted when it completes.

CREATE TABLE device_registrations (
    imei           TEXT    NOT NULL,
    msisdn         TEXT    NOT NULL,
    owner_iin_bin  TEXT    NOT NULL,
    duplicate      INTEGER NOT NULL DEFAULT 0,
    registered_at  TEXT    NOT NULL,
    PRIMARY KEY (imei, msisdn)
) STRICT;

CREATE INDEX device_registrations_by_number ON device_registrations (msisdn, registered_at);

CREATE TABLE device_previous_owners (
    request_id  TEXT PRIMARY KEY REFERENCES requests(id),
    msisdn      TEXT NOT NULL,
    iin_bin     TEXT NOT NULL
) STRICT;
