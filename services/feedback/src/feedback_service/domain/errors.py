"""The machine-readable refusals of the feedback domain."""

from __future__ import annotations

from service_core.errors import DomainError, InvalidInput


class InvalidCommand(InvalidInput):
    """The command names something out of range (HTTP 422, with the field)."""


class Refused(DomainError):
    """Well-formed, but the state or a rule forbids it (HTTP 409)."""

    status = 409


CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION"
ACTIVITY_NOT_HELD = "ACTIVITY_NOT_HELD"
EXPERT_NOT_DEPLOYED = "EXPERT_NOT_DEPLOYED"
ACTION_FEEDBACK_ALREADY_GIVEN = "ACTION_FEEDBACK_ALREADY_GIVEN"

DATE_IN_FUTURE = "DATE_IN_FUTURE"
GIVEN_BEFORE_ACTIVITY = "GIVEN_BEFORE_ACTIVITY"
EXPERT_ID_REQUIRED = "EXPERT_ID_REQUIRED"
EXPERT_ID_NOT_ALLOWED = "EXPERT_ID_NOT_ALLOWED"
NO_RATING = "NO_RATING"
DUPLICATE_VALUE = "DUPLICATE_VALUE"
NO_RESPONSES = "NO_RESPONSES"
ENDS_BEFORE_STARTS = "ENDS_BEFORE_STARTS"
UNKNOWN_COUNTRY = "UNKNOWN_COUNTRY"
UNKNOWN_ACTION = "UNKNOWN_ACTION"
