-- Version 2 of ParticipantFeedbackRecorded no longer carries ratings: `participant_response` stops being a
-- projection and becomes the service's own record (written with the command, kept by a rebuild).
-- `seq` is a response's place in its activity's stream; summaries below programme manager use whole blocks.
ALTER TABLE participant_response ADD COLUMN IF NOT EXISTS seq integer;

-- Responses stored as version 1 events (with their ratings) that have no row yet get one.
INSERT INTO participant_response (response_id, activity_id, action_id, activity_type, region, thematic_area,
    relevance, expertise_quality, knowledge_gained, applicability, capacity_level, given_on, channel, batch_id,
    position, seq)
SELECT e.data->>'response_id', e.data->>'activity_id', e.data->>'action_id', e.data->>'activity_type',
       e.data->>'region', e.data->>'thematic_area',
       (e.data->'ratings'->>'relevance')::smallint, (e.data->'ratings'->>'expertise_quality')::smallint,
       (e.data->'ratings'->>'knowledge_gained')::smallint, (e.data->'ratings'->>'applicability')::smallint,
       e.data->>'capacity_level', (e.data->>'given_on')::date, e.data->>'channel', e.data->>'batch_id',
       e.position, e.version
FROM events e
WHERE e.event_name = 'ParticipantFeedbackRecorded' AND e.event_version = 1
ON CONFLICT (response_id) DO NOTHING;

UPDATE participant_response r SET seq = e.version
FROM events e
WHERE r.seq IS NULL AND e.position = r.position;

ALTER TABLE participant_response ALTER COLUMN seq SET NOT NULL;
CREATE INDEX IF NOT EXISTS participant_response_activity_seq ON participant_response (activity_id, seq);
