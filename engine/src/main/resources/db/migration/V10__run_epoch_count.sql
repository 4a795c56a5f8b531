-- Each run's number of recorded epochs, kept beside the run (MetricSummaries keeps it equal to epoch_metrics in the
-- transaction that records or removes epochs): counting a run's epochs for every row of `runs` made listing 10 000
-- runs of 100 epochs take over a second. db/postgresql/V10 is the same change.
ALTER TABLE runs ADD COLUMN epochs INT DEFAULT 0 NOT NULL;
UPDATE runs SET epochs = (SELECT COUNT(*) FROM epoch_metrics m WHERE m.run_id = runs.id);
