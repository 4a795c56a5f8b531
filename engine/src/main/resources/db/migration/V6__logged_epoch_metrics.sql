-- Metrics that callbacks log for an epoch (the learning rate, a validation score...), beside the built-in ones.
CREATE TABLE logged_metrics (
    run_id        VARCHAR(40) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch         INT NOT NULL,
    metric        VARCHAR(100) NOT NULL,
    metric_value  DOUBLE PRECISION,
    PRIMARY KEY (run_id, epoch, metric)
);

-- Summaries, filters and exports read every metric through this view, logged ones included.
CREATE OR REPLACE VIEW epoch_values AS
    SELECT run_id, epoch, 'train_loss' AS metric, train_loss AS metric_value FROM epoch_metrics
        WHERE train_loss IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'train_accuracy', train_accuracy FROM epoch_metrics
        WHERE train_accuracy IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'test_loss', test_loss FROM epoch_metrics WHERE test_loss IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'test_accuracy', test_accuracy FROM epoch_metrics WHERE test_accuracy IS NOT NULL
    UNION ALL SELECT run_id, epoch, 'epoch_seconds', epoch_seconds FROM epoch_metrics WHERE epoch_seconds IS NOT NULL
    UNION ALL SELECT run_id, epoch, metric, metric_value FROM logged_metrics WHERE metric_value IS NOT NULL;
