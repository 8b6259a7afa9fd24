-- Why: one store of "a key kept until the portal answers" (issue 16). A bulk run's number is
-- sent as an intent too: the intent is written (with the number's key made at the preview and
-- the run's id) BEFORE the request goes out, and deleted when the portal's answer arrives, like
-- an action on one number; the run's rows keep only the results. `run_id` says the intent is a
-- run's (its run resumes it, so it is not listed as a left-over action at start). Rows of runs
-- kept before this migration that are `sending` are re-sent with their own key on resume.

ALTER TABLE intents ADD COLUMN run_id TEXT REFERENCES bulk_runs (id) ON DELETE CASCADE;

CREATE INDEX intents_of_runs ON intents (run_id) WHERE run_id IS NOT NULL;
