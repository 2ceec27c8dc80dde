-- Records a consumer could not apply, kept in the service's own database: the embedded broker forgets its
-- dead-letter topic on restart, and a redrive must find every parked record after a fix. One row per
-- source record (topic, partition, offset); `redriven_at` is set once the normal handler took it.
CREATE TABLE IF NOT EXISTS dead_letters (
    id bigserial PRIMARY KEY,
    consumer text NOT NULL,
    source_topic text NOT NULL,
    source_partition int NOT NULL,
    source_offset bigint NOT NULL,
    record_key bytea,
    record_value bytea,
    record_headers jsonb NOT NULL,
    event_type text,
    event_id text,
    reason text NOT NULL,
    retryable boolean NOT NULL DEFAULT false,  -- a handler failure (may pass after a fix or a race), not poison
    attempts int NOT NULL DEFAULT 1,
    parked_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at timestamptz NOT NULL DEFAULT now(),
    redriven_at timestamptz,
    UNIQUE (consumer, source_topic, source_partition, source_offset)
);
CREATE INDEX IF NOT EXISTS dead_letters_parked ON dead_letters (consumer, id) WHERE redriven_at IS NULL;
