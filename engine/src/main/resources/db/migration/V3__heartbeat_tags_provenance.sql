-- Liveness: a RUNNING run whose heartbeat is older than three of its intervals died without saying so (kill -9,
-- out of memory, power loss) and is recorded CRASHED by the next process that opens the store.
ALTER TABLE runs ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE runs ADD COLUMN heartbeat_seconds INT;

-- What users add to a run after the fact, and the run it belongs to (a sweep, the run it repeats or reruns).
ALTER TABLE runs ADD COLUMN note VARCHAR(4000);
ALTER TABLE runs ADD COLUMN parent_id VARCHAR(40) REFERENCES runs (id) ON DELETE SET NULL;

CREATE TABLE tags (
    run_id     VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag_key    VARCHAR(200) NOT NULL,
    tag_value  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);

-- Facts about where a run came from (code version, machine, libraries, plugins, data), recorded once.
CREATE TABLE provenance (
    run_id      VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    fact_key    VARCHAR(300) NOT NULL,
    fact_value  VARCHAR(100000),
    PRIMARY KEY (run_id, fact_key)
);

CREATE INDEX runs_by_status ON runs (status);
