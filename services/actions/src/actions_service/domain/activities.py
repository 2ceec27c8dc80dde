"""Decisions on activities (plan, re-plan, reschedule, cancel, hold; launch) and deliverables (R26)."""

from __future__ import annotations

from datetime import datetime

from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionLaunched,
    ActivityCancelled,
    ActivityCoFacilitated,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
    DeliverableRecorded,
    DeliverableStatusChanged,
)
from contracts.reference import country
from contracts.views.actions import ActivityStatus
from service_core.errors import NotFound

from actions_service.domain import deliverables
from actions_service.domain import errors as e
from actions_service.domain.checks import (
    approved_on,
    check_not_before,
    check_not_completed,
    check_not_future,
    check_order,
    received_on,
)
from actions_service.domain.commands import (
    ActivityCommand,
    ActivityPlan,
    CancelActivity,
    DeliverableCommand,
    HoldActivity,
    PlanActivity,
    RecordCoFacilitation,
    RecordDeliverable,
    ReplanActivity,
    RescheduleActivity,
)
from actions_service.domain.state import Action, Activity

LAUNCH_WITHIN_DAYS = 90  # R10: "ready to launch within three months" of approval


def decide_activity(state: Action, command: ActivityCommand, now: datetime) -> list[DomainEvent]:
    check_not_completed(state)
    if isinstance(command, PlanActivity):
        return plan(state, command)
    activity = state.activity(command.activity_id)
    if activity is None:
        raise NotFound("activity", command.activity_id)
    if isinstance(command, CancelActivity):
        return cancel(activity, command, now)
    _check_still_planned(activity)
    if isinstance(command, ReplanActivity):
        _check_plan(state, command.plan)
        p = command.plan
        return [
            ActivityReplanned(
                activity_id=activity.activity_id,
                action_id=command.action_id,
                activity_type=p.activity_type,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                remote=p.remote,
                place_country=p.place_country,
                place_city=p.place_city,
                planned_participants=p.planned_participants,
                reason=command.reason,
            )
        ]
    if isinstance(command, RescheduleActivity):
        check_order(command.starts_on, command.ends_on, "ends_on")
        check_not_before(command.starts_on, approved_on(state), e.DATE_BEFORE_APPROVAL, "the approval", "starts_on")
        return [
            ActivityRescheduled(
                activity_id=activity.activity_id,
                action_id=command.action_id,
                starts_on=command.starts_on,
                ends_on=command.ends_on,
                reason=command.reason,
            )
        ]
    return hold(state, activity, command, now)


def plan(state: Action, command: PlanActivity) -> list[DomainEvent]:
    _check_plan(state, command.plan)
    opened, p = state.opened, command.plan
    assert opened is not None
    return [
        ActivityPlanned(
            activity_id=command.activity_id,
            action_id=command.action_id,
            sequence=len(state.activities) + 1,
            activity_type=p.activity_type,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            remote=p.remote,
            place_country=p.place_country,
            place_city=p.place_city,
            planned_participants=p.planned_participants,
            reason=command.reason,
            region=opened.region,
            thematic_area=opened.thematic_area,
            countries=opened.countries,
        )
    ]


def cancel(activity: Activity, command: CancelActivity, now: datetime) -> list[DomainEvent]:
    """R11: a cancellation is a recorded modification with its reason; a held activity stays held."""
    if activity.status is ActivityStatus.HELD:
        raise e.Refused(e.ACTIVITY_ALREADY_HELD, "a held activity cannot be cancelled")
    if activity.status is ActivityStatus.CANCELLED:
        raise e.Refused(e.ACTIVITY_CANCELLED, "the activity is already cancelled")
    check_not_future(command.cancelled_on, now, "cancelled_on")
    return [
        ActivityCancelled(
            activity_id=activity.activity_id,
            action_id=command.action_id,
            cancelled_on=command.cancelled_on,
            reason=command.reason,
        )
    ]


def hold(state: Action, activity: Activity, command: HoldActivity, now: datetime) -> list[DomainEvent]:
    """The activity took place; the first one held launches the Action (R10)."""
    opened = state.opened
    assert opened is not None
    if state.agreed_revision is None:
        raise e.Refused(e.FICHE_NOT_AGREED, "activities are held as programmed in an agreed Action Fiche (R05, R07)")
    check_order(command.held_from, command.held_to, "held_to")
    check_not_future(command.held_to, now, "held_to")
    check_not_before(command.held_from, opened.approved_on, e.DATE_BEFORE_APPROVAL, "the approval", "held_from")
    events: list[DomainEvent] = [
        ActivityHeld(
            activity_id=activity.activity_id,
            action_id=command.action_id,
            activity_type=activity.activity_type,
            held_from=command.held_from,
            held_to=command.held_to,
            participants_count=command.participants_count,
            region=opened.region,
            thematic_area=opened.thematic_area,
            countries=opened.countries,
        )
    ]
    if state.launched_on is None:
        days_from_approval = (command.held_from - opened.approved_on).days
        events.append(
            ActionLaunched(
                action_id=command.action_id,
                launched_on=command.held_from,
                first_activity_id=activity.activity_id,
                days_from_request=(command.held_from - opened.received_on).days,
                days_from_approval=days_from_approval,
                launched_late=days_from_approval > LAUNCH_WITHIN_DAYS,
            )
        )
    return events


def co_facilitate(state: Action, command: RecordCoFacilitation, now: datetime) -> list[DomainEvent]:
    """A partner institution's staff facilitated the activity with the experts (the partner's ownership of the
    Action). Only the Action's requesting and co-requesting institutions, once each per activity; recorded while
    planned or after it was held, and after completion too (it says how the activity was delivered)."""
    activity = state.activity(command.activity_id)
    if activity is None:
        raise NotFound("activity", command.activity_id)
    if activity.status is ActivityStatus.CANCELLED:
        raise e.Refused(e.ACTIVITY_CANCELLED, "the activity was cancelled")
    if command.authority_id not in state.authority_ids:
        raise e.InvalidCommand(
            e.NOT_A_PARTNER_INSTITUTION,
            f"{command.authority_id!r} is neither the requesting nor a co-requesting institution of this Action",
            "authority_id",
        )
    if command.authority_id in activity.co_facilitated_by:
        raise e.Refused(e.CO_FACILITATION_ALREADY_RECORDED, "this institution's co-facilitation is already recorded")
    check_not_future(command.recorded_on, now, "recorded_on")
    check_not_before(command.recorded_on, approved_on(state), e.DATE_BEFORE_APPROVAL, "the approval", "recorded_on")
    return [ActivityCoFacilitated.carrying(command)]


def decide_deliverable(state: Action, command: DeliverableCommand, now: datetime) -> list[DomainEvent]:
    """Deliverables are the partner's (R25): recorded and moved on even after the Action is completed."""
    if isinstance(command, RecordDeliverable):
        check_not_future(command.recorded_on, now, "recorded_on")
        check_not_before(command.recorded_on, received_on(state), e.DATE_BEFORE_RECEIPT, "the request", "recorded_on")
        return [
            DeliverableRecorded(
                deliverable_id=command.deliverable_id,
                action_id=command.action_id,
                kind=command.kind,
                title=command.title,
                recorded_on=command.recorded_on,
            )
        ]
    deliverable = state.deliverable(command.deliverable_id)
    if deliverable is None:
        raise NotFound("deliverable", command.deliverable_id)
    refused = deliverables.refusal(deliverable.steps, command.status, command.level)
    if refused is not None:
        raise e.Refused(e.DELIVERABLE_STATUS_NOT_FORWARD, f"{command.status} at {command.level}: {refused}", "status")
    check_not_future(command.changed_on, now, "changed_on")
    check_not_before(
        command.changed_on, deliverable.changed_on, e.DATE_BEFORE_PREVIOUS_STEP, "its previous status", "changed_on"
    )
    return [
        DeliverableStatusChanged(
            deliverable_id=command.deliverable_id,
            action_id=command.action_id,
            previous_status=deliverable.status,
            status=command.status,
            level=command.level,
            changed_on=command.changed_on,
        )
    ]


def _check_still_planned(activity: Activity) -> None:
    if activity.status is ActivityStatus.CANCELLED:
        raise e.Refused(e.ACTIVITY_CANCELLED, "the activity was cancelled")
    if activity.status is ActivityStatus.HELD:
        raise e.Refused(e.ACTIVITY_ALREADY_HELD, "the activity was already held")


def _check_plan(state: Action, plan: ActivityPlan) -> None:
    check_order(plan.starts_on, plan.ends_on, "ends_on")
    if not plan.remote and plan.place_country is None:
        raise e.InvalidCommand(e.PLACE_REQUIRED, "an activity on site needs place_country (or remote)", "place_country")
    if plan.place_country is not None and country(plan.place_country) is None:
        raise e.InvalidCommand(
            e.UNKNOWN_COUNTRY, f"{plan.place_country!r} is not an ISO 3166-1 alpha-2 code", "place_country"
        )
    check_not_before(plan.starts_on, approved_on(state), e.DATE_BEFORE_APPROVAL, "the approval", "starts_on")
