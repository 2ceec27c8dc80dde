-- Read model of requests (projection tables: emptied and refilled by `python -m requests_service rebuild`).
CREATE TABLE IF NOT EXISTS request_view (
    id                    text        PRIMARY KEY,
    external_reference    text        UNIQUE,
    authority             jsonb       NOT NULL,
    authority_id          text        NOT NULL,
    authority_type        text        NOT NULL,
    authority_ids         text[]      NOT NULL,  -- the requesting authority and every co-requester
    co_requesters         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    countries             text[]      NOT NULL DEFAULT '{}',
    regional_organisation text,
    region                text        NOT NULL,
    thematic_area         text        NOT NULL,
    topic                 text        NOT NULL,
    description           text        NOT NULL,
    received_on           date        NOT NULL,
    eu_delegation_support boolean     NOT NULL DEFAULT false,
    follow_up_of          text,
    status                text        NOT NULL,
    eligible              boolean     NOT NULL DEFAULT false,
    eligibility_reasons   jsonb       NOT NULL DEFAULT '[]'::jsonb,
    instruments           text[]      NOT NULL DEFAULT '{}',
    decision              jsonb,
    withdrawal            jsonb,
    version               integer     NOT NULL,
    submitted_at          timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS request_view_paging ON request_view (received_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS request_view_region ON request_view (region, received_on DESC, id DESC);
CREATE INDEX IF NOT EXISTS request_view_countries ON request_view USING gin (countries);
CREATE INDEX IF NOT EXISTS request_view_authorities ON request_view USING gin (authority_ids);

CREATE TABLE IF NOT EXISTS request_focal_points (
    focal_point_id  text        PRIMARY KEY,
    request_id      text        NOT NULL,
    kind            text        NOT NULL,
    active          boolean     NOT NULL DEFAULT true,
    replaced_by     text,
    nominated_at    timestamptz NOT NULL,
    position        bigint      NOT NULL
);
CREATE INDEX IF NOT EXISTS request_focal_points_request ON request_focal_points (request_id, position);

-- Personal data of focal points (docs/architecture.md): NOT a projection. Written in the same transaction as the
-- FocalPointNominated/Replaced event, never on the stream, never emptied by a rebuild.
CREATE TABLE IF NOT EXISTS focal_point_personal_data (
    focal_point_id  text        PRIMARY KEY,
    request_id      text        NOT NULL,
    name            text        NOT NULL,
    role            text        NOT NULL,
    institution     text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
