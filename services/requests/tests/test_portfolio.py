"""The request funnel of `GET /portfolio` and `/portfolio/series`: exact counts, filters and scopes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]

KENYA = {"name": "National Coordination Mechanism on Migration", "acronym": "NCM", "type": "NATIONAL_GOVERNMENT"}
GHANA_CSO = {"name": "Diaspora network", "acronym": "DN", "type": "CIVIL_SOCIETY"}


async def _submit(client: httpx.AsyncClient, auth: Headers, body: dict[str, Any]) -> str:
    answer = await client.post("/requests", json=body, headers=auth("programme_manager"))
    assert answer.status_code == 201, answer.text
    request_id: str = answer.json()["request"]["id"]
    return request_id


async def _decide(client: httpx.AsyncClient, auth: Headers, request_id: str, decision: str, on: str) -> None:
    body = {"decision": decision, "reason": "steering group", "decided_on": on}
    answer = await client.post(f"/requests/{request_id}/decision", json=body, headers=auth("programme_manager"))
    assert answer.status_code == 200, answer.text


async def seed(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    """Asia: approved 2013, deferred 2013, open 2014. Africa: rejected 2017, an ineligible CSO 2015, withdrawn 2017."""
    approved = await _submit(client, auth, body())
    await _decide(client, auth, approved, "APPROVE", "2013-04-01")
    deferred = await _submit(client, auth, body(received_on="2013-09-01", topic="Shelters"))
    await _decide(client, auth, deferred, "DEFER", "2013-10-01")
    await _submit(client, auth, body(received_on="2014-02-01", countries=["VN"]))
    kenya = {"authority": KENYA, "countries": ["KE"], "region": "AFRICA", "thematic_area": "HORIZONTAL"}
    rejected = await _submit(client, auth, body(**kenya, received_on="2017-01-10"))
    await _decide(client, auth, rejected, "REJECT", "2017-03-01")
    await _submit(client, auth, body(authority=GHANA_CSO, countries=["GH"], region="AFRICA", received_on="2015-06-15"))
    withdrawn = await _submit(client, auth, body(**kenya, received_on="2017-05-10", topic="Data"))
    answer = await client.post(
        f"/requests/{withdrawn}/withdrawal", json={"reason": "merged", "withdrawn_on": "2017-06-01"},
        headers=auth("programme_manager"),
    )  # fmt: skip
    assert answer.status_code == 200, answer.text


async def test_funnel_counts_every_request_once_by_status_and_eligibility(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    await seed(client, auth, body)
    answer = await client.get("/portfolio", headers=auth("reporting"))
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["figures"] == {
        "received": 6, "eligible": 5, "ineligible": 1, "approved": 1, "rejected": 1, "deferred": 1,
        "withdrawn": 1, "open": 2,
    }  # fmt: skip
    assert found["service"] == "requests"
    assert found["filters_ignored"] == ["phase"]
    assert found["scope"] == {"everything": True, "regions": [], "authority_ids": []}


async def test_filters_narrow_by_region_country_area_and_received_dates(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    await seed(client, auth, body)
    pm = auth("programme_manager")

    async def received(**query: str) -> int:
        answer = await client.get("/portfolio", params=query, headers=pm)
        assert answer.status_code == 200, answer.text
        count: int = answer.json()["figures"]["received"]
        return count

    assert await received(region="AFRICA") == 3
    assert await received(country="VN") == 1
    assert await received(thematic_area="HORIZONTAL") == 2
    assert await received(**{"from": "2014-01-01", "to": "2016-12-31"}) == 2
    assert await received(phase="MIEUX_II") == 6  # ignored, and said so
    bad = await client.get("/portfolio", params={"from": "2017-01-01", "to": "2016-01-01"}, headers=pm)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "to"


async def test_series_buckets_by_received_year_with_empty_years_in_between(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    await seed(client, auth, body)
    answer = await client.get("/portfolio/series", params={"granularity": "YEAR"}, headers=auth("programme_manager"))
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert [(i["period"], i["received"], i["approved"]) for i in items] == [
        ("2013", 2, 1), ("2014", 1, 0), ("2015", 1, 0), ("2016", 0, 0), ("2017", 2, 0),
    ]  # fmt: skip
    quarters = await client.get(
        "/portfolio/series", params={"granularity": "QUARTER", "region": "ASIA"}, headers=auth("programme_manager")
    )
    assert [(i["period"], i["received"]) for i in quarters.json()["items"]] == [
        ("2013-Q1", 1), ("2013-Q2", 0), ("2013-Q3", 1), ("2013-Q4", 0), ("2014-Q1", 1),
    ]  # fmt: skip


async def test_a_coordinator_sees_its_region_a_focal_point_its_authority_an_expert_nothing(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    await seed(client, auth, body)
    asia = (await client.get("/portfolio", headers=auth("regional_coordinator", region="ASIA"))).json()
    assert asia["figures"]["received"] == 3 and asia["scope"]["regions"] == ["ASIA"]
    africa_filter = await client.get(
        "/portfolio", params={"region": "AFRICA"}, headers=auth("regional_coordinator", region="ASIA")
    )
    assert africa_filter.json()["figures"]["received"] == 0
    listed = await client.get("/requests", params={"region": "AFRICA"}, headers=auth("programme_manager"))
    kenya = next(r["authority"]["id"] for r in listed.json()["items"] if r["authority"]["country"] == "KE")
    focal = await client.get("/portfolio", headers=auth("focal_point", authority_id=kenya))
    assert focal.json()["figures"]["received"] == 2
    assert (await client.get("/portfolio", headers=auth("expert", expert_id="x"))).status_code == 403
    assert (await client.get("/portfolio")).status_code == 401
