-- The partner institutions whose staff co-facilitated an activity (ActivityCoFacilitated): a list per activity.
ALTER TABLE activity_view ADD COLUMN IF NOT EXISTS co_facilitators jsonb NOT NULL DEFAULT '[]'::jsonb;
