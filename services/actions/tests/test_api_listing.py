"""The Action list ordered, searched and filtered by lists: every order (those with missing values too) pages
through everything exactly once both ways, a search finds words by prefix whatever their accents and case,
and bad input is a 422 with its code and field, never a 500."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import httpx
from service_core.testing.listing import expected_order, paged_backward, paged_forward

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver

NULLABLE = ("launched_on", "completed_on")  # not launched (completed) yet: last, either way


async def portfolio(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> dict[str, str]:
    """Cabo Verde 2016 and Kenya 2017 (launched), Thailand 2013 and Jordan 2025 (not launched), Malawi 2016
    (a lesson recorded); topics written with accents."""
    ids = {
        "cv": await seed(deliver, topic="Intégration locale des immigrés"),
        "ke": await seed(deliver, countries=("KE",), received_on=date(2017, 1, 10), approved_on=date(2017, 2, 1),
                         authority_id="ke-ncm", topic="Coordination of migration governance"),
        "th": await seed(deliver, countries=("TH",), region="ASIA", thematic_area="IRREGULAR_MIGRATION_THB",
                         received_on=date(2013, 3, 1), approved_on=date(2013, 5, 1), authority_id="th-msdhs",
                         topic="Protection of victims of trafficking"),
        "jo": await seed(deliver, countries=("JO",), region="EU_NEIGHBOURHOOD", received_on=date(2024, 11, 1),
                         approved_on=date(2025, 5, 1), authority_id="jo-mosd", topic="Gestión de la migración"),
        "mw": await seed(deliver, countries=("MW",), authority_id="mw-dau", approved_on=date(2016, 4, 15),
                         topic="Diaspora engagement"),
    }  # fmt: skip
    for key, on in (("cv", date(2016, 6, 1)), ("ke", date(2017, 9, 1))):
        await agreed(client, auth, ids[key], on)
        await held(client, auth, await planned(client, auth, ids[key], "FACT_FINDING_MISSION", on), on)
    lesson = {"kind": "GOOD_PRACTICE", "category": "APPROACH", "recorded_on": "2016-05-02",
              "summary": "Political will at the top\nlet every ministry concerned work on the policy together"}  # fmt: skip
    await ok(await client.post(f"/actions/{ids['mw']}/lessons", json=lesson, headers=auth("programme_manager")), 201)
    return ids


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    return await ok(await client.get("/actions", params=params, headers=headers))


async def test_every_order_pages_through_every_action_exactly_once_both_ways(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    pm = auth("programme_manager")
    everything = (await listed(client, pm, limit=100))["items"]
    assert len(everything) == len(ids)
    assert [a["id"] for a in everything] == expected_order(everything, "approved_on", True)

    fields = ("approved_on", "received_on", "launched_on", "completed_on", "updated_at", "code", "region", "status")
    for field in fields:
        for direction in ("asc", "desc"):
            want = expected_order(everything, field, direction == "desc")
            order = f"{field}:{direction}"
            fetch = partial(listed, client, pm)
            ahead, behind = (
                await paged_forward(fetch, 2, order_by=order),
                await paged_backward(fetch, 2, order_by=order),
            )
            assert (ahead, behind) == (want, want), (field, direction)
    launched = await listed(client, pm, order_by="launched_on:asc", limit=2)
    assert [a["id"] for a in launched["items"]] == [ids["cv"], ids["ke"]]  # then the ones not launched


async def test_a_search_finds_word_prefixes_within_the_callers_region(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    pm, asia = auth("programme_manager"), auth("regional_coordinator", region="ASIA")

    async def found(headers: dict[str, str], search: str, **params: Any) -> set[str]:
        page = await listed(client, headers, search=search, **params)
        assert page["total_count"] == len(page["items"])
        return {a["id"] for a in page["items"]}

    assert await found(pm, "INTEGRATION immigr") == {ids["cv"]}  # Intégration, immigrés
    assert await found(pm, "gestion migra") == {ids["jo"]}  # Gestión, migración
    assert await found(pm, "cabo") == {ids["cv"]}  # the label, Cabo Verde I
    thailand = (await ok(await client.get(f"/actions/{ids['th']}", headers=pm)))["code"]
    assert await found(pm, thailand) == {ids["th"]}  # the code, 2013-NN
    assert await found(pm, "let every") == {ids["mw"]}  # a lesson, after its line break
    assert await found(pm, "migration", status_in=["ONGOING", "COMPLETED"]) == {ids["ke"]}
    assert await found(pm, "migra", region_in=["AFRICA", "EU_NEIGHBOURHOOD"]) == {ids["ke"], ids["jo"]}
    assert await found(pm, "( ) & | ! :*") == set()
    assert await found(asia, "traffick") == {ids["th"]}
    assert await found(asia, "cabo") == set()  # another region's: as if it did not exist
    assert await found(asia, "migra", region_in=["AFRICA"]) == set()


async def test_bad_orders_cursors_and_lists_are_refused_with_their_code_and_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await portfolio(client, auth, deliver)
    pm = auth("programme_manager")
    by_code = await listed(client, pm, limit=2, order_by="code")

    async def refused(**params: Any) -> tuple[int, str, str]:
        response = await client.get("/actions", params=params, headers=pm)
        error = response.json()["error"]
        return response.status_code, error["code"], error["field"]

    assert await refused(order_by="label") == (422, "INVALID_ORDER", "order_by")
    assert await refused(order_by="code:ASC") == (422, "INVALID_ORDER", "order_by")
    assert await refused(cursor=by_code["next_cursor"], order_by="code:asc") == (
        422, "CURSOR_ORDER_MISMATCH", "cursor",
    )  # fmt: skip
    assert await refused(cursor=by_code["next_cursor"]) == (422, "CURSOR_ORDER_MISMATCH", "cursor")
    assert await refused(status_in=["ONGOING", "SHELVED"]) == (422, "VALIDATION_ERROR", "status_in.1")
    assert await refused(region_in=["AFRICA"] * 21) == (422, "VALIDATION_ERROR", "region_in")
    assert await refused(search="é" * 201) == (422, "VALIDATION_ERROR", "search")
    assert await refused(search="\x1bcabo") == (422, "INVALID_CHARACTER", "search")
