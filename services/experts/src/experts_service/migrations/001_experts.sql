-- Read models of the experts service.

-- Projections of the service's own events (emptied and refilled by `python -m experts_service rebuild`).
CREATE TABLE IF NOT EXISTS expert_view (
    id                    text        PRIMARY KEY,
    profile               jsonb       NOT NULL,
    category              text        NOT NULL,
    nationality           text        NOT NULL,
    member_state          text,
    governmental          boolean     NOT NULL,
    administration_level  text,
    sector                text        NOT NULL,
    thematic_areas        text[]      NOT NULL DEFAULT '{}',
    topics                text[]      NOT NULL DEFAULT '{}',
    languages             text[]      NOT NULL DEFAULT '{}',  -- ISO 639-1 codes
    working_languages     text[]      NOT NULL DEFAULT '{}',  -- at level B2 or above
    certifications        text[]      NOT NULL DEFAULT '{}',
    availability          jsonb       NOT NULL DEFAULT '[]'::jsonb,
    status                text        NOT NULL,               -- ACTIVE | SUSPENDED
    suspension_reason     text,
    erased                boolean     NOT NULL DEFAULT false,
    erased_on             date,
    registered_on         date        NOT NULL,
    deployment_regions    text[]      NOT NULL DEFAULT '{}',  -- regions of proposed, confirmed, completed deployments
    deployments_confirmed integer     NOT NULL DEFAULT 0,     -- confirmed, activity not held yet
    deployments_completed integer     NOT NULL DEFAULT 0,
    evaluations_count     integer     NOT NULL DEFAULT 0,
    average_score         numeric(4, 2),
    version               integer     NOT NULL,
    registered_at         timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS expert_view_paging ON expert_view (registered_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS expert_view_category ON expert_view (category, registered_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS expert_view_areas ON expert_view USING gin (thematic_areas);
CREATE INDEX IF NOT EXISTS expert_view_languages ON expert_view USING gin (languages);
CREATE INDEX IF NOT EXISTS expert_view_regions ON expert_view USING gin (deployment_regions);

CREATE TABLE IF NOT EXISTS deployment_view (
    id                         text        PRIMARY KEY,
    expert_id                  text        NOT NULL,
    activity_id                text        NOT NULL,
    action_id                  text        NOT NULL,
    status                     text        NOT NULL,  -- PROPOSED | CONFIRMED | DECLINED | COMPLETED | CANCELLED
    category                   text        NOT NULL,
    nationality                text        NOT NULL,
    member_state               text,
    starts_on                  date        NOT NULL,
    ends_on                    date        NOT NULL,
    region                     text        NOT NULL,
    thematic_area              text        NOT NULL,
    activity_type              text        NOT NULL,
    countries                  text[]      NOT NULL DEFAULT '{}',
    proposed_on                date        NOT NULL,
    confirmed_on               date,
    declined_on                date,
    decline_reason             text,
    cancelled_on               date,
    cancellation_reason        text,
    completed_on               date,
    held_from                  date,
    held_to                    date,
    overlapping_deployment_ids text[]      NOT NULL DEFAULT '{}',
    evaluation                 jsonb,               -- {evaluation_id, expertise, communication, preparation, evaluated_on}
    expert_version             integer     NOT NULL,
    position                   bigint      NOT NULL,
    proposed_at                timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS deployment_view_expert ON deployment_view (expert_id, starts_on);
CREATE INDEX IF NOT EXISTS deployment_view_activity ON deployment_view (activity_id, position);
CREATE INDEX IF NOT EXISTS deployment_view_action ON deployment_view (action_id);

-- What the service knows of other services' aggregates: written by the policies on mieux.actions.v1,
-- in the consumer's inbox transaction. NOT projections of this service's events: a rebuild keeps them.
CREATE TABLE IF NOT EXISTS known_action (
    action_id       text        PRIMARY KEY,
    code            text,
    label           text,
    region          text        NOT NULL,
    thematic_area   text        NOT NULL,
    topic           text,
    countries       text[]      NOT NULL DEFAULT '{}',
    authority_ids   text[]      NOT NULL DEFAULT '{}',
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS known_activity (
    id              text        PRIMARY KEY,
    action_id       text        NOT NULL,
    activity_type   text        NOT NULL,
    status          text        NOT NULL,  -- PLANNED | CANCELLED | HELD
    starts_on       date        NOT NULL,
    ends_on         date        NOT NULL,
    region          text        NOT NULL,
    thematic_area   text        NOT NULL,
    countries       text[]      NOT NULL DEFAULT '{}',
    remote          boolean     NOT NULL DEFAULT false,
    place_country   text,
    held_from       date,
    held_to         date,
    cancelled_on    date,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS known_activity_action ON known_activity (action_id);

-- Personal data (docs/architecture.md, R17): NOT projections. Written in the command's transaction, never published,
-- never emptied by a rebuild; deleted for good when the expert's personal data is erased.
CREATE TABLE IF NOT EXISTS expert_personal_data (
    expert_id       text        PRIMARY KEY,
    full_name       text        NOT NULL,
    email           text        NOT NULL,
    phone           text,
    organisation    text,
    cv_text         text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS expert_personal_data_email ON expert_personal_data (lower(email));

CREATE TABLE IF NOT EXISTS evaluation_notes (
    evaluation_id   text        PRIMARY KEY,
    expert_id       text        NOT NULL,
    deployment_id   text        NOT NULL,
    notes           text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS evaluation_notes_expert ON evaluation_notes (expert_id);
