"""Feedback portfolio figures: means per criterion with suppression, completeness, filters, series, scopes."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from contracts.events.requests import Region

from .conftest import Auth, Deliver
from .story import action_feedback, action_opened, completed, deployed, held, new_id, ok, planned, response

AFRICA_DAY, ASIA_DAY = date(2019, 8, 1), date(2018, 3, 1)


async def _world(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    """Africa: six responses, expert and partner feedback, completed. Asia: two responses, no Action feedback."""
    pm = auth("programme_manager")
    a, a1 = action_opened(new_id(), code="2019-01"), new_id()
    await deliver(a, planned(a, a1, AFRICA_DAY), held(a, a1, AFRICA_DAY), deployed(a, a1, "e-1", AFRICA_DAY))
    await deliver(completed(a, AFRICA_DAY))
    ratings = [(5, 4, 4, 4), (5, 4, 4, 4), (4, 4, 4, 4), (4, 4, 4, 4), (3, 4, 4, 4), (3, 4, 4, 4)]
    batch = {"responses": [response(*r) for r in ratings], "given_on": AFRICA_DAY.isoformat()}
    await ok(await client.post(f"/activities/{a1}/participant-feedback/batch", json=batch, headers=pm), 201)
    for source, extra in (("EXPERT", {"expert_id": "e-1"}), ("PARTNER", {})):
        body = {**action_feedback(source, **extra), "given_on": AFRICA_DAY.isoformat()}
        await ok(await client.post(f"/actions/{a.action_id}/feedback", json=body, headers=pm), 201)
    c, c1 = action_opened(new_id(), region=Region.ASIA, code="2018-01", authority_id="th-msdhs"), new_id()
    await deliver(c, planned(c, c1, ASIA_DAY), held(c, c1, ASIA_DAY))
    batch = {"responses": [response(5, 5, 5, 5), response(4, 5, 5, 5)], "given_on": ASIA_DAY.isoformat()}
    await ok(await client.post(f"/activities/{c1}/participant-feedback/batch", json=batch, headers=pm), 201)


def _criterion(figures: dict[str, Any], group: str, name: str) -> dict[str, Any]:
    cell: dict[str, Any] = next(c for c in figures[group]["criteria"] if c["criterion"] == name)
    return cell


async def test_portfolio_has_exact_means_and_completeness(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _world(client, auth, deliver)
    found = await ok(await client.get("/portfolio", headers=auth("programme_manager")))
    figures = found["figures"]
    assert found["filters_ignored"] == ["phase", "country"]
    assert (figures["participant"]["responses"], figures["participant"]["activities"]) == (8, 2)
    assert _criterion(figures, "participant", "RELEVANCE")["mean"] == 4.13  # 33 / 8, half up
    assert _criterion(figures, "participant", "EXPERTISE_QUALITY")["distribution"] == [0, 0, 0, 6, 2]
    assert figures["action_level"]["responses"] == 2
    assert _criterion(figures, "action_level", "RELEVANCE") == {
        "criterion": "RELEVANCE", "responses": 2, "mean": 5.0, "distribution": [0, 0, 0, 0, 2], "suppressed": False,
    }  # fmt: skip
    assert figures["completeness"] == {
        "held_activities": 2, "with_participant_feedback": 2, "share_with_participant_feedback": 1.0,
        "actions_due": 2, "missing_expert_feedback": 1, "missing_partner_feedback": 1,
    }  # fmt: skip


async def test_below_programme_manager_cells_under_five_responses_are_suppressed(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _world(client, auth, deliver)
    reporting = (await ok(await client.get("/portfolio", headers=auth("reporting"))))["figures"]
    # released responses only: Africa's first block of five (5, 5, 4, 4, 3); Asia's two are not released yet
    assert reporting["participant"]["responses"] == 8
    assert _criterion(reporting, "participant", "RELEVANCE")["responses"] == 5
    assert _criterion(reporting, "participant", "RELEVANCE")["mean"] == 4.2
    assert _criterion(reporting, "action_level", "RELEVANCE") == {
        "criterion": "RELEVANCE", "responses": 2, "mean": None, "distribution": None, "suppressed": True,
    }  # fmt: skip
    asia = (await ok(await client.get("/portfolio", headers=auth("regional_coordinator", region="ASIA"))))["figures"]
    assert asia["participant"]["responses"] == 2 and asia["participant"]["suppressed"] is True
    assert asia["completeness"]["actions_due"] == 1
    africa = await ok(await client.get("/portfolio", headers=auth("regional_coordinator", region="AFRICA")))
    assert _criterion(africa["figures"], "participant", "RELEVANCE")["mean"] == 4.2
    assert (await client.get("/portfolio", headers=auth("expert", expert_id="e-1"))).status_code == 403


async def test_filters_and_series_follow_the_given_on_date(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _world(client, auth, deliver)
    pm = auth("programme_manager")
    recent = await ok(await client.get("/portfolio", params={"from": "2019-01-01"}, headers=pm))
    assert recent["figures"]["participant"]["responses"] == 6
    assert recent["figures"]["completeness"]["actions_due"] == 1
    series = await ok(await client.get("/portfolio/series", params={"granularity": "YEAR"}, headers=pm))
    assert [(i["period"], i["participant"]["responses"], i["action_level"]["responses"]) for i in series["items"]] == [
        ("2018", 2, 0), ("2019", 6, 2),
    ]  # fmt: skip
