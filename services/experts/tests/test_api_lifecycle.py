"""From registration to evaluation through the HTTP API: candidates, deployments, holding, composition."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg
import httpx
from contracts.events.actions import ActivityCancelled, ActivityHeld, ActivityRescheduled, ActivityType
from contracts.events.requests import Region, ThematicArea

from .conftest import Auth, Deliver, action_opened, activity_planned, ok, propose, register


async def planned_workshop(deliver: Deliver, starts_on: date = date(2019, 5, 6), days: int = 2) -> tuple[str, str]:
    action_id = str(uuid.uuid4())
    await deliver(action_opened(action_id))
    planned = activity_planned(action_id, starts_on, date.fromordinal(starts_on.toordinal() + days - 1))
    await deliver(planned)
    return action_id, planned.activity_id


def held(action_id: str, activity_id: str, on: date) -> ActivityHeld:
    return ActivityHeld(
        activity_id=activity_id, action_id=action_id, activity_type=ActivityType.WORKSHOP, held_from=on, held_to=on,
        participants_count=30, region=Region.AFRICA, thematic_area=ThematicArea.MIGRATION_DEVELOPMENT,
        countries=("CV",),
    )  # fmt: skip


async def test_candidates_rank_eu_member_state_officials_first_with_reasons(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await planned_workshop(deliver)
    eu = await register(client, auth, "Ana Exemplo", "ana@example.org")
    southern = await register(client, auth, "Kofi Sample", "kofi@example.org", category="NON_EU_GOVERNMENTAL",
                              nationality="GH")  # fmt: skip
    other = await register(client, auth, "Olga Test", "olga@example.org", category="OTHER", sector="ACADEMIA",
                           nationality="BE")  # fmt: skip
    offtopic = await register(client, auth, "Ian Nobody", "ian@example.org", expertise=[
        {"thematic_area": "INTERNATIONAL_PROTECTION_ASYLUM", "topics": []}], member_state="DE", nationality="DE")  # fmt: skip

    answer = await ok(
        await client.get(
            f"/activities/{activity_id}/candidates?language=en&language=pt", headers=auth("programme_manager")
        )
    )

    assert [c["expert_id"] for c in answer["items"]] == [eu, southern, other, offtopic]
    assert [c["rank"] for c in answer["items"]] == [1, 2, 3, 4]
    top = answer["items"][0]
    codes = {r["code"]: r["points"] for r in top["reasons"]}
    assert codes["THEMATIC_AREA_MATCH"] == 40 and codes["TOPIC_MATCH"] == 10
    assert codes["AVAILABLE"] == 20 and codes["EU_MS_PUBLIC_ADMINISTRATION"] == 25
    assert top["score"] == sum(r["points"] for r in top["reasons"])
    assert "NO_THEMATIC_MATCH" in {r["code"] for r in answer["items"][3]["reasons"]}
    assert "personal_data" not in top and "full_name" not in str(answer)


async def test_a_coordinator_sees_candidates_non_personal_profiles_only(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await planned_workshop(deliver)
    await register(client, auth, "Ana Exemplo", "ana@example.org")
    coordinator = auth("regional_coordinator", region=Region.AFRICA.value)

    answer = await ok(await client.get(f"/activities/{activity_id}/candidates", headers=coordinator))

    [candidate] = answer["items"]
    assert set(candidate["profile"]) == {"category", "nationality", "expertise", "languages", "availability"}
    assert "Ana" not in str(answer) and "ana@example.org" not in str(answer)


async def test_a_deployment_goes_from_proposal_to_completion_and_evaluation(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    pm = auth("programme_manager")
    action_id, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    deployment_id = await propose(client, auth, expert_id, activity_id)

    confirmed = await ok(await client.post(f"/deployments/{deployment_id}/confirmation", json={},
                                           headers=auth("expert", expert_id=expert_id)))  # fmt: skip
    assert confirmed["deployment"]["status"] == "CONFIRMED"
    await deliver(held(action_id, activity_id, date(2019, 5, 6)))
    deployment = await ok(await client.get(f"/deployments/{deployment_id}", headers=pm))
    assert (deployment["status"], deployment["held_from"]) == ("COMPLETED", "2019-05-06")

    body = {"expertise": 5, "communication": 4, "preparation": 3, "notes": "Very well prepared; keep in mind"}
    evaluated = await ok(await client.post(f"/deployments/{deployment_id}/evaluation", json=body, headers=pm))
    assert evaluated["deployment"]["evaluation"]["notes"] == "Very well prepared; keep in mind"
    rc = auth("regional_coordinator", region="AFRICA")
    seen_by_rc = await ok(await client.get(f"/deployments/{deployment_id}", headers=rc))
    assert seen_by_rc["evaluation"]["expertise"] == 5 and seen_by_rc["evaluation"]["notes"] is None
    again = await client.post(f"/deployments/{deployment_id}/evaluation", json=body, headers=pm)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "DEPLOYMENT_ALREADY_EVALUATED")

    expert = await ok(await client.get(f"/experts/{expert_id}", headers=pm))
    assert (expert["deployed"], expert["deployments_completed"], expert["average_score"]) == (True, 1, 4.0)
    composition = await ok(await client.get(f"/actions/{action_id}/composition", headers=rc))
    assert composition["experts_count"] == 1 and composition["completed_deployments_count"] == 1
    assert composition["by_category"][0] == {"category": "EU_MS_GOVERNMENTAL", "count": 1}
    # a composition names the Action and its experts: `reporting` reads aggregates without ids only
    refused = await client.get(f"/actions/{action_id}/composition", headers=auth("reporting"))
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "FORBIDDEN")


async def test_cancelling_or_rescheduling_the_activity_follows_on_the_deployments(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    deployment_id = await propose(client, auth, expert_id, activity_id)
    await ok(await client.post(f"/deployments/{deployment_id}/confirmation", json={}, headers=pm))

    await deliver(ActivityRescheduled(activity_id=activity_id, action_id=action_id, starts_on=date(2019, 6, 3),
                                      ends_on=date(2019, 6, 4), reason="partner request"))  # fmt: skip
    moved = await ok(await client.get(f"/deployments/{deployment_id}", headers=pm))
    assert (moved["starts_on"], moved["ends_on"], moved["status"]) == ("2019-06-03", "2019-06-04", "CONFIRMED")

    await deliver(ActivityCancelled(activity_id=activity_id, action_id=action_id, cancelled_on=date(2019, 5, 1),
                                    reason="elections"))  # fmt: skip
    cancelled = await ok(await client.get(f"/deployments/{deployment_id}", headers=pm))
    assert (cancelled["status"], cancelled["cancellation_reason"]) == ("CANCELLED", "ACTIVITY_CANCELLED")
    late = await client.post("/deployments", json={"expert_id": expert_id, "activity_id": activity_id}, headers=pm)
    assert (late.status_code, late.json()["error"]["code"]) == (409, "ACTIVITY_NOT_PLANNED")


async def test_a_suspended_expert_is_never_proposed_and_cannot_confirm(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    _, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    deployment_id = await propose(client, auth, expert_id, activity_id)

    await ok(await client.post(f"/experts/{expert_id}/suspension", json={"reason": "UNAVAILABLE"}, headers=pm))

    proposal = await ok(await client.get(f"/deployments/{deployment_id}", headers=pm))
    assert (proposal["status"], proposal["cancellation_reason"]) == ("CANCELLED", "EXPERT_SUSPENDED")
    again = await client.post("/deployments", json={"expert_id": expert_id, "activity_id": activity_id}, headers=pm)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "EXPERT_SUSPENDED")
    candidates = await ok(await client.get(f"/activities/{activity_id}/candidates", headers=pm))
    assert candidates["items"] == [] and candidates["excluded"] == {"SUSPENDED": 1}
    await ok(await client.post(f"/experts/{expert_id}/reactivation", json={}, headers=pm))
    candidates = await ok(await client.get(f"/activities/{activity_id}/candidates", headers=pm))
    assert [c["expert_id"] for c in candidates["items"]] == [expert_id]
