-- Focal points who later joined the roster.

-- What the service knows of focal points, from mieux.requests.v1 (FocalPointNominated, FocalPointReplaced,
-- FocalPointPersonalDataErased): ids only, written by the policies; a rebuild keeps it.
CREATE TABLE IF NOT EXISTS known_focal_point (
    focal_point_id  text        PRIMARY KEY,
    request_id      text        NOT NULL,
    authority_id    text,
    kind            text        NOT NULL,  -- OPERATIONAL | STRATEGIC
    erased          boolean     NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Projection of ExpertServedAsFocalPoint: one expert per focal point (one person).
CREATE TABLE IF NOT EXISTS former_focal_point (
    focal_point_id  text        PRIMARY KEY,
    expert_id       text        NOT NULL,
    request_id      text        NOT NULL,
    authority_id    text,
    kind            text        NOT NULL,
    recorded_on     date        NOT NULL,
    position        bigint      NOT NULL
);
CREATE INDEX IF NOT EXISTS former_focal_point_expert ON former_focal_point (expert_id, position);

-- The portfolio's deployed experts who were focal points: an expert's totals follow its links.
DROP TRIGGER IF EXISTS portfolio_mark ON former_focal_point;
CREATE TRIGGER portfolio_mark AFTER INSERT OR UPDATE OF expert_id OR DELETE ON former_focal_point
    FOR EACH ROW EXECUTE FUNCTION mieux_portfolio_mark('expert', 'expert_id');
DROP TRIGGER IF EXISTS portfolio_mark_all ON former_focal_point;
CREATE TRIGGER portfolio_mark_all AFTER TRUNCATE ON former_focal_point
    FOR EACH STATEMENT EXECUTE FUNCTION mieux_portfolio_mark();
