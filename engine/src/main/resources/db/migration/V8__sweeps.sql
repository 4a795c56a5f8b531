-- A sweep is the parent record of its trials' runs: what was swept (the experiment as read and the command line's
-- overrides, hashed so that the same command finds the sweep again and continues it) and every planned trial with
-- its overrides, so that continuing never re-draws a random search.
CREATE TABLE sweeps (
    id                 VARCHAR(40) PRIMARY KEY,
    name               VARCHAR(200) NOT NULL,
    status             VARCHAR(16) NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'CRASHED')),
    start_time         TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time           TIMESTAMP WITH TIME ZONE,
    method             VARCHAR(16) NOT NULL,
    repeats            INT NOT NULL,
    definition_sha256  VARCHAR(64) NOT NULL,
    experiment_file    VARCHAR(1000) NOT NULL,
    experiment_text    CLOB NOT NULL,
    overrides          VARCHAR(10000) NOT NULL,
    error_message      VARCHAR(4000),
    heartbeat_at       TIMESTAMP WITH TIME ZONE,
    heartbeat_seconds  INT
);

CREATE INDEX sweeps_by_definition ON sweeps (definition_sha256, start_time);

CREATE TABLE sweep_trials (
    sweep_id       VARCHAR(40) NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    trial          INT NOT NULL,
    configuration  INT NOT NULL,
    repeat_index   INT NOT NULL,
    assignments    VARCHAR(10000) NOT NULL,
    PRIMARY KEY (sweep_id, trial)
);

-- A trial run more than once (its first attempt crashed before a checkpoint) keeps every attempt; the latest counts.
ALTER TABLE runs ADD COLUMN sweep_id VARCHAR(40) REFERENCES sweeps (id) ON DELETE SET NULL;
ALTER TABLE runs ADD COLUMN trial INT;
CREATE INDEX runs_by_sweep ON runs (sweep_id, trial, start_time);
