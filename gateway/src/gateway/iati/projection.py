"""What an IATI activity needs of each Action, folded from the requests and actions events (no personal data:
institutions, dates, places, counts and deliverable titles only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionCompleted,
    ActionLaunched,
    ActionOpened,
    ActivityCancelled,
    ActivityHeld,
    ActivityPlanned,
    ActivityReplanned,
    ActivityRescheduled,
    DeliverableKind,
    DeliverableRecorded,
    DeliverableStatus,
    DeliverableStatusChanged,
)
from contracts.events.requests import RequestingAuthority, RequestSubmitted


@dataclass
class Deliverable:
    id: str
    kind: DeliverableKind
    title: str
    status: DeliverableStatus
    dated: date


@dataclass
class PlannedActivity:
    starts_on: date
    ends_on: date
    cancelled: bool = False
    held_from: date | None = None
    held_to: date | None = None


@dataclass
class ActionRecord:
    opened: ActionOpened
    launched_on: date | None = None
    completed_on: date | None = None
    activities: dict[str, PlannedActivity] = field(default_factory=dict)
    deliverables: dict[str, Deliverable] = field(default_factory=dict)

    @property
    def planned_end(self) -> date | None:
        ends = [a.ends_on for a in self.activities.values() if not a.cancelled]
        return max(ends, default=None)


@dataclass
class IatiPortfolio:
    """Every Action and the institutions that requested them, as the stream tells."""

    actions: dict[str, ActionRecord] = field(default_factory=dict)
    authorities: dict[str, RequestingAuthority] = field(default_factory=dict)

    def matching(self, region: str | None = None, phase: str | None = None) -> list[ActionRecord]:
        """The Actions of a region and/or a phase (all when both are None)."""
        return [
            action
            for action in self.actions.values()
            if (region is None or action.opened.region.value == region)
            and (phase is None or action.opened.phase.value == phase)
        ]

    def apply(self, event: DomainEvent) -> None:
        if isinstance(event, RequestSubmitted):
            for authority in (event.authority, *event.co_requesters):
                self.authorities[authority.authority_id] = authority
        elif isinstance(event, ActionOpened):
            self.actions.setdefault(event.action_id, ActionRecord(event)).opened = event
        elif (action := self.actions.get(getattr(event, "action_id", ""))) is not None:
            _apply_to_action(action, event)


def _apply_to_action(action: ActionRecord, event: DomainEvent) -> None:
    match event:
        case ActivityPlanned() | ActivityReplanned() | ActivityRescheduled():
            planned = action.activities.setdefault(event.activity_id, PlannedActivity(event.starts_on, event.ends_on))
            planned.starts_on, planned.ends_on = event.starts_on, event.ends_on
        case ActivityCancelled():
            if event.activity_id in action.activities:
                action.activities[event.activity_id].cancelled = True
        case ActivityHeld():
            held = action.activities.setdefault(event.activity_id, PlannedActivity(event.held_from, event.held_to))
            held.held_from, held.held_to = event.held_from, event.held_to
        case ActionLaunched():
            action.launched_on = event.launched_on
        case ActionCompleted():
            action.completed_on = event.completed_on
        case DeliverableRecorded():
            action.deliverables[event.deliverable_id] = Deliverable(
                event.deliverable_id, event.kind, event.title, DeliverableStatus.DRAFTED, event.recorded_on
            )
        case DeliverableStatusChanged():
            if (deliverable := action.deliverables.get(event.deliverable_id)) is not None:
                deliverable.status, deliverable.dated = event.status, event.changed_on
