"""Checks shared by the decisions: versions, closed Actions, dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from contracts.views.actions import ActionStatus

from actions_service.domain import errors as e
from actions_service.domain.state import Action

# Dates may run one day ahead of UTC: a user east of Greenwich is already on tomorrow's date.
DATE_LEEWAY = timedelta(days=1)


def check_not_completed(state: Action) -> None:
    if state.status is ActionStatus.COMPLETED:
        raise e.Refused(e.ACTION_COMPLETED, "the Action is completed: its Fiche and activities are closed")


def check_not_future(on: date, now: datetime, field: str) -> None:
    if on > now.date() + DATE_LEEWAY:
        raise e.InvalidCommand(e.DATE_IN_FUTURE, f"{field} {on.isoformat()} is in the future", field)


def check_order(first: date, then: date, field: str) -> None:
    """`then` may not precede `first`, a date given by the input itself (422 ENDS_BEFORE_STARTS)."""
    if then < first:
        raise e.InvalidCommand(e.ENDS_BEFORE_STARTS, f"{field} {then.isoformat()} precedes {first.isoformat()}", field)


def check_not_before(on: date, earlier: date | None, code: str, what: str, field: str) -> None:
    """`on` may not precede a step already recorded (409 with `code`)."""
    if earlier is not None and on < earlier:
        raise e.Refused(code, f"{field} {on.isoformat()} precedes {what} ({earlier.isoformat()})", field)


def approved_on(state: Action) -> date | None:
    return state.opened.approved_on if state.opened else None


def received_on(state: Action) -> date | None:
    return state.opened.received_on if state.opened else None
