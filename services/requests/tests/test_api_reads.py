"""Reads over HTTP: filters, keyset paging, the batch endpoint, and who sees what."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]

KENYA = {
    "authority": {
        "name": "National Coordination Mechanism on Migration",
        "acronym": "NCM",
        "type": "NATIONAL_GOVERNMENT",
    }
}


async def seed(client: httpx.AsyncClient, auth: Headers, body: Body) -> dict[str, str]:
    """Thailand 2013 (Asia), Kenya 2017 (Africa), Jordan 2017 (EU Neighbourhood), a CSO of Ghana in 2015."""
    pm = auth("programme_manager")
    bodies = {
        "th": body(),
        "ke": body(**KENYA, countries=["KE"], region="AFRICA", thematic_area="HORIZONTAL", received_on="2017-01-10"),
        "jo": body(
            authority={"name": "Ministry of Social Development", "acronym": "MoSD", "type": "NATIONAL_GOVERNMENT"},
            countries=["JO"],
            region="EU_NEIGHBOURHOOD",
            received_on="2017-01-10",
        ),
        "gh": body(
            authority={"name": "Diaspora network", "acronym": "DN", "type": "CIVIL_SOCIETY"},
            countries=["GH"],
            region="AFRICA",
            received_on="2015-06-15",
        ),
    }
    ids = {}
    for key, payload in bodies.items():
        response = await client.post("/requests", json=payload, headers=pm)
        assert response.status_code == 201, response.text
        ids[key] = response.json()["request"]["id"]
    return ids


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = await client.get("/requests", params=params, headers=headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def test_lists_newest_received_first_with_filters(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    ids = await seed(client, auth, body)
    pm = auth("programme_manager")

    everything = await listed(client, pm)
    africa = await listed(client, pm, region="AFRICA")
    ineligible = await listed(client, pm, status="INELIGIBLE")
    kenya = await listed(client, pm, country="KE", thematic_area="HORIZONTAL", authority_type="NATIONAL_GOVERNMENT")
    window = await listed(client, pm, received_from="2014-01-01", received_to="2016-12-31")

    assert everything["total_count"] == 4
    assert [i["received_on"] for i in everything["items"]] == ["2017-01-10", "2017-01-10", "2015-06-15", "2013-03-01"]
    assert {i["id"] for i in africa["items"]} == {ids["ke"], ids["gh"]}
    assert [i["id"] for i in ineligible["items"]] == [ids["gh"]]
    assert [i["id"] for i in kenya["items"]] == [ids["ke"]]
    assert [i["id"] for i in window["items"]] == [ids["gh"]]


async def test_pages_are_stable_and_cover_everything_once(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    ids = await seed(client, auth, body)
    pm = auth("programme_manager")

    seen: list[str] = []
    page = await listed(client, pm, limit=1)
    while True:
        assert page["total_count"] == 4
        seen.extend(i["id"] for i in page["items"])
        assert page["cursors"] == page["cursors"][:1]
        if not page["has_next_page"]:
            break
        page = await listed(client, pm, limit=1, cursor=page["next_cursor"])

    assert sorted(seen) == sorted(ids.values())
    assert seen == [i["id"] for i in (await listed(client, pm, limit=10))["items"]]


async def test_a_forged_cursor_is_bad_input(client: httpx.AsyncClient, auth: Headers) -> None:
    response = await client.get("/requests", params={"cursor": "not-a-cursor"}, headers=auth("programme_manager"))
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "cursor"


async def test_batch_returns_one_item_per_id_in_order(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    ids = await seed(client, auth, body)
    asked = [ids["jo"], "unknown", ids["th"], ids["jo"]]

    response = await client.post("/requests/batch", json={"ids": asked}, headers=auth("programme_manager"))

    items = response.json()["items"]
    assert [item["id"] if item else None for item in items] == [ids["jo"], None, ids["th"], ids["jo"]]


async def test_a_regional_coordinator_sees_only_its_region(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    asia = auth("regional_coordinator", region="ASIA")

    page = await listed(client, asia)
    filtered_elsewhere = await listed(client, asia, region="AFRICA")
    fetch_african = await client.get(f"/requests/{ids['ke']}", headers=asia)
    batch = await client.post("/requests/batch", json={"ids": [ids["ke"], ids["th"]]}, headers=asia)
    decide_african = await client.post(
        f"/requests/{ids['ke']}/decision",
        json={"decision": "APPROVE", "reason": "r", "decided_on": "2017-02-01"},
        headers=asia,
    )

    assert [i["id"] for i in page["items"]] == [ids["th"]]
    assert page["total_count"] == 1
    assert filtered_elsewhere["items"] == []
    assert fetch_african.status_code == 404
    assert [item and item["id"] for item in batch.json()["items"]] == [None, ids["th"]]
    assert decide_african.status_code == 404
    assert (await client.get(f"/requests/{ids['ke']}", headers=auth("programme_manager"))).json()["status"] == "OPEN"


async def test_a_coordinator_decides_in_its_region_and_cannot_submit_elsewhere(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    africa = auth("regional_coordinator", region="AFRICA")

    decided = await client.post(
        f"/requests/{ids['ke']}/decision",
        json={"decision": "APPROVE", "reason": "r", "decided_on": "2017-02-01"},
        headers=africa,
    )
    elsewhere = await client.post("/requests", json=body(), headers=africa)

    assert decided.status_code == 200
    assert elsewhere.status_code == 403
    assert elsewhere.json()["error"]["code"] == "FORBIDDEN"


async def test_a_focal_point_sees_and_submits_for_its_own_authority_only(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    kenya = (await client.get(f"/requests/{ids['ke']}", headers=auth("programme_manager"))).json()
    focal = auth("focal_point", authority_id=kenya["authority"]["id"])

    page = await listed(client, focal)
    other = await client.get(f"/requests/{ids['th']}", headers=focal)
    own_submission = await client.post(
        "/requests", json=body(**KENYA, countries=["KE"], region="AFRICA", received_on="2018-01-01"), headers=focal
    )
    foreign_submission = await client.post("/requests", json=body(), headers=focal)
    decide = await client.post(
        f"/requests/{ids['ke']}/decision",
        json={"decision": "APPROVE", "reason": "r", "decided_on": "2017-02-01"},
        headers=focal,
    )

    assert [i["id"] for i in page["items"]] == [ids["ke"]]
    assert other.status_code == 404
    assert own_submission.status_code == 201
    assert foreign_submission.status_code == 403
    assert decide.status_code == 403


async def test_reporting_and_experts_see_no_request_details(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    for headers in (auth("reporting"), auth("expert", expert_id="e-1")):
        for response in (
            await client.get("/requests", headers=headers),
            await client.get(f"/requests/{ids['th']}", headers=headers),
            await client.post("/requests/batch", json={"ids": [ids["th"]]}, headers=headers),
            await client.post("/requests", json=body(), headers=headers),
            await client.post(f"/requests/{ids['th']}/withdrawal", json={"reason": "x"}, headers=headers),
        ):
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "FORBIDDEN"


async def test_the_openapi_document_describes_every_route_with_models(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    assert {"/requests", "/requests/batch", "/requests/{request_id}", "/requests/{request_id}/decision"} <= set(paths)
    assert {"/requests/{request_id}/withdrawal", "/requests/{request_id}/focal-points"} <= set(paths)
    schemas = spec["components"]["schemas"]
    assert {"SubmitRequestBody", "RequestView", "CommandResponse", "RequestPage", "BatchResponse", "ErrorBody"} <= set(
        schemas
    )
    assert schemas["Region"]["enum"] == ["AFRICA", "ASIA", "EU_NEIGHBOURHOOD", "LATIN_AMERICA_CARIBBEAN"]
    assert "409" in paths["/requests/{request_id}/decision"]["post"]["responses"]
