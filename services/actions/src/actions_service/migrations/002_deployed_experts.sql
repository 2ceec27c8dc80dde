-- Learnt from mieux.experts.v1 (not a projection of this service's events: rebuild leaves it alone).
-- The experts whose deployment on an activity of the Action completed: whose Action-level feedback the
-- completion gate waits for (R13, contracts.completeness).
CREATE TABLE IF NOT EXISTS deployed_expert (
    action_id   text    NOT NULL,
    expert_id   text    NOT NULL,
    PRIMARY KEY (action_id, expert_id)
);
