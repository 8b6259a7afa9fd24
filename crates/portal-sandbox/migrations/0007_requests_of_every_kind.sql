-- Why: one request record for every slow operation (block and unblock until now; SIM
-- replacement, IMEI registrations and reports next): what it is about besides the number
-- (`detail`: the IMEI, the new ICCID), why it failed (`error`, the `{code, message, reason}`
-- JSON the client gets), and when it completed. `result` becomes the typed result's wire name.

ALTER TABLE requests ADD COLUMN detail TEXT;
ALTER TABLE requests ADD COLUMN error TEXT;
ALTER TABLE requests ADD COLUMN completed_at TEXT;

UPDATE requests SET result = lower(result) WHERE result IN ('Blocked', 'Unblocked');
UPDATE requests SET completed_at = complete_at WHERE state <> 'in_process';
