-- What an Action works on (ActionClassified): topics of contracts.reference.topics, cross-cutting issues.
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS topics text[] NOT NULL DEFAULT '{}';
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS cross_cutting text[] NOT NULL DEFAULT '{}';
