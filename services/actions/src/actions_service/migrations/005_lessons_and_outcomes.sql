-- Lessons learnt, good practices and outcomes of an Action (ActionLessonRecorded, ActionOutcomeRecorded).
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS lessons jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE action_view ADD COLUMN IF NOT EXISTS outcomes jsonb NOT NULL DEFAULT '[]'::jsonb;
