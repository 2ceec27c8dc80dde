"""The compatibility rule within a version (docs/architecture.md), on schemas pydantic really generates.

FULL (the default, what a version requires) = BACKWARD (the new schema reads old events) and FORWARD (the
old schema, as a consumer pinned it, reads new events), the Confluent Schema Registry's modes.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from contracts.base import DomainEvent
from contracts.compatibility import Mode
from pydantic import BaseModel, ConfigDict, Field

from contracts.schemas import compatibility, event_schema


def schema(**fields: Any) -> dict[str, Any]:
    """Schema of an event `Changed.v1` with the given annotations (a value in a tuple = a default)."""
    annotations = {name: (spec[0] if isinstance(spec, tuple) else spec) for name, spec in fields.items()}
    namespace: dict[str, Any] = {"__annotations__": annotations, "service": "sample", "event_name": "Changed"}
    namespace.update({name: spec[1] for name, spec in fields.items() if isinstance(spec, tuple)})
    return event_schema(type("Changed", (DomainEvent,), namespace))


class Venue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    city: str
    capacity: int | None = None


class Format(StrEnum):
    WORKSHOP = "workshop"
    STUDY_VISIT = "study_visit"


def test_an_unchanged_schema_has_no_breaking_changes() -> None:
    old = schema(action_id=str, format=Format, venue=Venue, starts=datetime, tags=list[str])
    assert compatibility(old, old) == []


def test_adding_an_optional_field_is_allowed() -> None:
    old = schema(action_id=str)
    new = schema(action_id=str, region=(str | None, None), days=(int, 1))
    assert compatibility(old, new) == []


def test_adding_an_enum_value_or_loosening_a_constraint_is_backward_but_not_forward_compatible() -> None:
    class Fewer(StrEnum):
        WORKSHOP = "workshop"

    old = schema(format=Fewer, code=Annotated[str, Field(max_length=10)])
    new = schema(format=Format, code=Annotated[str, Field(max_length=20)])
    assert compatibility(old, new, Mode.BACKWARD) == []
    forward = ["field 'format': enum values added: ['study_visit']", "field 'code': maxLength changed from 10 to 20"]
    assert compatibility(old, new, Mode.FORWARD) == forward
    assert compatibility(old, new) == forward  # FULL, what a version requires: a new version is needed


def test_a_pinned_old_schema_accepts_a_new_optional_field_because_schemas_are_open() -> None:
    old = schema(action_id=str)
    new = schema(action_id=str, region=(str | None, None))
    assert "additionalProperties" not in old
    assert compatibility(old, new, Mode.FORWARD) == []
    assert compatibility(old, new, Mode.BACKWARD) == []


def test_a_closed_old_schema_rejects_a_new_field_forward() -> None:
    old, new = schema(action_id=str), schema(action_id=str, region=(str | None, None))
    old["additionalProperties"] = False
    assert compatibility(old, new, Mode.FORWARD) == [
        "field 'region' added, but the old schema rejects unknown fields",
        "the event: additionalProperties changed from false to true",
    ]
    assert compatibility(old, new, Mode.BACKWARD) == []


def test_removing_a_field_breaks() -> None:
    assert compatibility(schema(action_id=str, region=str), schema(action_id=str)) == ["field 'region' removed"]
    optional = schema(action_id=str, region=(str, ""))
    assert compatibility(optional, schema(action_id=str), Mode.FORWARD) == ["field 'region' removed"]
    assert compatibility(optional, schema(action_id=str), Mode.BACKWARD) == []


def test_making_an_optional_field_required_breaks() -> None:
    breaks = compatibility(schema(region=(str, "")), schema(region=str))
    assert breaks == ["field 'region' became required"]


def test_adding_a_required_field_breaks() -> None:
    assert compatibility(schema(action_id=str), schema(action_id=str, region=str)) == [
        "field 'region' is a new required field"
    ]


def test_changing_a_field_type_breaks() -> None:
    assert compatibility(schema(days=int), schema(days=str)) == ["field 'days': type changed from integer to string"]


def test_making_a_field_nullable_breaks_forward() -> None:
    assert compatibility(schema(days=int), schema(days=int | None)) == [
        "field 'days': type changed from integer to integer or null"
    ]
    assert compatibility(schema(days=int), schema(days=int | None), Mode.BACKWARD) == []


def test_removing_an_enum_value_breaks() -> None:
    class Fewer(StrEnum):
        WORKSHOP = "workshop"

    assert compatibility(schema(format=Format), schema(format=Fewer)) == [
        "field 'format': enum values removed: ['study_visit']"
    ]


def test_changing_a_format_breaks() -> None:
    assert compatibility(schema(starts=datetime), schema(starts=date)) == [
        "field 'starts': format changed from date-time to date"
    ]


def test_changing_a_field_of_a_nested_model_breaks() -> None:
    class Renamed(BaseModel):  # another $defs name: compared by content, not by name
        model_config = ConfigDict(frozen=True, extra="forbid")
        city: int
        capacity: int | None = None

    assert compatibility(schema(venue=Venue), schema(venue=Renamed)) == [
        "field 'venue.city': type changed from string to integer"
    ]


def test_removing_a_field_of_a_nested_model_breaks() -> None:
    class Smaller(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        city: str

    assert compatibility(schema(venue=Venue | None), schema(venue=Smaller | None)) == ["field 'venue.capacity' removed"]


def test_renaming_a_nested_model_without_changing_it_is_allowed() -> None:
    class Place(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        city: str
        capacity: int | None = None

    assert compatibility(schema(venue=Venue), schema(venue=Place)) == []


def test_changing_additional_properties_breaks() -> None:
    opened, closed = schema(action_id=str), schema(action_id=str)
    closed["additionalProperties"] = False
    assert compatibility(closed, opened) == ["the event: additionalProperties changed from false to true"]
    assert compatibility(closed, opened, Mode.BACKWARD) == []
    assert compatibility(opened, closed) == ["the event: additionalProperties changed from true to false"]
    assert compatibility(opened, closed, Mode.FORWARD) == []


def test_tightening_a_constraint_breaks() -> None:
    old = schema(code=Annotated[str, Field(max_length=20)], count=int)
    new = schema(code=Annotated[str, Field(max_length=10)], count=Annotated[int, Field(ge=1)])
    assert compatibility(old, new) == [
        "field 'code': maxLength changed from 20 to 10",
        "field 'count': new constraint minimum = 1",
    ]


def test_changing_the_item_type_of_a_list_breaks() -> None:
    assert compatibility(schema(tags=list[str]), schema(tags=list[int])) == [
        "field 'tags[]': type changed from string to integer"
    ]


def test_changing_the_value_type_of_a_map_breaks() -> None:
    assert compatibility(schema(scores=dict[str, int]), schema(scores=dict[str, float])) == [
        "field 'scores.*': type changed from integer to number"
    ]


def test_recursive_models_are_compared_without_looping() -> None:
    class Node(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        label: str
        children: list[Node] = []

    assert compatibility(schema(tree=Node), schema(tree=Node)) == []


def test_every_break_is_reported_not_only_the_first() -> None:
    breaks = compatibility(schema(a=str, b=int, c=(str, "")), schema(b=str, c=str, d=int))
    assert breaks == [
        "field 'c' became required",
        "field 'd' is a new required field",
        "field 'b': type changed from integer to string",
        "field 'a' removed",
    ]
