-- Files a run logged (the tracking API's logArtifact): each under a name unique within the run, with its size and
-- SHA-256. A store by URL keeps the bytes as well, for machines that cannot see the run's folder.
CREATE TABLE artifacts (
    run_id      VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name        VARCHAR(300) NOT NULL,
    path        VARCHAR(1000) NOT NULL,
    size_bytes  BIGINT NOT NULL,
    sha256      VARCHAR(64) NOT NULL,
    logged_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    data        VARBINARY(1000000000),
    PRIMARY KEY (run_id, name)
);
