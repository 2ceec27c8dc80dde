"""Experts portfolio figures: registered and deployed by category and member state, triangular, South-South."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from contracts.events.requests import FocalPointKind, FocalPointNominated, Region, ThematicArea

from .conftest import Auth, Deliver, action_opened, activity_planned, ok, propose, registration


async def _register(client: httpx.AsyncClient, auth: Auth, slug: str, on: str, **profile: Any) -> str:
    body = {**registration(f"Expert {slug}", f"{slug}@example.org", **profile), "registered_on": on}
    answer = await ok(await client.post("/experts", json=body, headers=auth("programme_manager")), 201)
    expert_id: str = answer["expert"]["id"]
    return expert_id


async def _deploy(
    client: httpx.AsyncClient, auth: Auth, expert_id: str, activity_id: str, confirm: bool = True
) -> None:
    deployment = await propose(client, auth, expert_id, activity_id)
    if confirm:
        path = f"/deployments/{deployment}/confirmation"
        await ok(await client.post(path, json={}, headers=auth("programme_manager")))


async def served_as_focal_point(client: httpx.AsyncClient, auth: Auth, deliver: Deliver, expert_id: str) -> None:
    """The expert was a focal point of a request of its own country's labour ministry (as the requests service
    published it)."""
    focal_point = f"fp-{expert_id}"
    await deliver(FocalPointNominated(request_id=f"r-{expert_id}", focal_point_id=focal_point,
                                      kind=FocalPointKind.OPERATIONAL, authority_id="dole"))  # fmt: skip
    body = {"focal_point_id": focal_point}
    await ok(await client.post(f"/experts/{expert_id}/former-focal-points", json=body,
                               headers=auth("programme_manager")), 201)  # fmt: skip


async def _roster(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    """Cabo Verde 2016 (Africa): a Portuguese official, a Philippine official (once a focal point of a request
    of its own ministry) and a Cabo Verdean academic (triangular), a German official only proposed. Thailand
    2013 (Asia): a Spanish official. A French consultant never deployed."""
    await deliver(action_opened("cv-1"))
    cabo_verde = activity_planned("cv-1", date(2016, 5, 1))
    await deliver(cabo_verde)
    thailand: dict[str, Any] = {"region": Region.ASIA, "thematic_area": ThematicArea.IRREGULAR_MIGRATION_THB}
    await deliver(action_opened("th-1", **thailand, countries=("TH",), authority_id="th-msdhs"))
    bangkok = activity_planned("th-1", date(2013, 6, 10), **thailand, countries=("TH",))
    await deliver(bangkok)
    portugal = await _register(client, auth, "pt", "2015-01-01")
    spain = await _register(client, auth, "es", "2012-01-01", nationality="ES", member_state="ES")
    germany = await _register(client, auth, "de", "2016-02-01", nationality="DE", member_state="DE")
    philippines = await _register(client, auth, "ph", "2015-03-01", category="NON_EU_GOVERNMENTAL",
                                  nationality="PH", member_state=None)  # fmt: skip
    academic = {"category": "OTHER", "administration_level": None, "member_state": None, "sector": "ACADEMIA"}
    cabo_verdean = await _register(client, auth, "cv", "2015-04-01", nationality="CV", **academic)
    await _register(client, auth, "fr", "2014-01-01", nationality="FR", **academic)
    for expert in (portugal, philippines, cabo_verdean):
        await _deploy(client, auth, expert, cabo_verde.activity_id)
    await _deploy(client, auth, germany, cabo_verde.activity_id, confirm=False)
    await _deploy(client, auth, spain, bangkok.activity_id)
    await served_as_focal_point(client, auth, deliver, philippines)


async def test_portfolio_counts_the_roster_and_distinct_deployed_experts(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _roster(client, auth, deliver)
    found = await ok(await client.get("/portfolio", headers=auth("reporting")))
    assert found["filters_ignored"] == ["phase"]
    assert found["figures"] == {
        "registered": {
            "count": 6,
            "by_category": [{"category": "EU_MS_GOVERNMENTAL", "count": 3},
                            {"category": "NON_EU_GOVERNMENTAL", "count": 1}, {"category": "OTHER", "count": 2}],
            "by_member_state": [{"member_state": "DE", "count": 1}, {"member_state": "ES", "count": 1},
                                {"member_state": "PT", "count": 1}],
        },
        "deployed": {
            "count": 4,
            "by_category": [{"category": "EU_MS_GOVERNMENTAL", "count": 2},
                            {"category": "NON_EU_GOVERNMENTAL", "count": 1}, {"category": "OTHER", "count": 1}],
            "by_member_state": [{"member_state": "ES", "count": 1}, {"member_state": "PT", "count": 1}],
            "member_states": 2,
            "eu_ms_governmental_share": 0.5,
            "non_eu": 2,  # the Philippine official and the Cabo Verdean academic
            "former_focal_points": 1,  # the Philippine official
        },
        "actions_with_deployments": 2,
        "triangular": 1,
        "triangular_share": 0.5,
        "south_south": 1,
        "south_south_share": 0.5,
    }  # fmt: skip


async def test_filters_and_series_follow_the_activities_and_registration_dates(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _roster(client, auth, deliver)
    pm = auth("programme_manager")
    asia = await ok(await client.get("/portfolio", params={"region": "ASIA"}, headers=pm))
    assert (asia["figures"]["deployed"]["count"], asia["figures"]["registered"]["count"]) == (1, 1)
    registered_2015 = await ok(
        await client.get("/portfolio", params={"from": "2015-01-01", "to": "2015-12-31"}, headers=pm)
    )
    assert registered_2015["figures"]["registered"]["count"] == 3
    series = await ok(await client.get("/portfolio/series", params={"granularity": "YEAR"}, headers=pm))
    assert [(i["period"], i["registered"]["count"], i["deployed"]["count"]) for i in series["items"]] == [
        ("2012", 1, 0), ("2013", 0, 1), ("2014", 1, 0), ("2015", 3, 0), ("2016", 1, 3),
    ]  # fmt: skip


async def test_a_coordinator_sees_its_regions_experts_and_an_expert_nothing(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _roster(client, auth, deliver)
    africa = await ok(await client.get("/portfolio", headers=auth("regional_coordinator", region="AFRICA")))
    assert africa["figures"]["registered"]["count"] == 4  # deployed or proposed in Africa
    assert africa["figures"]["deployed"]["count"] == 3
    assert africa["figures"]["triangular"] == 1
    focal = await ok(await client.get("/portfolio", headers=auth("focal_point", authority_id="th-msdhs")))
    assert (focal["figures"]["registered"]["count"], focal["figures"]["deployed"]["count"]) == (1, 1)
    assert (await client.get("/portfolio", headers=auth("expert", expert_id="x"))).status_code == 403
