-- What followed an Action (ActionFollowUpRecorded, ActionReplicationRecorded) and the other actors it
-- complements (ComplementaryActorRecorded, R27): lists of the Action, as lessons and outcomes are.
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS follow_ups jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS replications jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS complementary_actors jsonb NOT NULL DEFAULT '[]'::jsonb;
