-- External evaluations of the programme (ExternalEvaluationRecorded): one row each, the event as recorded.
CREATE TABLE IF NOT EXISTS evaluation_view (
    evaluation_id   text        PRIMARY KEY,
    kind            text        NOT NULL,
    started_on      date        NOT NULL,
    ended_on        date        NOT NULL,
    evaluation      jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS evaluation_view_by_date ON evaluation_view (ended_on DESC, evaluation_id);
