"""The roster ordered, searched and filtered by lists: every order (the score, which may be missing, too) pages
through every expert exactly once both ways; a search finds experts by their name, organisation or CV whatever
the accents and case, for those who may read them only (for the others it is refused whatever the words, so it
cannot tell who is on the roster); a coordinator's region list goes as far as its own region."""

from __future__ import annotations

import uuid
from datetime import date
from functools import partial
from typing import Any

import httpx
from service_core.testing.listing import expected_order, paged_backward, paged_forward

from .conftest import Auth, Deliver, action_opened, activity_planned, ok, propose, registration
from .test_api_lifecycle import held

PEOPLE = (  # full name, organisation, CV, registered on
    ("Élodie Müller", "Serviço de Estrangeiros e Fronteiras", "Formation des agents d'accueil des réfugiés", "2019-01-03"),
    ("José Núñez", "Ministerio del Interior", "Protección internacional", "2019-01-02"),
    ("Łukasz Wróbel", "Straż Graniczna", "Border management", "2019-01-02"),
    ("Søren Ærø", "Udlændingestyrelsen", "Asylum interviews; COI", "2019-01-01"),
    ("Ana Exemplo", "Immigration and Borders Service", "Diaspora engagement", "2019-01-04"),
)  # fmt: skip


async def deployed_in(deliver: Deliver, region: str, starts_on: date) -> tuple[str, str]:
    action_id = str(uuid.uuid4())
    await deliver(action_opened(action_id, region=region))
    planned = activity_planned(action_id, starts_on, region=region)
    await deliver(planned)
    return action_id, planned.activity_id


async def roster(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> dict[str, str]:
    """Five experts: Élodie deployed in Africa (completed, scored 4) and in Asia, José proposed in Africa, Ana
    suspended; Łukasz and José registered the same day."""
    pm, ids = auth("programme_manager"), {}
    for name, organisation, cv, on in PEOPLE:
        body = registration(name, f"{uuid.uuid4().hex[:8]}@example.org")
        body["personal_data"].update(organisation=organisation, cv_text=cv)
        body["registered_on"] = on
        ids[name.split()[0]] = (await ok(await client.post("/experts", json=body, headers=pm), 201))["expert"]["id"]
    africa_action, africa = await deployed_in(deliver, "AFRICA", date(2019, 5, 6))
    _, asia = await deployed_in(deliver, "ASIA", date(2019, 6, 3))
    _, later_in_africa = await deployed_in(deliver, "AFRICA", date(2019, 9, 2))
    completed = await propose(client, auth, ids["Élodie"], africa)
    await propose(client, auth, ids["José"], later_in_africa)
    await ok(await client.post(f"/deployments/{completed}/confirmation", json={}, headers=pm))
    await deliver(held(africa_action, africa, date(2019, 5, 6)))
    body = {"expertise": 5, "communication": 4, "preparation": 3}
    await ok(await client.post(f"/deployments/{completed}/evaluation", json=body, headers=pm))
    await propose(client, auth, ids["Élodie"], asia)
    suspension = {"reason": "UNAVAILABLE"}
    await ok(await client.post(f"/experts/{ids['Ana']}/suspension", json=suspension, headers=pm))
    return ids


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    return await ok(await client.get("/experts", params=params, headers=headers))


async def refused(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> tuple[int, str, str]:
    response = await client.get("/experts", params=params, headers=headers)
    error = response.json()["error"]
    return response.status_code, error["code"], error["field"]


async def test_every_order_pages_through_the_roster_exactly_once_both_ways(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await roster(client, auth, deliver)
    pm = auth("programme_manager")
    everything = (await listed(client, pm, limit=100))["items"]
    assert len(everything) == len(ids)
    assert [e["id"] for e in everything] == expected_order(everything, "registered_on", True)

    for field in ("registered_on", "updated_at", "average_score", "deployments_completed"):
        for direction in ("asc", "desc"):
            want = expected_order(everything, field, direction == "desc")
            order = f"{field}:{direction}"
            fetch = partial(listed, client, pm)
            ahead, behind = (
                await paged_forward(fetch, 2, order_by=order),
                await paged_backward(fetch, 2, order_by=order),
            )
            assert (ahead, behind) == (want, want), (field, direction)
    best = await listed(client, pm, order_by="average_score", limit=1)
    assert [(e["id"], e["average_score"]) for e in best["items"]] == [(ids["Élodie"], 4.0)]


async def test_a_search_finds_experts_by_name_organisation_or_cv_for_those_who_may_read_them(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await roster(client, auth, deliver)
    pm, africa = auth("programme_manager"), auth("regional_coordinator", region="AFRICA")

    async def found(headers: dict[str, str], search: str, **params: Any) -> set[str]:
        page = await listed(client, headers, search=search, **params)
        assert page["total_count"] == len(page["items"])
        return {e["id"] for e in page["items"]}

    assert await found(pm, "elodie MULLER") == {ids["Élodie"]}
    assert await found(pm, "nunez") == {ids["José"]}
    assert await found(pm, "lukasz wrob") == {ids["Łukasz"]}
    assert await found(pm, "soren aero") == {ids["Søren"]}
    assert await found(pm, "estrang") == {ids["Élodie"]}  # the organisation
    assert await found(pm, "refugies") == {ids["Élodie"]}  # the CV: réfugiés
    assert await found(pm, "interior protec") == {ids["José"]}
    assert await found(pm, "b", status_in=["SUSPENDED"]) == {ids["Ana"]}  # Borders
    assert await found(auth("expert", expert_id=ids["José"]), "jos") == {ids["José"]}
    assert await found(auth("expert", expert_id=ids["José"]), "elodie") == set()  # only its own record
    # a coordinator sees no names: a search is refused, the same whether the name is on the roster or not
    for search in ("elodie", "nobody at all"):
        assert await refused(client, africa, search=search) == (403, "PERSONAL_DATA_HIDDEN", "search")
    assert len((await listed(client, africa, search=" "))["items"]) == 2  # blank: no search
    # erased personal data cannot be found again
    await ok(await client.post(f"/experts/{ids['José']}/erasure", json={}, headers=pm))
    assert await found(pm, "nunez") == set()
    assert await found(pm, "", status_in=["ERASED"]) == {ids["José"]}


async def test_region_and_status_lists_and_orders_go_as_far_as_a_coordinators_region(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await roster(client, auth, deliver)
    pm, africa = auth("programme_manager"), auth("regional_coordinator", region="AFRICA")

    async def found(headers: dict[str, str], **params: Any) -> set[str]:
        return {e["id"] for e in (await listed(client, headers, **params))["items"]}

    assert await found(pm, region_in=["ASIA", "LATIN_AMERICA_CARIBBEAN"]) == {ids["Élodie"]}
    assert await found(pm, region_in=["AFRICA", "ASIA"]) == {ids["Élodie"], ids["José"]}
    assert await found(pm, status_in=["SUSPENDED", "ERASED"]) == {ids["Ana"]}
    assert await found(pm, status_in=["ACTIVE"], region_in=["AFRICA"]) == {ids["Élodie"], ids["José"]}
    # Élodie was also proposed in Asia: an African coordinator asking for Asia learns nothing of it
    assert await found(africa, region_in=["ASIA"]) == set()
    assert await found(africa, region_in=["ASIA", "AFRICA"]) == {ids["Élodie"], ids["José"]}
    # the figures it sees are its region's: it may not order by the programme's
    for order in ("average_score", "deployments_completed:asc"):
        assert await refused(client, africa, order_by=order) == (422, "INVALID_ORDER", "order_by")
    assert len((await listed(client, africa, order_by="updated_at:asc"))["items"]) == 2

    assert await refused(client, pm, order_by="full_name") == (422, "INVALID_ORDER", "order_by")
    assert await refused(client, pm, status_in=["RETIRED"]) == (422, "VALIDATION_ERROR", "status_in.0")
    assert await refused(client, pm, region_in=["ASIA"] * 21) == (422, "VALIDATION_ERROR", "region_in")
    page = await listed(client, pm, limit=1, order_by="average_score")
    assert await refused(client, pm, cursor=page["next_cursor"]) == (422, "CURSOR_ORDER_MISMATCH", "cursor")
