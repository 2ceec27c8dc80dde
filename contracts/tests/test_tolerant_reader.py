"""A consumer on an older copy of the contracts still reads an event that gained an optional field."""

from __future__ import annotations

from service_core.testing.sample import CounterIncremented, sample_registry


def test_an_unknown_optional_field_from_a_newer_producer_is_ignored() -> None:
    event = sample_registry().decode("CounterIncremented", 1, {"by": 2, "note": "n", "added_later": "x"})
    assert event == CounterIncremented(by=2, note="n")
