"""The HTTP API's bodies: the command bodies this service publishes (`contracts.bodies.feedback`), and the
shared error and version models that are part of this API too."""

from __future__ import annotations

from contracts.bodies.feedback import (
    MAX_RESPONSES,
    ActionFeedbackBody,
    ActionIdsBody,
    ActivityIdsBody,
    ClosePeriodBody,
    CorrectActionFeedbackBody,
    CriterionFindingBody,
    ExternalEvaluationBody,
    ParticipantBatchBody,
    ParticipantFeedbackBody,
    ParticipantResponseBody,
)
from service_core.openapi import ErrorBody, ErrorDetail, ExpectedVersion

__all__ = [
    "MAX_RESPONSES",
    "ActionFeedbackBody",
    "ActionIdsBody",
    "ActivityIdsBody",
    "ClosePeriodBody",
    "CorrectActionFeedbackBody",
    "CriterionFindingBody",
    "ErrorBody",
    "ErrorDetail",
    "ExpectedVersion",
    "ExternalEvaluationBody",
    "ParticipantBatchBody",
    "ParticipantFeedbackBody",
    "ParticipantResponseBody",
]
