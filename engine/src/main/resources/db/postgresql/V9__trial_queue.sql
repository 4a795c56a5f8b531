-- Sweeps whose trials workers take from a queue (the same change as the H2 store's V9__Trial_queue): a sweep may be
-- QUEUED; a trial records the worker that claimed it and until when the claim holds; a checkpoint may carry its
-- file's bytes, so that a worker on another machine can resume it.
ALTER TABLE sweeps DROP CONSTRAINT sweeps_status_check;
ALTER TABLE sweeps ADD CONSTRAINT sweeps_status
    CHECK (status IN ('QUEUED', 'RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'CRASHED'));
ALTER TABLE sweep_trials ADD COLUMN worker VARCHAR(200);
ALTER TABLE sweep_trials ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE checkpoints ADD COLUMN data BYTEA;
