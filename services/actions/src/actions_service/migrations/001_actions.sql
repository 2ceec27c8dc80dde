-- Read models of Actions (projection tables: emptied and refilled by `python -m actions_service rebuild`).
CREATE TABLE IF NOT EXISTS action_view (
    id                      text        PRIMARY KEY,
    request_id              text        NOT NULL UNIQUE,
    code                    text        NOT NULL UNIQUE,
    ordinal                 integer     NOT NULL,
    ordinal_scope           text        NOT NULL,
    label                   text        NOT NULL,
    region                  text        NOT NULL,
    countries               text[]      NOT NULL DEFAULT '{}',
    regional_organisation   text,
    thematic_area           text        NOT NULL,
    topic                   text        NOT NULL,
    phase                   text        NOT NULL,
    authority_id            text        NOT NULL,
    authority_type          text,
    authority_ids           text[]      NOT NULL,  -- the requesting authority and every co-requester
    co_requester_ids        text[]      NOT NULL DEFAULT '{}',
    follow_up_of            text,
    received_on             date        NOT NULL,
    approved_on             date        NOT NULL,
    launch_due_on           date        NOT NULL,  -- R10: approval + 90 days
    status                  text        NOT NULL,
    fiche                   jsonb,
    activities_planned      integer     NOT NULL DEFAULT 0,  -- not cancelled (planned or held)
    activities_held         integer     NOT NULL DEFAULT 0,
    activities_cancelled    integer     NOT NULL DEFAULT 0,
    first_activity_type     text,                            -- earliest not cancelled, by start date (R28)
    launched_on             date,
    first_activity_id       text,
    completed_on            date,
    override_reason         text,
    deliverables_count      integer     NOT NULL DEFAULT 0,
    version                 integer     NOT NULL,
    opened_at               timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS action_view_paging ON action_view (approved_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS action_view_region ON action_view (region, approved_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS action_view_countries ON action_view USING gin (countries);
CREATE INDEX IF NOT EXISTS action_view_authorities ON action_view USING gin (authority_ids);

CREATE TABLE IF NOT EXISTS activity_view (
    id                      text        PRIMARY KEY,
    action_id               text        NOT NULL,
    sequence                integer     NOT NULL,
    activity_type           text        NOT NULL,
    status                  text        NOT NULL,
    starts_on               date        NOT NULL,
    ends_on                 date        NOT NULL,
    remote                  boolean     NOT NULL,
    place_country           text,
    place_city              text,
    planned_participants    integer,
    held_from               date,
    held_to                 date,
    participants_count      integer,
    cancelled_on            date,
    modifications           jsonb       NOT NULL DEFAULT '[]'::jsonb,  -- R07, R11: every change with its reason
    region                  text        NOT NULL,
    authority_ids           text[]      NOT NULL,
    version                 integer     NOT NULL,  -- the Action's version when the activity last changed
    planned_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS activity_view_action ON activity_view (action_id, starts_on, sequence);

CREATE TABLE IF NOT EXISTS deliverable_view (
    id                      text        PRIMARY KEY,
    action_id               text        NOT NULL,
    kind                    text        NOT NULL,
    title                   text        NOT NULL,
    status                  text        NOT NULL,
    recorded_on             date        NOT NULL,
    status_changed_on       date        NOT NULL,
    history                 jsonb       NOT NULL DEFAULT '[]'::jsonb,  -- R26: [{status, level, changed_on}]
    region                  text        NOT NULL,
    authority_ids           text[]      NOT NULL,
    position                bigint      NOT NULL,
    version                 integer     NOT NULL,
    recorded_at             timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS deliverable_view_action ON deliverable_view (action_id, position);

-- Numbering (NOT projections: never emptied by a rebuild, which replays the codes already given out).
-- Updated in the transaction that opens the Action; the row lock serialises concurrent openings.
CREATE TABLE IF NOT EXISTS action_code_sequence (
    year    integer PRIMARY KEY,
    last    integer NOT NULL
);
CREATE TABLE IF NOT EXISTS action_ordinals (
    scope   text    PRIMARY KEY,  -- ISO country code or regional organisation code
    last    integer NOT NULL
);
