-- The model files a run saved: the last epoch's and the best by the monitored metric, each with its SHA-256.
CREATE TABLE checkpoints (
    run_id        VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind          VARCHAR(16) NOT NULL CHECK (kind IN ('last', 'best')),
    epoch         INT NOT NULL,
    path          VARCHAR(1000) NOT NULL,
    sha256        VARCHAR(64) NOT NULL,
    monitor       VARCHAR(100) NOT NULL,
    metric_value  DOUBLE PRECISION,
    PRIMARY KEY (run_id, kind)
);
