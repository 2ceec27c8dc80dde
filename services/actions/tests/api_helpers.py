"""Helpers of the API tests: seed Actions through the policy, call the API, take an Action through its life."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from actions_service.application.policies import action_id_for

from .conftest import Auth, Deliver, approval

FICHE = {
    "intervention_logic": "Strengthen municipal services for the integration of immigrants",
    "institutional_framework": "National Immigration Strategy; municipal councils",
    "capacity_levels": [
        {"level": "INDIVIDUAL", "approach": "training of municipal staff"},
        {"level": "ORGANISATIONAL", "approach": "procedures for one-stop shops"},
        {"level": "ENABLING_ENVIRONMENT", "approach": "local integration plans"},
    ],
    "planned_sequence": ["FACT_FINDING_MISSION", "WORKSHOP", "DRAFTING_SESSION"],
    "drafted_on": "2016-05-01",
}
PARTIES = {"parties": ["MIEUX_TEAM", "STEERING_GROUP", "PARTNER_AUTHORITY"], "agreed_on": "2016-05-10"}


async def seed(deliver: Deliver, **changes: Any) -> str:
    approved = approval(**changes)
    await deliver(approved)
    return action_id_for(approved.request_id)


async def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def agreed(client: httpx.AsyncClient, auth: Auth, action_id: str, on: date = date(2016, 5, 10)) -> None:
    pm = auth("programme_manager")
    fiche, parties = {**FICHE, "drafted_on": on.isoformat()}, {**PARTIES, "agreed_on": on.isoformat()}
    await ok(await client.post(f"/actions/{action_id}/fiche", json=fiche, headers=pm))
    await ok(await client.post(f"/actions/{action_id}/fiche/agreement", json=parties, headers=pm))


async def planned(
    client: httpx.AsyncClient, auth: Auth, action_id: str, activity_type: str, starts_on: date, **extra: Any
) -> str:
    body = {
        "activity_type": activity_type,
        "starts_on": starts_on.isoformat(),
        "ends_on": starts_on.isoformat(),
        "place_country": "CV",
        "place_city": "Praia",
        **extra,
    }
    answer = await ok(
        await client.post(f"/actions/{action_id}/activities", json=body, headers=auth("programme_manager")), 201
    )
    activity_id: str = answer["activity"]["id"]
    return activity_id


async def held(
    client: httpx.AsyncClient, auth: Auth, activity_id: str, on: date, participants: int = 20
) -> dict[str, Any]:
    body = {"held_from": on.isoformat(), "held_to": on.isoformat(), "participants_count": participants}
    return await ok(await client.post(f"/activities/{activity_id}/held", json=body, headers=auth("programme_manager")))
