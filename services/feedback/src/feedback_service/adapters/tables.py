"""The feedback service's tables that its handlers, policies and projections reach through `Rows` (and so
also run on the in-memory twin), with their keys."""

from __future__ import annotations

from service_core.rows import Table

ACTION_REF = Table("action_ref", ("action_id",))
ACTIVITY_REF = Table("activity_ref", ("activity_id",))
DEPLOYMENT_REF = Table("deployment_ref", ("deployment_id",))
ACTION_FEEDBACK = Table("action_feedback", ("feedback_id",))
ACTION_FEEDBACK_NOTE = Table("action_feedback_note", ("feedback_id",))
REVIEW_VIEW = Table("review_view", ("review_id",))
PARTICIPANT_RESPONSE = Table("participant_response", ("response_id",))
PARTICIPANT_COMMENT = Table("participant_comment", ("response_id",))
