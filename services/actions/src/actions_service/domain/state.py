"""The state of one Action, folded from its events (`evolve`): its Fiche, activities and deliverables."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionCompleted,
    ActionFeedbackReceived,
    ActionFicheAgreed,
    ActionFicheDrafted,
    ActionFicheEndorsed,
    ActionLaunched,
    ActionOpened,
    ActivityCancelled,
    ActivityCoFacilitated,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
    ActivityType,
    DeliverableLevel,
    DeliverableRecorded,
    DeliverableStatus,
    DeliverableStatusChanged,
    FeedbackSource,
)
from contracts.views.actions import ActionStatus, ActivityStatus, FicheStatus


@dataclass(frozen=True, slots=True)
class Activity:
    activity_id: str
    sequence: int
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    status: ActivityStatus = ActivityStatus.PLANNED
    held_to: date | None = None
    co_facilitated_by: tuple[str, ...] = ()  # partner institutions whose staff co-facilitated it


@dataclass(frozen=True, slots=True)
class Deliverable:
    deliverable_id: str
    status: DeliverableStatus
    changed_on: date
    steps: tuple[tuple[DeliverableStatus, DeliverableLevel], ...] = ()  # every change after the draft (R26)


@dataclass(frozen=True, slots=True)
class Action:
    opened: ActionOpened | None = None
    status: ActionStatus = ActionStatus.IN_PREPARATION
    fiche_revision: int = 0
    fiche_drafted_on: date | None = None
    agreed_revision: int | None = None
    agreed_on: date | None = None
    endorsed_revision: int | None = None
    activities: tuple[Activity, ...] = ()
    launched_on: date | None = None
    deliverables: tuple[Deliverable, ...] = ()
    completed_on: date | None = None
    # Fed by the feedback service's events (R13): who gave Action-level feedback (None: an expert whose id
    # an older event did not carry); completion requires it from every deployed expert and the partner.
    experts_with_feedback: tuple[str | None, ...] = ()
    partner_feedback_received: bool = False
    version: int = 0

    @property
    def exists(self) -> bool:
        return self.opened is not None

    @property
    def region(self) -> str | None:
        return str(self.opened.region) if self.opened else None

    @property
    def authority_ids(self) -> tuple[str, ...]:
        if self.opened is None:
            return ()
        return (self.opened.authority_id, *self.opened.co_requester_ids)

    @property
    def fiche_status(self) -> FicheStatus:
        if self.fiche_revision == 0:
            return FicheStatus.NOT_DRAFTED
        return FicheStatus.AGREED if self.agreed_revision == self.fiche_revision else FicheStatus.DRAFTED

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities if a.activity_id == activity_id), None)

    def deliverable(self, deliverable_id: str) -> Deliverable | None:
        return next((d for d in self.deliverables if d.deliverable_id == deliverable_id), None)

    def count(self, status: ActivityStatus) -> int:
        return sum(1 for a in self.activities if a.status is status)


def _activity(state: Action, activity_id: str, **changes: object) -> tuple[Activity, ...]:
    return tuple(replace(a, **changes) if a.activity_id == activity_id else a for a in state.activities)  # type: ignore[arg-type]


def evolve(state: Action, event: DomainEvent) -> Action:
    state = replace(state, version=state.version + 1)
    match event:
        case ActionOpened():
            return replace(state, opened=event)
        case ActionFicheDrafted(revision=revision, drafted_on=on):
            return replace(state, fiche_revision=revision, fiche_drafted_on=on)
        case ActionFicheAgreed(revision=revision, agreed_on=on):
            return replace(state, agreed_revision=revision, agreed_on=on)
        case ActionFicheEndorsed(revision=revision):
            return replace(state, endorsed_revision=revision)
        case ActivityPlanned():
            planned = Activity(event.activity_id, event.sequence, event.activity_type, event.starts_on, event.ends_on)
            return replace(state, activities=(*state.activities, planned))
        case ActivityReplanned():
            changes = {"activity_type": event.activity_type, "starts_on": event.starts_on, "ends_on": event.ends_on}
            return replace(state, activities=_activity(state, event.activity_id, **changes))
        case ActivityRescheduled():
            changes = {"starts_on": event.starts_on, "ends_on": event.ends_on}
            return replace(state, activities=_activity(state, event.activity_id, **changes))
        case ActivityCancelled():
            return replace(state, activities=_activity(state, event.activity_id, status=ActivityStatus.CANCELLED))
        case ActivityHeld():
            changes = {"status": ActivityStatus.HELD, "held_to": event.held_to}
            return replace(state, activities=_activity(state, event.activity_id, **changes))
        case ActivityCoFacilitated(activity_id=activity_id, authority_id=authority_id):
            activity = state.activity(activity_id)
            by = (*activity.co_facilitated_by, authority_id) if activity else (authority_id,)
            return replace(state, activities=_activity(state, activity_id, co_facilitated_by=by))
        case ActionLaunched(launched_on=on):
            return replace(state, status=ActionStatus.ONGOING, launched_on=on)
        case DeliverableRecorded():
            recorded = Deliverable(event.deliverable_id, DeliverableStatus.DRAFTED, event.recorded_on)
            return replace(state, deliverables=(*state.deliverables, recorded))
        case DeliverableStatusChanged():
            changed = tuple(
                replace(
                    d, status=event.status, changed_on=event.changed_on, steps=(*d.steps, (event.status, event.level))
                )
                if d.deliverable_id == event.deliverable_id
                else d
                for d in state.deliverables
            )
            return replace(state, deliverables=changed)
        case ActionFeedbackReceived(source=FeedbackSource.EXPERT, expert_id=expert_id):
            return replace(state, experts_with_feedback=(*state.experts_with_feedback, expert_id))
        case ActionFeedbackReceived(source=FeedbackSource.PARTNER):
            return replace(state, partner_feedback_received=True)
        case ActionCompleted(completed_on=on):
            return replace(state, status=ActionStatus.COMPLETED, completed_on=on)
    return state
