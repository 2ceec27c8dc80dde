"""Domain commands from route bodies and events from commands, by field name (no hand copy of each field)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from contracts.base import DomainEvent
from pydantic import BaseModel, ConfigDict
from service_core.bodies import command_from

TODAY = date(2024, 5, 6)


class Level(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str


class LevelIn(BaseModel):
    name: str


class DraftBody(BaseModel):
    title: str
    levels: list[LevelIn] = []
    tags: list[str] = []
    drafted_on: date | None = None
    closed_on: date | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class Schedule:
    drafted_on: date
    title: str


@dataclass(frozen=True)
class Planned:
    draft_id: str
    schedule: Schedule
    expected_version: int | None = None


@dataclass(frozen=True)
class Draft:
    draft_id: str
    title: str
    levels: tuple[Level, ...]
    tags: tuple[str, ...]
    drafted_on: date
    closed_on: date | None = None
    expected_version: int | None = None
    note: str = "kept"


class Drafted(DomainEvent):
    service = "test"

    draft_id: str
    title: str
    levels: tuple[Level, ...]
    drafted_on: date
    revision: int


def test_a_command_takes_the_body_s_fields_by_name_with_lists_as_tuples_and_nested_models_converted() -> None:
    body = DraftBody(title="Plan", levels=[LevelIn(name="INSTITUTIONAL")], tags=["a", "b"], expected_version=3)
    command = command_from(Draft, body, today=TODAY, draft_id="d-1")
    assert command == Draft(
        draft_id="d-1",
        title="Plan",
        levels=(Level(name="INSTITUTIONAL"),),
        tags=("a", "b"),
        drafted_on=TODAY,
        expected_version=3,
    )


def test_a_required_date_left_out_is_today_and_an_optional_one_stays_empty() -> None:
    command = command_from(Draft, DraftBody(title="Plan", drafted_on=date(2020, 1, 2)), today=TODAY, draft_id="d")
    assert (command.drafted_on, command.closed_on, command.note) == (date(2020, 1, 2), None, "kept")


def test_given_values_win_over_the_body() -> None:
    command = command_from(Draft, DraftBody(title="Plan"), today=TODAY, draft_id="d", title="From the path")
    assert command.title == "From the path"


def test_an_event_carries_the_command_s_fields_it_declares_and_what_the_decision_adds() -> None:
    command = command_from(Draft, DraftBody(title="Plan", tags=["x"]), today=TODAY, draft_id="d-2")
    event = Drafted.carrying(command, revision=2)
    assert event == Drafted(draft_id="d-2", title="Plan", levels=(), drafted_on=TODAY, revision=2)


def test_a_part_of_the_command_that_is_a_dataclass_is_filled_from_the_body_s_fields() -> None:
    command = command_from(Planned, DraftBody(title="Plan", expected_version=1), today=TODAY, draft_id="d")
    assert command == Planned(draft_id="d", schedule=Schedule(drafted_on=TODAY, title="Plan"), expected_version=1)


def test_a_given_value_the_command_does_not_have_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="no field lesson_id"):
        command_from(Draft, DraftBody(title="Plan"), today=TODAY, draft_id="d", lesson_id="x")
