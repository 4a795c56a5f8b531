-- Each run's number of recorded epochs, kept beside the run (the same change as the H2 store's V10).
ALTER TABLE runs ADD COLUMN epochs INT DEFAULT 0 NOT NULL;
UPDATE runs SET epochs = (SELECT COUNT(*) FROM epoch_metrics m WHERE m.run_id = runs.id);

-- Step chunks stored as they are: their packed numbers barely compress, and compressing each one on insert halved
-- ingest (580 000 against 1.1 million step metrics a second on one connection).
ALTER TABLE step_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
