"""The type registry: decoding by (name, version) and ce_type, upcaster chains, registration rules."""

from __future__ import annotations

import pytest
from contracts.base import DomainEvent
from contracts.registry import EventRegistry, UnknownEventType
from service_core.testing.sample import CounterIncremented, CounterLabelled, CounterLabelledV1


class CounterLabelledV3(DomainEvent):
    service = "sample"
    event_name = "CounterLabelled"
    event_version = 3
    text: str
    language: str
    script: str


def test_an_old_version_is_upcast_to_the_latest_on_decode(sample: EventRegistry) -> None:
    assert sample.decode("CounterLabelled", 1, {"label": "hello"}) == CounterLabelled(label="hello", language="en")


def test_the_latest_version_decodes_as_is(sample: EventRegistry) -> None:
    event = sample.decode("CounterLabelled", 2, {"label": "salut", "language": "fr"})
    assert event == CounterLabelled(label="salut", language="fr")


def test_upcasters_chain_across_several_versions(sample: EventRegistry) -> None:
    sample.register(CounterLabelledV3)
    sample.register_upcaster(
        "CounterLabelled", 2, lambda d: {"text": d["label"], "language": d["language"], "script": "Latn"}
    )

    assert sample.decode("CounterLabelled", 1, {"label": "hi"}) == CounterLabelledV3(
        text="hi", language="en", script="Latn"
    )
    assert sample.latest("CounterLabelled") is CounterLabelledV3
    assert sample.has_upcaster("CounterLabelled", 2) and not sample.has_upcaster("CounterLabelled", 3)


def test_an_old_version_without_an_upcaster_reads_as_its_own_class() -> None:
    registry = EventRegistry([CounterLabelledV1, CounterLabelled])
    assert registry.decode("CounterLabelled", 1, {"label": "x"}) == CounterLabelledV1(label="x")


def test_decoding_by_ce_type_upcasts_too(sample: EventRegistry) -> None:
    event = sample.decode_ce_type("eu.mieux.sample.CounterLabelled.v1", {"label": "hi"})
    assert event == CounterLabelled(label="hi", language="en")


@pytest.mark.parametrize(
    ("name", "version"),
    [("CounterReset", 1), ("CounterLabelled", 3), ("CounterLabelled", 0), ("CounterIncremented", -1)],
)
def test_an_unknown_type_or_version_raises_unknown_event_type(sample: EventRegistry, name: str, version: int) -> None:
    with pytest.raises(UnknownEventType):
        sample.decode(name, version, {})


@pytest.mark.parametrize(
    "ce_type", ["eu.mieux.sample.CounterReset.v1", "CounterIncremented", "eu.mieux.sample.CounterIncremented", ""]
)
def test_an_unknown_or_malformed_ce_type_raises_unknown_event_type(sample: EventRegistry, ce_type: str) -> None:
    with pytest.raises(UnknownEventType):
        sample.decode_ce_type(ce_type, {"by": 1})


def test_an_old_version_with_neither_upcaster_nor_class_is_unknown() -> None:
    registry = EventRegistry([CounterLabelled])
    with pytest.raises(UnknownEventType, match="no upcaster"):
        registry.decode("CounterLabelled", 1, {"label": "x"})


def test_a_second_class_for_the_same_name_and_version_is_refused(sample: EventRegistry) -> None:
    class CounterIncrementedAgain(DomainEvent):
        service = "sample"
        event_name = "CounterIncremented"
        by: int

    with pytest.raises(ValueError, match=r"already registered by CounterIncremented"):
        sample.register(CounterIncrementedAgain)
    assert sample.latest("CounterIncremented") is CounterIncremented


def test_registering_the_same_class_twice_is_harmless(sample: EventRegistry) -> None:
    sample.register(CounterIncremented)
    assert sample.classes.count(CounterIncremented) == 1


def test_a_class_without_a_service_is_refused() -> None:
    class Orphaned(DomainEvent):
        pass

    with pytest.raises(ValueError, match="must set `service`"):
        EventRegistry([Orphaned])


def test_an_unknown_name_has_no_latest_version(sample: EventRegistry) -> None:
    with pytest.raises(UnknownEventType):
        sample.latest("CounterReset")
