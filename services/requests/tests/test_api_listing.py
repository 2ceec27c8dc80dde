"""The request list ordered, searched and filtered by lists: every order pages through everything exactly once
both ways, a search finds words by prefix whatever their accents and case, and bad input is a 422 with its
code and field, never a 500."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
from service_core.testing.listing import expected_order, paged_backward, paged_forward

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]


async def seed(client: httpx.AsyncClient, auth: Headers, body: Body) -> dict[str, str]:
    """Thailand 2013 (Asia), Kenya and Jordan 2017, a CSO of Ghana 2015 (ineligible), Morocco and Peru 2019
    (their institutions and subjects written with accents), one of them withdrawn."""
    pm = auth("programme_manager")
    bodies = {
        "th": body(),
        "ke": body(
            authority={"name": "National Coordination Mechanism on Migration", "acronym": "NCM",
                       "type": "NATIONAL_GOVERNMENT"},
            countries=["KE"], region="AFRICA", thematic_area="HORIZONTAL", received_on="2017-01-10",
        ),
        "jo": body(
            authority={"name": "Ministry of Social Development", "acronym": "MoSD", "type": "NATIONAL_GOVERNMENT"},
            countries=["JO"], region="EU_NEIGHBOURHOOD", received_on="2017-01-10",
        ),
        "gh": body(
            authority={"name": "Diaspora network", "acronym": "DN", "type": "CIVIL_SOCIETY"},
            countries=["GH"], region="AFRICA", received_on="2015-06-15",
        ),
        "ma": body(
            authority={"name": "Ministère de l\u2019Intérieur", "acronym": "MI", "type": "NATIONAL_GOVERNMENT"},
            countries=["MA"], region="EU_NEIGHBOURHOOD", received_on="2019-02-01",
            topic="Stratégie nationale d'immigration et d'asile",
            description="Appui à la mise en œuvre de la stratégie; formation des agents d'accueil",
        ),
        "pe": body(
            authority={"name": "Superintendencia Nacional de Migraciones", "acronym": "MIGRACIONES",
                       "type": "NATIONAL_GOVERNMENT"},
            countries=["PE"], region="LATIN_AMERICA_CARIBBEAN", received_on="2019-02-01",
            topic="Atención a migrantes venezolanos", description="Protocolo de atención en frontera",
        ),
    }  # fmt: skip
    ids = {}
    for key, payload in bodies.items():
        response = await client.post("/requests", json=payload, headers=pm)
        assert response.status_code == 201, response.text
        ids[key] = response.json()["request"]["id"]
    withdrawn = await client.post(f"/requests/{ids['jo']}/withdrawal", json={"reason": "merged"}, headers=pm)
    assert withdrawn.status_code == 200, withdrawn.text
    return ids


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = await client.get("/requests", params=params, headers=headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def refused(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> tuple[int, str, str]:
    response = await client.get("/requests", params=params, headers=headers)
    error = response.json()["error"]
    return response.status_code, error["code"], error["field"]


async def test_every_order_pages_through_every_request_exactly_once_both_ways(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    pm = auth("programme_manager")
    everything = (await listed(client, pm, limit=100))["items"]
    assert len(everything) == len(ids)

    for field in ("received_on", "submitted_at", "updated_at", "region", "status"):
        for direction in ("asc", "desc"):
            order = f"{field}:{direction}"
            want = expected_order(everything, field, direction == "desc")
            assert await paged_forward(partial(listed, client, pm), 4, order_by=order) == want, order
            assert await paged_backward(partial(listed, client, pm), 4, order_by=order) == want, order
    # the default is the received date, newest first, and `field` alone is descending
    assert [i["id"] for i in everything] == expected_order(everything, "received_on", True)
    assert await paged_forward(partial(listed, client, pm), 5, order_by="region") == expected_order(
        everything, "region", True
    )


async def test_a_search_finds_word_prefixes_whatever_the_accents_and_case(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    pm = auth("programme_manager")

    async def found(search: str, **params: Any) -> set[str]:
        page = await listed(client, pm, search=search, **params)
        assert page["total_count"] == len(page["items"])
        return {i["id"] for i in page["items"]}

    assert await found("interieur") == {ids["ma"]}  # Intérieur
    assert await found("MINIST") == {ids["th"], ids["jo"], ids["ma"]}  # Ministry, Ministère
    assert await found("stratégie IMMIG") == {ids["ma"]}  # every word, each a prefix
    assert await found("oeuvre") == {ids["ma"]}  # œuvre
    assert await found("ATENCION venez") == {ids["pe"]}  # Atención, venezolanos
    assert await found("migracion") == {ids["pe"]}  # the acronym and the name
    assert await found("ministry nairobi") == set()
    assert await found("ncm") == {ids["ke"]}  # an acronym
    assert await found("minist", status_in="WITHDRAWN") == {ids["jo"]}
    assert await found("minist", region_in=["ASIA", "LATIN_AMERICA_CARIBBEAN"]) == {ids["th"]}
    ordered = await listed(client, pm, search="minist", order_by="received_on:asc")
    assert [i["id"] for i in ordered["items"]] == [ids["th"], ids["jo"], ids["ma"]]
    # whatever the text, an answer: the tsquery operators are not operators, a text of no word finds nothing
    shelters = {ids["th"], ids["ke"], ids["jo"], ids["gh"]}  # the description they share
    assert await found("a & | ! ( ) :* ' \\ <-> 'shelter") == shelters
    assert await found("!!!") == set()
    assert len(await found("   ")) == len(ids)  # blank: no search


async def test_a_coordinators_search_and_list_filters_stay_within_its_region(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    ids = await seed(client, auth, body)
    asia = auth("regional_coordinator", region="ASIA")

    assert {i["id"] for i in (await listed(client, asia, search="minist"))["items"]} == {ids["th"]}
    africa = await listed(client, asia, region_in=["AFRICA", "EU_NEIGHBOURHOOD"], search="minist")
    assert (africa["items"], africa["total_count"]) == ([], 0)
    both = await listed(client, asia, region_in=["AFRICA", "ASIA"], status_in=["OPEN", "INELIGIBLE"])
    assert [i["id"] for i in both["items"]] == [ids["th"]]
    pm = auth("programme_manager")
    ineligible_or_withdrawn = await listed(client, pm, status_in=["INELIGIBLE", "WITHDRAWN"], order_by="status:asc")
    assert [i["id"] for i in ineligible_or_withdrawn["items"]] == [ids["gh"], ids["jo"]]


async def test_bad_orders_cursors_searches_and_lists_are_refused_with_their_code_and_field(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    await seed(client, auth, body)
    pm = auth("programme_manager")
    by_region = await listed(client, pm, limit=2, order_by="region:asc")

    assert await refused(client, pm, order_by="title") == (422, "INVALID_ORDER", "order_by")
    assert await refused(client, pm, order_by="received_on:up") == (422, "INVALID_ORDER", "order_by")
    assert await refused(client, pm, order_by="received_on;drop") == (422, "INVALID_ORDER", "order_by")
    # a cursor pages the order it was made for only
    assert await refused(client, pm, cursor=by_region["next_cursor"]) == (422, "CURSOR_ORDER_MISMATCH", "cursor")
    mismatch = await refused(client, pm, before=by_region["cursors"][1], last=1, order_by="region:desc")
    assert mismatch == (422, "CURSOR_ORDER_MISMATCH", "before")
    # cursors of before the orders ([date, id]), and made-up ones, are not cursors of this list
    for made_up in (["2017-01-10", "x"], ["received_on:desc", "not a date", "x"], ["received_on:desc", 5, "x"]):
        text = base64.urlsafe_b64encode(json.dumps(made_up).encode()).decode().rstrip("=")
        assert await refused(client, pm, cursor=text) == (422, "INVALID_CURSOR", "cursor"), made_up
    assert await refused(client, pm, search="x" * 201) == (422, "VALIDATION_ERROR", "search")
    assert await refused(client, pm, search="shelter\x00") == (422, "INVALID_CHARACTER", "search")
    assert await refused(client, pm, region_in=["ASIA"] * 21) == (422, "VALIDATION_ERROR", "region_in")
    assert await refused(client, pm, status_in=["OPEN", "CLOSED"]) == (422, "VALIDATION_ERROR", "status_in.1")
