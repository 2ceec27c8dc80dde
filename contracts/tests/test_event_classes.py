"""Every registered event class is a frozen, closed, versioned fact of a known service (docs/architecture.md)."""

from __future__ import annotations

import re

import pytest
from contracts.base import DomainEvent
from contracts.events import MODULES
from contracts.registry import EventRegistry
from contracts.topics import SERVICES
from pydantic import BaseModel, ConfigDict, ValidationError

CE_TYPE = re.compile(r"^eu\.mieux\.[a-z_]+\.[A-Z][A-Za-z0-9]*\.v[1-9]\d*$")


def class_problems(cls: type[DomainEvent]) -> list[str]:
    """What makes `cls` unfit to be stored and published; empty when it is fine."""
    problems = []
    if cls.model_config.get("frozen") is not True:
        problems.append("not frozen")
    if cls.model_config.get("extra") != "forbid":
        problems.append("does not forbid extra fields")
    if not CE_TYPE.match(cls.ce_type()):
        problems.append(f"ce_type {cls.ce_type()!r} is not eu.mieux.<service>.<Event>.v<N>")
    for name, definition in cls.model_json_schema().get("$defs", {}).items():  # the classes stay closed
        if "properties" in definition and definition.get("additionalProperties") is not False:
            problems.append(f"nested model {name} does not forbid extra fields")
    return problems


def missing_upcasters(registry: EventRegistry) -> list[str]:
    """Older versions with no upcaster to the next one: old versions are upcast on read (docs/architecture.md)."""
    return [
        f"{cls.event_name}.v{cls.event_version}"
        for cls in registry.classes
        if cls.event_version < registry.latest(cls.event_name).event_version
        and not registry.has_upcaster(cls.event_name, cls.event_version)
    ]


def test_every_published_event_class_is_frozen_closed_and_well_named(published: EventRegistry) -> None:
    found = {cls.__name__: class_problems(cls) for cls in published.classes}
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_every_published_event_belongs_to_a_service_with_a_topic(published: EventRegistry) -> None:
    assert {cls.__name__: cls.service for cls in published.classes if cls.service not in SERVICES} == {}


def test_every_module_lists_its_events_and_registers_them_all(published: EventRegistry) -> None:
    for module in MODULES:
        assert module.EVENTS, f"{module.__name__} lists no EVENTS"
        assert set(module.EVENTS) <= set(published.classes)


def test_every_older_published_version_has_an_upcaster(published: EventRegistry, sample: EventRegistry) -> None:
    assert missing_upcasters(published) == []
    assert missing_upcasters(sample) == []


def test_the_sample_events_pass_the_same_checks(sample: EventRegistry) -> None:
    assert [problem for cls in sample.classes for problem in class_problems(cls)] == []


def test_an_event_that_is_mutable_open_or_misnamed_is_caught() -> None:
    class Loose(BaseModel):
        note: str

    class counter_touched(DomainEvent):
        model_config = ConfigDict(frozen=False, extra="allow")
        service = "sample"
        loose: Loose

    assert class_problems(counter_touched) == [
        "not frozen",
        "does not forbid extra fields",
        "ce_type 'eu.mieux.sample.counter_touched.v1' is not eu.mieux.<service>.<Event>.v<N>",
        "nested model Loose does not forbid extra fields",
    ]


def test_an_event_without_its_upcaster_is_caught() -> None:
    from service_core.testing.sample import CounterLabelled, CounterLabelledV1

    assert missing_upcasters(EventRegistry([CounterLabelledV1, CounterLabelled])) == ["CounterLabelled.v1"]


def test_an_event_refuses_changes_and_unknown_fields() -> None:
    from service_core.testing.sample import CounterIncremented

    event = CounterIncremented(by=1)
    with pytest.raises(ValidationError):
        event.by = 2  # type: ignore[misc]
    with pytest.raises(ValidationError):
        CounterIncremented.model_validate({"by": 1, "surprise": True})
