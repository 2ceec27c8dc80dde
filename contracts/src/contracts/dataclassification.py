"""How sensitive each published event type is, as a whole: the CloudEvents `dataclassification` extension.

Every record carries it in the `ce_dataclassification` header so a downstream system can route, store and
retain events by sensitivity without reading them. It describes the event type, not single fields (what
each field holds is declared separately, in `contracts.classification`).

- public: may be published as it is (the facts the programme reports: Actions opened, launched, completed;
  published reviews);
- internal: for the programme and the EU reporting systems, not for publication;
- confidential: concerns one identifiable person through an id (an expert, a focal point, a participant's
  response), even with no personal data on the stream;
- restricted: judgements about one person (evaluations, suspensions): the smallest audience.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from contracts.base import DomainEvent


class DataClassification(StrEnum):
    """The values the CloudEvents `dataclassification` extension allows, least sensitive first."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"


EXTENSION = "dataclassification"
HEADER = f"ce_{EXTENSION}"

_PUBLIC, _INTERNAL = DataClassification.PUBLIC, DataClassification.INTERNAL
_CONFIDENTIAL, _RESTRICTED = DataClassification.CONFIDENTIAL, DataClassification.RESTRICTED

# (service, event name) -> classification; every version of an event type shares it.
DECLARED: Final[Mapping[tuple[str, str], DataClassification]] = {
    ("requests", "RequestSubmitted"): _INTERNAL,
    ("requests", "RequestEligibilityAssessed"): _INTERNAL,
    ("requests", "RequestAmended"): _INTERNAL,
    ("requests", "RequestApproved"): _INTERNAL,
    ("requests", "RequestRejected"): _INTERNAL,
    ("requests", "RequestDeferred"): _INTERNAL,
    ("requests", "RequestWithdrawn"): _INTERNAL,
    ("requests", "FocalPointNominated"): _CONFIDENTIAL,
    ("requests", "FocalPointReplaced"): _CONFIDENTIAL,
    ("requests", "FocalPointPersonalDataErased"): _CONFIDENTIAL,
    ("actions", "ActionOpened"): _PUBLIC,
    ("actions", "ActionFicheDrafted"): _INTERNAL,
    ("actions", "ActionFicheAgreed"): _INTERNAL,
    ("actions", "ActionFicheEndorsed"): _INTERNAL,
    ("actions", "ActionClassified"): _PUBLIC,
    ("actions", "ActionLessonRecorded"): _INTERNAL,
    ("actions", "ActionOutcomeRecorded"): _INTERNAL,
    ("actions", "ActionFollowUpRecorded"): _INTERNAL,
    ("actions", "ActionReplicationRecorded"): _INTERNAL,
    ("actions", "ComplementaryActorRecorded"): _INTERNAL,
    ("actions", "ActivityPlanned"): _INTERNAL,
    ("actions", "ActivityReplanned"): _INTERNAL,
    ("actions", "ActivityRescheduled"): _INTERNAL,
    ("actions", "ActivityCancelled"): _INTERNAL,
    ("actions", "ActivityHeld"): _INTERNAL,
    ("actions", "ActivityCoFacilitated"): _CONFIDENTIAL,  # may name a focal point by id
    ("actions", "ActionLaunched"): _PUBLIC,
    ("actions", "DeliverableRecorded"): _INTERNAL,
    ("actions", "DeliverableStatusChanged"): _INTERNAL,
    ("actions", "ActionCompleted"): _PUBLIC,
    ("actions", "ActionFeedbackReceived"): _INTERNAL,
    ("experts", "ExpertRegistered"): _CONFIDENTIAL,
    ("experts", "ExpertProfileUpdated"): _CONFIDENTIAL,
    ("experts", "ExpertSuspended"): _RESTRICTED,
    ("experts", "ExpertReactivated"): _CONFIDENTIAL,
    ("experts", "ExpertPersonalDataErased"): _CONFIDENTIAL,
    ("experts", "DeploymentProposed"): _CONFIDENTIAL,
    ("experts", "DeploymentConfirmed"): _CONFIDENTIAL,
    ("experts", "DeploymentDeclined"): _CONFIDENTIAL,
    ("experts", "DeploymentRescheduled"): _CONFIDENTIAL,
    ("experts", "DeploymentCompleted"): _CONFIDENTIAL,
    ("experts", "DeploymentCancelled"): _CONFIDENTIAL,
    ("experts", "ExpertEvaluated"): _RESTRICTED,
    ("experts", "ExpertServedAsFocalPoint"): _CONFIDENTIAL,
    ("feedback", "ParticipantFeedbackRecorded"): _CONFIDENTIAL,
    ("feedback", "ActionFeedbackSubmitted"): _INTERNAL,
    ("feedback", "ActionFeedbackCorrected"): _INTERNAL,
    ("feedback", "ReviewPublished"): _PUBLIC,
    ("feedback", "ExternalEvaluationRecorded"): _INTERNAL,
}

# Types outside the published language (test samples) are internal; contracts/tests require a
# declaration for every published type, so this never applies to one.
UNDECLARED: Final = DataClassification.INTERNAL


def classification_of(event_class: type[DomainEvent]) -> DataClassification:
    return DECLARED.get((event_class.service, event_class.event_name), UNDECLARED)
