"""Roster reads: filters, keyset paging with one cursor per item and a total count."""

from __future__ import annotations

import httpx

from .conftest import Auth, Deliver, ok, propose
from .roster import DEMOS
from .test_api_lifecycle import planned_workshop


async def roster(client: httpx.AsyncClient, auth: Auth) -> dict[str, str]:
    pm, ids = auth("programme_manager"), {}
    for i, (reference, label, profile) in enumerate(DEMOS):
        body = {"personal_data": {"full_name": label, "email": f"{reference}@example.org"},
                "profile": profile, "registered_on": f"2019-01-{i + 1:02d}"}  # fmt: skip
        ids[reference] = (await ok(await client.post("/experts", json=body, headers=pm), 201))["expert"]["id"]
    return ids


async def test_filters_combine_and_count_only_matching_experts(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    ids = await roster(client, auth)
    _, activity_id = await planned_workshop(deliver)
    await ok(await client.post(f"/deployments/{await propose(client, auth, ids['demo-expert-pt-1'], activity_id)}"
                               "/confirmation", json={}, headers=pm))  # fmt: skip

    async def found(query: str) -> set[str]:
        page = await ok(await client.get(f"/experts?limit=100&{query}", headers=pm))
        assert page["total_count"] == len(page["items"])
        return {e["id"] for e in page["items"]}

    assert await found("category=NON_EU_GOVERNMENTAL") == {ids[r] for r in demos_of("cv", "ph", "ar")}
    assert await found("member_state=NL") == {ids["demo-expert-nl-1"]}
    assert await found("thematic_area=INTERNATIONAL_PROTECTION_ASYLUM&working_language=en") == {
        ids["demo-expert-nl-1"], ids["demo-expert-se-1"]}  # fmt: skip
    assert await found("language=pt&category=EU_MS_GOVERNMENTAL") == {ids["demo-expert-pt-1"]}
    assert await found("certification=EASO_TRAINER") == {ids["demo-expert-nl-1"]}
    assert await found("deployed=true") == {ids["demo-expert-pt-1"]}
    assert len(await found("deployed=false")) == 11
    assert len(await found("available_from=2026-03-01&available_to=2026-03-05")) == 12
    assert await found("available_from=2030-03-01") == set()
    assert await found("status=ERASED") == set()


def demos_of(*codes: str) -> list[str]:
    return [f"demo-expert-{c}-1" for c in codes]


async def test_pages_follow_cursors_newest_registered_first_without_gaps(client: httpx.AsyncClient, auth: Auth) -> None:
    pm = auth("programme_manager")
    ids = await roster(client, auth)
    seen: list[str] = []
    cursor = None
    while True:
        query = "limit=5" + (f"&cursor={cursor}" if cursor else "")
        page = await ok(await client.get(f"/experts?{query}", headers=pm))
        assert page["total_count"] == 12 and len(page["cursors"]) == len(page["items"])
        seen += [e["id"] for e in page["items"]]
        if not page["has_next_page"]:
            break
        cursor = page["next_cursor"]
    assert seen == [ids[r] for r, _, _ in reversed(DEMOS)]
    bad = await client.get("/experts?cursor=nonsense", headers=pm)
    assert (bad.status_code, bad.json()["error"]["code"], bad.json()["error"]["field"]) == (
        422,
        "INVALID_CURSOR",
        "cursor",
    )
