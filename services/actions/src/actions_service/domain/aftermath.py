"""What follows an Action's activities: the follow-up exercise, replication elsewhere, and the other actors
it complements (R27). Recorded by the programme team from what partners report, during and after the Action."""

from __future__ import annotations

from datetime import date, datetime

from contracts.base import DomainEvent
from contracts.events.actions import ActionFollowUpRecorded, ActionReplicationRecorded, ComplementaryActorRecorded
from contracts.reference import country
from contracts.views.actions import ActionStatus

from actions_service.domain import errors as e
from actions_service.domain.checks import check_not_before, check_not_future, received_on
from actions_service.domain.commands import (
    AftermathCommand,
    RecordComplementaryActor,
    RecordFollowUp,
    RecordReplication,
)
from actions_service.domain.state import Action


def decide_aftermath(state: Action, command: AftermathCommand, now: datetime) -> list[DomainEvent]:
    if isinstance(command, RecordFollowUp):
        return [follow_up(state, command, now)]
    if isinstance(command, RecordReplication):
        return [replication(state, command, now)]
    return [complementary_actor(state, command, now)]


def follow_up(state: Action, command: RecordFollowUp, now: datetime) -> ActionFollowUpRecorded:
    """Only what was launched can be followed up; the date comes after the launch."""
    if state.status is ActionStatus.IN_PREPARATION:
        raise e.Refused(e.NOT_LAUNCHED, "an Action is followed up once its first activity has been held")
    _check_date(state, command.observed_on, now, "observed_on")
    check_not_before(command.observed_on, state.launched_on, e.DATE_BEFORE_LAUNCH, "the launch", "observed_on")
    return ActionFollowUpRecorded.carrying(command)


def replication(state: Action, command: RecordReplication, now: datetime) -> ActionReplicationRecorded:
    if country(command.country) is None:
        raise e.InvalidCommand(e.UNKNOWN_COUNTRY, f"{command.country!r} is not an ISO 3166-1 alpha-2 code", "country")
    _check_date(state, command.observed_on, now, "observed_on")
    return ActionReplicationRecorded.carrying(command)


def complementary_actor(state: Action, command: RecordComplementaryActor, now: datetime) -> ComplementaryActorRecorded:
    _check_date(state, command.recorded_on, now, "recorded_on")
    return ComplementaryActorRecorded.carrying(command)


def _check_date(state: Action, on: date, now: datetime, field: str) -> None:
    check_not_future(on, now, field)
    check_not_before(on, received_on(state), e.DATE_BEFORE_RECEIPT, "the request", field)
