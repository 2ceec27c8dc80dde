"""Events of the actions and experts services a test feeds in, and helpers to call the API."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from contracts.events.actions import ActionCompleted, ActionOpened, ActivityHeld, ActivityPlanned, ActivityType, Phase
from contracts.events.experts import DeploymentCompleted, DeploymentConfirmed, ExpertCategory
from contracts.events.requests import Region, ThematicArea

AUTHORITY = "cv-dgaci"


def new_id() -> str:
    return str(uuid.uuid4())


def action_opened(action_id: str, region: Region = Region.AFRICA, **changes: Any) -> ActionOpened:
    base: dict[str, Any] = {
        "action_id": action_id, "request_id": new_id(), "code": "2019-03", "ordinal": 1, "ordinal_scope": "CV",
        "label": "Cabo Verde I", "region": region, "countries": ("CV",),
        "thematic_area": ThematicArea.MIGRATION_DEVELOPMENT, "topic": "Diaspora engagement", "phase": Phase.MIEUX_III,
        "authority_id": AUTHORITY, "received_on": date(2019, 1, 10), "approved_on": date(2019, 2, 1),
    }  # fmt: skip
    return ActionOpened(**{**base, **changes})


def _activity(action: ActionOpened, activity_id: str, on: date) -> dict[str, Any]:
    return {
        "activity_id": activity_id, "action_id": action.action_id, "activity_type": ActivityType.WORKSHOP,
        "region": action.region, "thematic_area": action.thematic_area, "countries": action.countries,
    }  # fmt: skip


def planned(action: ActionOpened, activity_id: str, on: date, sequence: int = 1) -> ActivityPlanned:
    return ActivityPlanned(
        **_activity(action, activity_id, on), sequence=sequence, starts_on=on, ends_on=on, place_country="CV"
    )


def held(action: ActionOpened, activity_id: str, on: date) -> ActivityHeld:
    return ActivityHeld(**_activity(action, activity_id, on), held_from=on, held_to=on, participants_count=20)


def completed(action: ActionOpened, on: date, held_count: int = 1) -> ActionCompleted:
    return ActionCompleted(
        action_id=action.action_id, completed_on=on, region=action.region, thematic_area=action.thematic_area,
        phase=action.phase, activities_held=held_count, activities_cancelled=0, deliverables_count=0,
    )  # fmt: skip


def _deployment(action: ActionOpened, activity_id: str, expert_id: str, on: date) -> dict[str, Any]:
    return {
        "deployment_id": f"{expert_id}:{activity_id}", "expert_id": expert_id, "activity_id": activity_id,
        "action_id": action.action_id, "category": ExpertCategory.EU_MS_GOVERNMENTAL, "nationality": "PT",
        "member_state": "PT", "starts_on": on, "ends_on": on, "region": action.region,
        "thematic_area": action.thematic_area, "activity_type": ActivityType.WORKSHOP,
    }  # fmt: skip


def confirmed(action: ActionOpened, activity_id: str, expert_id: str, on: date) -> DeploymentConfirmed:
    return DeploymentConfirmed(**_deployment(action, activity_id, expert_id, on), confirmed_on=on - timedelta(days=20))


def deployed(action: ActionOpened, activity_id: str, expert_id: str, on: date) -> DeploymentCompleted:
    return DeploymentCompleted(
        **_deployment(action, activity_id, expert_id, on), held_from=on, held_to=on, completed_on=on
    )


def response(relevance: int, quality: int, knowledge: int, applicability: int, **extra: Any) -> dict[str, Any]:
    ratings = {
        "relevance": relevance, "expertise_quality": quality, "knowledge_gained": knowledge,
        "applicability": applicability,
    }  # fmt: skip
    return {"ratings": ratings, "capacity_level": "INDIVIDUAL", **extra}


def action_feedback(source: str, **extra: Any) -> dict[str, Any]:
    ratings = {"relevance": 5, "coherence": 4, "effectiveness": 4, "efficiency": 3, "impact": 4, "sustainability": 3}
    return {
        "source": source, "ratings": ratings, "capacity_levels_reached": ["INDIVIDUAL", "ORGANISATIONAL"],
        "good_practice_features": ["OWNERSHIP", "ENDORSED"], **extra,
    }  # fmt: skip


async def ok(answer: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    return body


def error(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    found: dict[str, Any] = answer.json()["error"]
    return found
