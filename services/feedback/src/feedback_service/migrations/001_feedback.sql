-- What the feedback service knows of other services (written by its consumer, in the inbox transaction).
-- Not projections of its own events: a rebuild never empties them.
CREATE TABLE IF NOT EXISTS action_ref (
    action_id       text        PRIMARY KEY,
    code            text,
    label           text,
    region          text        NOT NULL,
    thematic_area   text        NOT NULL,
    authority_id    text        NOT NULL,  -- the requesting (partner) authority
    authority_ids   text[]      NOT NULL,  -- it and every co-requester (focal points' read scope)
    status          text        NOT NULL DEFAULT 'OPEN',  -- OPEN | COMPLETED
    completed_on    date
);

CREATE TABLE IF NOT EXISTS activity_ref (
    activity_id         text    PRIMARY KEY,
    action_id           text    NOT NULL,
    activity_type       text    NOT NULL,
    region              text    NOT NULL,
    thematic_area       text    NOT NULL,
    status              text    NOT NULL,  -- PLANNED | HELD | CANCELLED
    starts_on           date,
    ends_on             date,
    held_from           date,
    held_to             date,
    participants_count  integer
);
CREATE INDEX IF NOT EXISTS activity_ref_action ON activity_ref (action_id);

CREATE TABLE IF NOT EXISTS deployment_ref (
    deployment_id   text    PRIMARY KEY,
    expert_id       text    NOT NULL,
    activity_id     text    NOT NULL,
    action_id       text    NOT NULL,
    status          text    NOT NULL  -- CONFIRMED | COMPLETED | CANCELLED | DECLINED
);
CREATE INDEX IF NOT EXISTS deployment_ref_action ON deployment_ref (action_id, expert_id);

-- Projections of the service's own events (emptied and refilled by `python -m feedback_service rebuild`).
CREATE TABLE IF NOT EXISTS participant_response (
    response_id         text    PRIMARY KEY,
    activity_id         text    NOT NULL,
    action_id           text    NOT NULL,
    activity_type       text    NOT NULL,
    region              text    NOT NULL,
    thematic_area       text    NOT NULL,
    relevance           smallint NOT NULL,
    expertise_quality   smallint NOT NULL,
    knowledge_gained    smallint NOT NULL,
    applicability       smallint NOT NULL,
    capacity_level      text    NOT NULL,
    given_on            date    NOT NULL,
    channel             text    NOT NULL,
    batch_id            text,
    position            bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS participant_response_activity ON participant_response (activity_id);
CREATE INDEX IF NOT EXISTS participant_response_given ON participant_response (given_on);

CREATE TABLE IF NOT EXISTS action_feedback (
    feedback_id             text    PRIMARY KEY,
    action_id               text    NOT NULL,
    source                  text    NOT NULL,  -- EXPERT | PARTNER
    expert_id               text,
    authority_id            text,
    region                  text    NOT NULL,
    thematic_area           text    NOT NULL,
    relevance               smallint,
    coherence               smallint,
    effectiveness           smallint,
    efficiency              smallint,
    impact                  smallint,
    sustainability          smallint,
    eu_added_value          smallint,
    capacity_levels_reached text[]  NOT NULL,
    good_practice_features  text[]  NOT NULL,
    given_on                date    NOT NULL,
    on_behalf               boolean NOT NULL,
    corrected_on            date,
    version                 integer NOT NULL,  -- the Action feedback stream's version when it last changed
    position                bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS action_feedback_action ON action_feedback (action_id, position);
CREATE INDEX IF NOT EXISTS action_feedback_given ON action_feedback (given_on);

CREATE TABLE IF NOT EXISTS review_view (
    review_id       text    PRIMARY KEY,
    period          text    NOT NULL,
    period_kind     text    NOT NULL,
    scope           text    NOT NULL,
    scope_value     text,
    published_on    date    NOT NULL,
    review          jsonb   NOT NULL,  -- the ReviewPublished payload (suppressed cells included)
    position        bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS review_view_period ON review_view (period);

-- Free text typed by people: never published, never in an event; kept by a rebuild (not projections).
CREATE TABLE IF NOT EXISTS participant_comment (
    response_id     text        PRIMARY KEY,
    activity_id     text        NOT NULL,
    comment         text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS participant_comment_activity ON participant_comment (activity_id);

CREATE TABLE IF NOT EXISTS action_feedback_note (
    feedback_id     text        PRIMARY KEY,
    action_id       text        NOT NULL,
    note            text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
