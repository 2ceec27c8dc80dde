"""Builders for the pure domain tests: an Action state taken through commands by `decide` and `evolve`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import reduce
from typing import Any

from actions_service.domain.commands import (
    ActivityPlan,
    AgreeFiche,
    Command,
    DraftFiche,
    HoldActivity,
    OpenAction,
    PlanActivity,
)
from actions_service.domain.decide import decide
from actions_service.domain.state import Action, evolve
from contracts.base import DomainEvent
from contracts.events.actions import ActivityType, CapacityLevel, CapacityLevelApproach, FicheParty, Phase
from contracts.events.requests import Region, ThematicArea

NOW = datetime(2017, 6, 1, 12, tzinfo=UTC)
ACTION = "a-1"


def opening(**changes: Any) -> OpenAction:
    base: dict[str, Any] = {
        "action_id": ACTION,
        "request_id": "r-1",
        "code": "2016-07",
        "ordinal": 4,
        "ordinal_scope": "CV",
        "label": "Cabo Verde IV",
        "region": Region.AFRICA,
        "thematic_area": ThematicArea.MIGRATION_DEVELOPMENT,
        "topic": "Local integration",
        "phase": Phase.MIEUX_III,
        "authority_id": "cv-dgaci",
        "received_on": date(2016, 3, 1),
        "approved_on": date(2016, 4, 15),
        "countries": ("CV",),
    }
    return OpenAction(**{**base, **changes})


def run(state: Action, command: Command, now: datetime = NOW) -> tuple[Action, list[DomainEvent]]:
    events = list(decide(state, command, now))
    return reduce(evolve, events, state), events


def given(*commands: Command) -> Action:
    state = Action()
    for command in commands:
        state, _ = run(state, command)
    return state


ALL_LEVELS = tuple(CapacityLevelApproach(level=level, approach="addressed") for level in CapacityLevel)


def draft(on: date = date(2016, 5, 1), **changes: Any) -> DraftFiche:
    base: dict[str, Any] = {
        "action_id": ACTION,
        "intervention_logic": "Strengthen municipal integration services",
        "institutional_framework": "National Immigration Strategy and its action plan",
        "capacity_levels": ALL_LEVELS,
        "planned_sequence": (ActivityType.FACT_FINDING_MISSION, ActivityType.WORKSHOP),
        "drafted_on": on,
    }
    return DraftFiche(**{**base, **changes})


def agree(on: date = date(2016, 5, 10), parties: tuple[FicheParty, ...] = tuple(FicheParty)) -> AgreeFiche:
    return AgreeFiche(ACTION, parties, on)


def plan(
    activity_id: str,
    activity_type: ActivityType = ActivityType.FACT_FINDING_MISSION,
    starts_on: date = date(2016, 6, 1),
    ends_on: date = date(2016, 6, 5),
    **changes: Any,
) -> PlanActivity:
    details: dict[str, Any] = {"remote": False, "place_country": "CV", "place_city": "Praia", **changes}
    return PlanActivity(ACTION, activity_id, ActivityPlan(activity_type, starts_on, ends_on, **details))


def hold(activity_id: str, held_from: date = date(2016, 6, 1), held_to: date = date(2016, 6, 5)) -> HoldActivity:
    return HoldActivity(ACTION, activity_id, held_from, held_to, 25)


def ready() -> Action:
    """Opened, Fiche drafted and agreed."""
    return given(opening(), draft(), agree())
