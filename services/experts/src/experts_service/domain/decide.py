"""`decide(state, command, now) -> events`: the roster, deployments and evaluations of one expert.

Deployment rules: never propose a suspended or erased expert, nor one confirmed on an overlapping activity;
a confirmation is refused if the expert is already confirmed on overlapping dates (EXPERT_DOUBLE_BOOKED).
The policies' commands (reschedule, complete, cancel for an activity) never refuse: applied twice, they
decide nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from contracts.base import DomainEvent
from contracts.events.experts import (
    DeploymentCancellationReason,
    DeploymentCancelled,
    DeploymentCompleted,
    DeploymentConfirmed,
    DeploymentDeclined,
    DeploymentProposed,
    DeploymentRescheduled,
    ExpertEvaluated,
    ExpertPersonalDataErased,
    ExpertProfileUpdated,
    ExpertReactivated,
    ExpertRegistered,
    ExpertSuspended,
)
from contracts.views.experts import DeploymentStatus, ExpertStatus
from service_core.errors import NotFound, check_version

from experts_service.domain import errors as e
from experts_service.domain.commands import (
    CancelDeployment,
    CancelDeploymentsOfActivity,
    Command,
    CompleteDeployments,
    ConfirmDeployment,
    DeclineDeployment,
    ErasePersonalData,
    EvaluateExpert,
    ProposeDeployment,
    ReactivateExpert,
    RecordFormerFocalPoint,
    RegisterExpert,
    RescheduleDeployments,
    SuspendExpert,
    UpdateProfile,
)
from experts_service.domain.focal_points import served_as_focal_point
from experts_service.domain.profiles import check_profile
from experts_service.domain.state import Deployment, Expert

_DATE_FIELDS = ("registered_on", "updated_on", "suspended_on", "reactivated_on", "erased_on", "proposed_on",
                "confirmed_on", "declined_on", "cancelled_on", "evaluated_on", "recorded_on")  # fmt: skip
_BY_EXPERT = frozenset({DeploymentCancellationReason.EXPERT_WITHDREW, DeploymentCancellationReason.PROGRAMME_DECISION})


def decide(state: Expert, command: Command, now: datetime) -> Sequence[DomainEvent]:
    if not isinstance(command, RescheduleDeployments | CompleteDeployments | CancelDeploymentsOfActivity):
        _check_dates(command, now)  # the policies' dates are the actions service's facts
    if isinstance(command, RegisterExpert):
        if state.exists:
            raise e.Refused(e.EXPERT_ALREADY_REGISTERED, f"expert {command.expert_id} is already registered")
        check_profile(command.profile)
        return [
            ExpertRegistered(expert_id=command.expert_id, profile=command.profile, registered_on=command.registered_on)
        ]
    if not state.exists:
        raise NotFound("expert", command.expert_id)
    check_version("expert", state.version, getattr(command, "expected_version", None))
    match command:
        case RescheduleDeployments():
            return reschedule(state, command)
        case CompleteDeployments():
            return complete(state, command)
        case CancelDeploymentsOfActivity():
            return _cancel_open(state, command.activity_id, DeploymentCancellationReason.ACTIVITY_CANCELLED,
                                command.cancelled_on)  # fmt: skip
    if state.erased:
        raise e.Refused(e.EXPERT_ERASED, "the expert's personal data was erased: the expert left the roster")
    match command:
        case UpdateProfile():
            check_profile(command.profile)
            return [
                ExpertProfileUpdated(
                    expert_id=command.expert_id, profile=command.profile, updated_on=command.updated_on
                )
            ]
        case SuspendExpert():
            if state.status is ExpertStatus.SUSPENDED:
                raise e.Refused(e.EXPERT_ALREADY_SUSPENDED, "the expert is already suspended")
            suspended = ExpertSuspended(
                expert_id=command.expert_id, reason=command.reason, suspended_on=command.suspended_on
            )
            return [
                suspended,
                *_cancel_proposals(state, DeploymentCancellationReason.EXPERT_SUSPENDED, command.suspended_on),
            ]
        case ReactivateExpert():
            if state.status is not ExpertStatus.SUSPENDED:
                raise e.Refused(e.EXPERT_NOT_SUSPENDED, "only a suspended expert can be reactivated")
            return [ExpertReactivated(expert_id=command.expert_id, reactivated_on=command.reactivated_on)]
        case ErasePersonalData():
            erased = ExpertPersonalDataErased(expert_id=command.expert_id, erased_on=command.erased_on)
            return [*_cancel_proposals(state, DeploymentCancellationReason.EXPERT_WITHDREW, command.erased_on), erased]
        case ProposeDeployment():
            return propose(state, command)
        case ConfirmDeployment():
            return confirm(state, command)
        case DeclineDeployment():
            deployment = _deployment(
                state, command.deployment_id, {DeploymentStatus.PROPOSED}, e.DEPLOYMENT_NOT_PROPOSED
            )
            return [
                DeploymentDeclined(**facts(state, deployment), reason=command.reason, declined_on=command.declined_on)
            ]
        case CancelDeployment():
            return cancel(state, command)
        case EvaluateExpert():
            return evaluate(state, command)
        case RecordFormerFocalPoint():
            return [served_as_focal_point(state, command)]
    raise TypeError(f"unknown command {type(command).__name__}")  # pragma: no cover


def facts(state: Expert, deployment: Deployment) -> dict[str, Any]:
    """The fields every deployment event carries (DeploymentFacts)."""
    assert state.profile is not None and state.expert_id is not None
    return {
        "deployment_id": deployment.deployment_id,
        "expert_id": state.expert_id,
        "activity_id": deployment.activity_id,
        "action_id": deployment.action_id,
        "category": state.profile.category,
        "nationality": state.profile.nationality,
        "member_state": state.profile.member_state,
        "starts_on": deployment.starts_on,
        "ends_on": deployment.ends_on,
        "region": deployment.region,
        "thematic_area": deployment.thematic_area,
        "activity_type": deployment.activity_type,
        "countries": deployment.countries,
    }


def propose(state: Expert, command: ProposeDeployment) -> Sequence[DomainEvent]:
    activity = command.activity
    if state.status is ExpertStatus.SUSPENDED:
        raise e.Refused(e.EXPERT_SUSPENDED, "a suspended expert cannot be proposed")
    if not activity.planned:
        raise e.Refused(e.ACTIVITY_NOT_PLANNED, "the activity was cancelled or already held", "activity_id")
    if any(d.activity_id == activity.activity_id and (d.is_open or d.status is DeploymentStatus.COMPLETED)
           for d in state.deployments):  # fmt: skip
        raise e.Refused(e.DEPLOYMENT_ALREADY_EXISTS, "the expert is already proposed or confirmed for this activity")
    _refuse_double_booking(state, activity.starts_on, activity.ends_on)
    deployment = Deployment(
        deployment_id=command.deployment_id,
        activity_id=activity.activity_id,
        action_id=activity.action_id,
        activity_type=activity.activity_type,
        starts_on=activity.starts_on,
        ends_on=activity.ends_on,
        region=activity.region,
        thematic_area=activity.thematic_area,
        countries=activity.countries,
    )
    return [DeploymentProposed(**facts(state, deployment), proposed_on=command.proposed_on)]


def confirm(state: Expert, command: ConfirmDeployment) -> Sequence[DomainEvent]:
    deployment = _deployment(state, command.deployment_id, {DeploymentStatus.PROPOSED}, e.DEPLOYMENT_NOT_PROPOSED)
    if state.status is ExpertStatus.SUSPENDED:
        raise e.Refused(e.EXPERT_SUSPENDED, "a suspended expert cannot confirm a deployment")
    _refuse_double_booking(state, deployment.starts_on, deployment.ends_on, besides=deployment.deployment_id)
    return [DeploymentConfirmed(**facts(state, deployment), confirmed_on=command.confirmed_on)]


def cancel(state: Expert, command: CancelDeployment) -> Sequence[DomainEvent]:
    if command.reason not in _BY_EXPERT:
        raise e.InvalidCommand(e.INVALID_REASON, "reason: EXPERT_WITHDREW or PROGRAMME_DECISION", "reason")
    deployment = _deployment(state, command.deployment_id, {*_open()}, e.DEPLOYMENT_NOT_OPEN)
    return [_cancelled(state, deployment, command.reason, command.cancelled_on)]


def evaluate(state: Expert, command: EvaluateExpert) -> Sequence[DomainEvent]:
    deployment = _deployment(state, command.deployment_id, {DeploymentStatus.COMPLETED}, e.DEPLOYMENT_NOT_COMPLETED)
    if deployment.evaluated:
        raise e.Refused(e.DEPLOYMENT_ALREADY_EVALUATED, "this deployment was already evaluated")
    return [
        ExpertEvaluated(
            **facts(state, deployment),
            evaluation_id=command.evaluation_id,
            expertise=command.expertise,
            communication=command.communication,
            preparation=command.preparation,
            evaluated_on=command.evaluated_on,
        )
    ]


def reschedule(state: Expert, command: RescheduleDeployments) -> Sequence[DomainEvent]:
    events: list[DomainEvent] = []
    for d in state.deployments:
        if d.activity_id != command.activity_id or not d.is_open:
            continue
        if (d.starts_on, d.ends_on) == (command.starts_on, command.ends_on):
            continue
        overlapping = state.confirmed_overlapping(command.starts_on, command.ends_on, besides=d.deployment_id)
        moved = {**facts(state, d), "starts_on": command.starts_on, "ends_on": command.ends_on}
        events.append(
            DeploymentRescheduled(
                **moved,
                previous_starts_on=d.starts_on,
                previous_ends_on=d.ends_on,
                overlapping_deployment_ids=tuple(o.deployment_id for o in overlapping)
                if d.status is DeploymentStatus.CONFIRMED
                else (),
                rescheduled_on=command.rescheduled_on,
            )
        )
    return events


def complete(state: Expert, command: CompleteDeployments) -> Sequence[DomainEvent]:
    """Confirmed deployments of the held activity complete; proposals nobody confirmed are cancelled."""
    events: list[DomainEvent] = []
    for d in state.deployments:
        if d.activity_id != command.activity_id:
            continue
        if d.status is DeploymentStatus.CONFIRMED:
            events.append(
                DeploymentCompleted(
                    **{**facts(state, d), "starts_on": command.held_from, "ends_on": command.held_to},
                    held_from=command.held_from,
                    held_to=command.held_to,
                    completed_on=command.completed_on,
                )
            )
        elif d.status is DeploymentStatus.PROPOSED:
            reason = DeploymentCancellationReason.NOT_CONFIRMED_BEFORE_ACTIVITY
            events.append(_cancelled(state, d, reason, command.completed_on))
    return events


def _open() -> set[DeploymentStatus]:
    return {DeploymentStatus.PROPOSED, DeploymentStatus.CONFIRMED}


def _cancel_open(
    state: Expert, activity_id: str, reason: DeploymentCancellationReason, on: date
) -> Sequence[DomainEvent]:
    return [_cancelled(state, d, reason, on) for d in state.deployments if d.activity_id == activity_id and d.is_open]


def _cancel_proposals(state: Expert, reason: DeploymentCancellationReason, on: date) -> list[DomainEvent]:
    return [_cancelled(state, d, reason, on) for d in state.deployments if d.status is DeploymentStatus.PROPOSED]


def _cancelled(
    state: Expert, deployment: Deployment, reason: DeploymentCancellationReason, on: date
) -> DeploymentCancelled:
    was_confirmed = deployment.status is DeploymentStatus.CONFIRMED
    return DeploymentCancelled(**facts(state, deployment), reason=reason, was_confirmed=was_confirmed, cancelled_on=on)


def _deployment(state: Expert, deployment_id: str, allowed: set[DeploymentStatus], code: str) -> Deployment:
    deployment = state.deployment(deployment_id)
    if deployment is None:
        raise NotFound("deployment", deployment_id)
    if deployment.status not in allowed:
        raise e.Refused(code, f"the deployment is {deployment.status}")
    return deployment


def _refuse_double_booking(state: Expert, starts_on: date, ends_on: date, besides: str | None = None) -> None:
    overlapping = state.confirmed_overlapping(starts_on, ends_on, besides)
    if overlapping:
        first = overlapping[0]
        raise e.Refused(
            e.EXPERT_DOUBLE_BOOKED,
            f"the expert is confirmed on activity {first.activity_id} from {first.starts_on} to {first.ends_on}",
        )


def _check_dates(command: Command, now: datetime) -> None:
    latest = now.date() + timedelta(days=1)
    for field in _DATE_FIELDS:
        value = getattr(command, field, None)
        if isinstance(value, date) and value > latest:
            raise e.InvalidCommand(e.DATE_IN_FUTURE, f"{field}: {value} is in the future", field)
