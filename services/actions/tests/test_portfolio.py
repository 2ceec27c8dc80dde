"""Actions portfolio figures: region x phase, thematic area x phase, rapid reaction, activities, deliverables."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from contracts.events.requests import Region, ThematicArea

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver, feedback_submitted


async def _portfolio_world(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    """Cabo Verde 2016 launched after 30 days and completed; Thailand 2013 launched after 151 days, one
    activity cancelled, one planned; Kenya 2016 never launched (overdue), with a drafted SOP."""
    pm = auth("programme_manager")
    done = await seed(deliver)
    await agreed(client, auth, done, date(2016, 4, 20))
    first = await planned(client, auth, done, "FACT_FINDING_MISSION", date(2016, 5, 15))
    await held(client, auth, first, date(2016, 5, 15))
    await deliver(feedback_submitted(done, "EXPERT"))
    await deliver(feedback_submitted(done, "PARTNER"))
    await ok(await client.post(f"/actions/{done}/completion", json={"completed_on": "2016-12-01"}, headers=pm))

    thailand: dict[str, Any] = {"region": Region.ASIA, "countries": ("TH",), "authority_id": "th-msdhs"}
    late = await seed(deliver, **thailand, thematic_area=ThematicArea.IRREGULAR_MIGRATION_THB,
                      received_on=date(2012, 11, 1), approved_on=date(2013, 1, 10))  # fmt: skip
    await agreed(client, auth, late, date(2013, 1, 20))
    mission = await planned(client, auth, late, "FACT_FINDING_MISSION", date(2013, 6, 10), place_country="TH")
    await held(client, auth, mission, date(2013, 6, 10))
    dropped = await planned(client, auth, late, "STUDY_VISIT", date(2013, 9, 1), place_country="BE")
    await ok(await client.post(f"/activities/{dropped}/cancellation", json={"reason": "visa"}, headers=pm))
    await planned(client, auth, late, "WORKSHOP", date(2013, 10, 1), place_country="TH")

    kenya = await seed(deliver, countries=("KE",), authority_id="ke-ncm", thematic_area=ThematicArea.HORIZONTAL)
    body = {"kind": "SOP", "title": "SOPs on migration data management", "recorded_on": "2016-06-01"}
    await ok(await client.post(f"/actions/{kenya}/deliverables", json=body, headers=pm), 201)


async def test_portfolio_counts_actions_launches_activities_and_deliverables(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _portfolio_world(client, auth, deliver)
    found = await ok(await client.get("/portfolio", headers=auth("reporting")))
    figures = found["figures"]
    assert found["filters_ignored"] == []
    assert figures["actions"] == {"opened": 3, "in_preparation": 1, "ongoing": 1, "completed": 1}
    assert figures["completed"] == 1
    assert figures["by_region_phase"] == [
        {"region": "AFRICA", "phase": "MIEUX_III", "opened": 2, "in_preparation": 1, "ongoing": 0, "completed": 1},
        {"region": "ASIA", "phase": "MIEUX_II", "opened": 1, "in_preparation": 0, "ongoing": 1, "completed": 0},
    ]
    assert [(c["thematic_area"], c["phase"], c["opened"]) for c in figures["by_thematic_area_phase"]] == [
        ("IRREGULAR_MIGRATION_THB", "MIEUX_II", 1), ("MIGRATION_DEVELOPMENT", "MIEUX_III", 1),
        ("HORIZONTAL", "MIEUX_III", 1),
    ]  # fmt: skip
    assert figures["rapid_reaction"] == {
        "launched": 2, "median_days_to_launch": 90.5, "p90_days_to_launch": 138.9, "launched_within_90_days": 1,
        "share_launched_within_90_days": 0.5, "overdue": 1,
    }  # fmt: skip
    assert figures["activities_by_type"] == [
        {"activity_type": "FACT_FINDING_MISSION", "planned": 0, "held": 2, "cancelled": 0},
        {"activity_type": "STUDY_VISIT", "planned": 0, "held": 0, "cancelled": 1},
        {"activity_type": "WORKSHOP", "planned": 1, "held": 0, "cancelled": 0},
    ]
    assert figures["deliverables"] == [{"kind": "SOP", "status": "DRAFTED", "count": 1}]


async def test_filters_and_series_use_the_approval_date_and_the_actions_attributes(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _portfolio_world(client, auth, deliver)
    pm = auth("programme_manager")
    phase = await ok(await client.get("/portfolio", params={"phase": "MIEUX_III"}, headers=pm))
    assert phase["figures"]["actions"]["opened"] == 2
    assert phase["figures"]["activities_by_type"] == [
        {"activity_type": "FACT_FINDING_MISSION", "planned": 0, "held": 1, "cancelled": 0}
    ]
    country = await ok(await client.get("/portfolio", params={"country": "TH"}, headers=pm))
    assert country["figures"]["actions"]["opened"] == 1
    dated = await ok(await client.get("/portfolio", params={"from": "2014-01-01"}, headers=pm))
    assert dated["figures"]["actions"]["opened"] == 2
    series = await ok(await client.get("/portfolio/series", params={"granularity": "YEAR"}, headers=pm))
    assert [(i["period"], i["actions"]["opened"], i["rapid_reaction"]["launched"]) for i in series["items"]] == [
        ("2013", 1, 1), ("2014", 0, 0), ("2015", 0, 0), ("2016", 2, 1),
    ]  # fmt: skip


async def test_a_coordinator_sees_its_region_only_and_an_expert_nothing(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await _portfolio_world(client, auth, deliver)
    asia = await ok(await client.get("/portfolio", headers=auth("regional_coordinator", region="ASIA")))
    assert asia["figures"]["actions"] == {"opened": 1, "in_preparation": 0, "ongoing": 1, "completed": 0}
    assert asia["figures"]["deliverables"] == []
    focal = await ok(await client.get("/portfolio", headers=auth("focal_point", authority_id="ke-ncm")))
    assert focal["figures"]["actions"]["opened"] == 1
    forbidden = await client.get("/portfolio", headers=auth("expert", expert_id="e-1"))
    assert forbidden.status_code == 403
