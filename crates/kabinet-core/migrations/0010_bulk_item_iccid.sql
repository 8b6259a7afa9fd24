-- Why: a bulk SIM replacement (issue 16) gives each number its OWN new SIM card, so the ICCID
-- belongs to the run's row of that number, kept from the preview on: a resumed run sends the
-- number with the same SIM (and its key), and the results show which SIM each number was given.
-- NULL for every other action.

ALTER TABLE bulk_items ADD COLUMN iccid TEXT;
