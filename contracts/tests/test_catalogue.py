"""The event catalogue page: per topic, each type with its ce_type, fields, record layout, dead letters."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from contracts.base import DomainEvent
from contracts.catalogue import render_catalogue
from contracts.envelope import CloudEventHeaders
from contracts.registry import EventRegistry
from pydantic import BaseModel, ConfigDict, Field

from contracts.schemas import generate


class Region(StrEnum):
    AFRICA = "africa"
    ASIA = "asia"


class Window(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    starts: datetime
    ends: datetime | None = None


class ActionPlanned(DomainEvent):
    """An approved request became an Action."""

    service = "actions"
    action_id: str = Field(description="id of the Action")
    region: Region
    window: Window
    activities: list[str] = []


def test_each_event_is_listed_under_its_topic_with_its_fields(sample: EventRegistry) -> None:
    page = render_catalogue(generate(EventRegistry([*sample.classes, ActionPlanned])))

    actions = page.index("## `mieux.actions.v1` (actions)")
    assert actions < page.index("### ActionPlanned v1") < page.index("## `mieux.experts.v1` (experts)")
    assert "- ce_type: `eu.mieux.actions.ActionPlanned.v1`" in page
    assert "| `action_id` | string | yes | id of the Action |" in page
    assert "| `region` | Region | yes | — |" in page
    assert "| `activities` | array of string | no | default `[]` |" in page
    assert "`africa`, `asia`" in page
    assert "| `ends` | string (date-time) or null | no | default `null` |" in page
    assert "An approved request became an Action." in page


def test_an_older_version_is_marked_superseded(sample: EventRegistry) -> None:
    page = render_catalogue(generate(sample))

    assert page.index("### CounterLabelled v2") < page.index("### CounterLabelled v1")
    assert "- superseded by v2: stored v1 events are upcast to v2 when read" in page


def test_every_cloudevents_header_and_the_dead_letter_convention_are_documented() -> None:
    page = render_catalogue({})
    full = CloudEventHeaders("id", "/mieux/x", "t", datetime.now(UTC), "s", "d", "tp", "corr")

    for name, _ in full.to_kafka():
        assert f"| `{name}` |" in page
    assert "**key**: the aggregate (stream) id" in page
    assert "`mieux.<consumer>.dlq`" in page and "| `dlq_reason` |" in page


def test_an_empty_catalogue_says_no_events_are_published_yet() -> None:
    assert render_catalogue({}).endswith("## Topics\n\nNo event types are published yet.\n")
