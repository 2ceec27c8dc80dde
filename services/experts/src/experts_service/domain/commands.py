"""Commands of the experts domain: frozen, imperative, one stream each (the expert's).

Deployments are commands on the expert's stream: the expert aggregate holds its confirmed date ranges,
so optimistic concurrency on that one stream serialises confirmations (no double booking, R15).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.events.actions import ActivityType
from contracts.events.experts import (
    DeclineReason,
    DeploymentCancellationReason,
    ExpertProfile,
    SuspensionReason,
)
from contracts.events.requests import FocalPointKind, Region, ThematicArea


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    """What the service knows of an activity (from mieux.actions.v1) when a command needs it."""

    activity_id: str
    action_id: str
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    countries: tuple[str, ...] = ()
    planned: bool = True  # False once cancelled or held


@dataclass(frozen=True, slots=True)
class FocalPointFacts:
    """What the service knows of a focal point (ids only, from mieux.requests.v1) and who it is linked to."""

    focal_point_id: str
    request_id: str
    authority_id: str | None
    kind: FocalPointKind
    erased: bool = False
    expert_id: str | None = None  # the expert already recorded as this focal point, if any


@dataclass(frozen=True, slots=True)
class RegisterExpert:
    expert_id: str
    profile: ExpertProfile
    registered_on: date


@dataclass(frozen=True, slots=True)
class UpdateProfile:
    expert_id: str
    profile: ExpertProfile
    updated_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class SuspendExpert:
    expert_id: str
    reason: SuspensionReason
    suspended_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ReactivateExpert:
    expert_id: str
    reactivated_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ErasePersonalData:
    expert_id: str
    erased_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ProposeDeployment:
    expert_id: str
    deployment_id: str
    activity: ActivityFacts
    proposed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ConfirmDeployment:
    expert_id: str
    deployment_id: str
    confirmed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class DeclineDeployment:
    expert_id: str
    deployment_id: str
    reason: DeclineReason
    declined_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CancelDeployment:
    expert_id: str
    deployment_id: str
    reason: DeploymentCancellationReason
    cancelled_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class EvaluateExpert:
    expert_id: str
    deployment_id: str
    evaluation_id: str
    expertise: int
    communication: int
    preparation: int
    evaluated_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordFormerFocalPoint:
    """The expert is the person who served as this focal point of a partner institution."""

    expert_id: str
    focal_point: FocalPointFacts
    recorded_on: date
    expected_version: int | None = None


# Issued by the policies on the actions service's events (never refused; a no-op when already applied).
@dataclass(frozen=True, slots=True)
class RescheduleDeployments:
    expert_id: str
    activity_id: str
    starts_on: date
    ends_on: date
    rescheduled_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CompleteDeployments:
    expert_id: str
    activity_id: str
    held_from: date
    held_to: date
    completed_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class CancelDeploymentsOfActivity:
    expert_id: str
    activity_id: str
    cancelled_on: date
    expected_version: int | None = None


Command = (
    RegisterExpert
    | UpdateProfile
    | SuspendExpert
    | ReactivateExpert
    | ErasePersonalData
    | ProposeDeployment
    | ConfirmDeployment
    | DeclineDeployment
    | CancelDeployment
    | EvaluateExpert
    | RecordFormerFocalPoint
    | RescheduleDeployments
    | CompleteDeployments
    | CancelDeploymentsOfActivity
)
