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
