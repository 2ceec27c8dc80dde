-- The event store, the consumer inbox and the relay checkpoint: in every service database.
CREATE TABLE IF NOT EXISTS events (
    position     bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    stream_id    text        NOT NULL,
    stream_type  text        NOT NULL,
    version      integer     NOT NULL CHECK (version > 0),
    event_name   text        NOT NULL,
    event_version integer    NOT NULL,
    data         jsonb       NOT NULL,
    metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    -- The writing transaction: the relay publishes only below the oldest running one, so it never
    -- skips an event whose transaction commits after a later position was already visible.
    tx_id        xid8        NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (stream_id, version)
);
CREATE INDEX IF NOT EXISTS events_tx_position ON events (tx_id, position);

-- Effects of other services' events are applied once: (consumer, event_id) in the same transaction.
CREATE TABLE IF NOT EXISTS inbox (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE IF NOT EXISTS relay_checkpoint (
    relay           text    PRIMARY KEY,
    tx_id           xid8    NOT NULL DEFAULT '0'::xid8,
    position        bigint  NOT NULL DEFAULT 0,
    -- Highest offset the broker acknowledged per partition: a log that goes backwards was lost.
    partition_offsets jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
