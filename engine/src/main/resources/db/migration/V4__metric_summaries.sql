-- Epoch metrics in long form, one row per run, epoch and metric: what filters, summaries and exports read.
CREATE VIEW epoch_values AS
    SELECT run_id, epoch, 'train_loss' AS metric, train_loss AS metric_value FROM epoch_metrics
        WHERE train_loss IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'train_accuracy', train_accuracy FROM epoch_metrics
        WHERE train_accuracy IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'test_loss', test_loss FROM epoch_metrics WHERE test_loss IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'test_accuracy', test_accuracy FROM epoch_metrics WHERE test_accuracy IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'epoch_seconds', epoch_seconds FROM epoch_metrics WHERE epoch_seconds IS NOT NULL;

-- Per run and metric: first, last, min and max with the epoch of each (the earliest epoch on ties), kept current
-- as epochs are recorded, so filters and comparisons over many runs never scan every epoch.
CREATE TABLE metric_summaries (
    run_id       VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    metric       VARCHAR(200) NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    first_epoch  INT NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    last_epoch   INT NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    min_epoch    INT NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    max_epoch    INT NOT NULL,
    PRIMARY KEY (run_id, metric)
);

CREATE INDEX metric_summaries_by_metric ON metric_summaries (metric, last_value);
CREATE INDEX params_by_key ON params (param_key, num_value);
CREATE INDEX tags_by_key ON tags (tag_key, tag_value);

INSERT INTO metric_summaries (run_id, metric, first_value, first_epoch, last_value, last_epoch, min_value, min_epoch,
        max_value, max_epoch)
    SELECT run_id, metric, 0, MIN(epoch), 0, MAX(epoch), MIN(metric_value), 0, MAX(metric_value), 0
    FROM epoch_values GROUP BY run_id, metric;

UPDATE metric_summaries s SET
    first_value = (SELECT v.metric_value FROM epoch_values v
        WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.epoch = s.first_epoch),
    last_value = (SELECT v.metric_value FROM epoch_values v
        WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.epoch = s.last_epoch),
    min_epoch = (SELECT MIN(v.epoch) FROM epoch_values v
        WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.metric_value = s.min_value),
    max_epoch = (SELECT MIN(v.epoch) FROM epoch_values v
        WHERE v.run_id = s.run_id AND v.metric = s.metric AND v.metric_value = s.max_value);
