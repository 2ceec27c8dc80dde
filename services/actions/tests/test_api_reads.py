"""Reads over HTTP: filters (launched late included), keyset paging, by code, batches, who sees what, errors."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver


async def portfolio(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> dict[str, str]:
    """Cabo Verde 2016 (launched on time), Kenya 2017 (launched late), Thailand 2013 (never launched),
    Jordan 2024 (approved 2025-05-01: its clock still runs on 2025-06-01)."""
    ids = {
        "cv": await seed(deliver),
        "ke": await seed(
            deliver,
            countries=("KE",),
            received_on=date(2017, 1, 10),
            approved_on=date(2017, 2, 1),
            authority_id="ke-ncm",
        ),
        "th": await seed(
            deliver,
            countries=("TH",),
            region="ASIA",
            thematic_area="IRREGULAR_MIGRATION_THB",
            received_on=date(2013, 3, 1),
            approved_on=date(2013, 5, 1),
            authority_id="th-msdhs",
            co_requester_ids=("cv-dgaci",),
        ),
        "jo": await seed(
            deliver,
            countries=("JO",),
            region="EU_NEIGHBOURHOOD",
            received_on=date(2024, 11, 1),
            approved_on=date(2025, 5, 1),
            authority_id="jo-mosd",
        ),
    }
    for key, on in (("cv", date(2016, 6, 1)), ("ke", date(2017, 9, 1))):
        await agreed(client, auth, ids[key], on)
        await held(client, auth, await planned(client, auth, ids[key], "FACT_FINDING_MISSION", on), on)
    return ids


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    return await ok(await client.get("/actions", params=params, headers=headers))


async def test_lists_latest_approved_first_with_filters(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    pm = auth("programme_manager")

    everything = await listed(client, pm)
    assert [a["id"] for a in everything["items"]] == [ids["jo"], ids["ke"], ids["cv"], ids["th"]]
    assert (everything["total_count"], everything["has_next_page"]) == (4, False)

    assert [a["id"] for a in (await listed(client, pm, region="AFRICA"))["items"]] == [ids["ke"], ids["cv"]]
    assert [a["id"] for a in (await listed(client, pm, country="TH"))["items"]] == [ids["th"]]
    assert [a["id"] for a in (await listed(client, pm, phase="MIEUX_II"))["items"]] == [ids["th"]]
    assert [a["id"] for a in (await listed(client, pm, status="ONGOING"))["items"]] == [ids["ke"], ids["cv"]]
    area = await listed(client, pm, thematic_area="IRREGULAR_MIGRATION_THB")
    assert [a["id"] for a in area["items"]] == [ids["th"]]
    request_id = everything["items"][0]["request_id"]
    assert [a["id"] for a in (await listed(client, pm, request_id=request_id))["items"]] == [ids["jo"]]


async def test_launched_late_covers_late_launches_and_clocks_run_out(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    pm = auth("programme_manager")

    late = await listed(client, pm, launched_late="true")
    in_time = await listed(client, pm, launched_late="false")

    assert {a["id"] for a in late["items"]} == {ids["ke"], ids["th"]}
    assert {a["id"] for a in in_time["items"]} == {ids["cv"], ids["jo"]}
    assert all(a["launched_late"] for a in late["items"])
    ke = next(a for a in late["items"] if a["id"] == ids["ke"])
    assert (ke["days_to_launch_from_approval"], ke["launch_due_on"]) == (212, "2017-05-02")


async def test_keyset_pages_hand_out_one_cursor_per_item(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    pm = auth("programme_manager")

    first = await listed(client, pm, limit=3)
    assert (len(first["cursors"]), first["has_next_page"], first["total_count"]) == (3, True, 4)
    rest = await listed(client, pm, limit=3, cursor=first["next_cursor"])
    assert [a["id"] for a in rest["items"]] == [ids["th"]] and rest["has_next_page"] is False
    after_first = await listed(client, pm, limit=1, cursor=first["cursors"][0])
    assert [a["id"] for a in after_first["items"]] == [ids["ke"]]

    bad = await client.get("/actions", params={"cursor": "nonsense"}, headers=pm)
    assert (bad.status_code, bad.json()["error"]["code"], bad.json()["error"]["field"]) == (
        422,
        "INVALID_CURSOR",
        "cursor",
    )


async def test_reads_by_id_code_and_batches_give_one_result_per_key(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    pm = auth("programme_manager")
    cv = await ok(await client.get(f"/actions/{ids['cv']}", headers=pm))
    assert (cv["code"], cv["label"]) == ("2016-01", "Cabo Verde I")

    assert (await ok(await client.get("/actions/by-code/2016-01", headers=pm)))["id"] == ids["cv"]
    missing = await client.get("/actions/by-code/2030-01", headers=pm)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "NOT_FOUND")

    batch = await ok(await client.post("/actions/batch", json={"ids": [ids["th"], "nope", ids["cv"]]}, headers=pm))
    assert [a and a["id"] for a in batch["items"]] == [ids["th"], None, ids["cv"]]
    by_request = await ok(
        await client.post("/actions/batch-by-request", json={"request_ids": ["nope", cv["request_id"]]}, headers=pm)
    )
    assert [a and a["id"] for a in by_request["items"]] == [None, ids["cv"]]

    lists = await ok(
        await client.post("/activities/batch-by-action", json={"action_ids": [ids["cv"], ids["th"], "x"]}, headers=pm)
    )
    assert [len(items) for items in lists["items"]] == [1, 0, 0]
    activity_id = lists["items"][0][0]["id"]
    activities = await ok(await client.post("/activities/batch", json={"ids": ["x", activity_id]}, headers=pm))
    assert [a and a["id"] for a in activities["items"]] == [None, activity_id]
    deliverables = await ok(
        await client.post("/deliverables/batch-by-action", json={"action_ids": [ids["cv"]]}, headers=pm)
    )
    assert deliverables["items"] == [[]]


async def test_a_coordinator_sees_its_region_only(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    ids = await portfolio(client, auth, deliver)
    asia = auth("regional_coordinator", region="ASIA")

    assert [a["id"] for a in (await listed(client, asia))["items"]] == [ids["th"]]
    assert (await client.get(f"/actions/{ids['cv']}", headers=asia)).status_code == 404
    batch = await ok(await client.post("/actions/batch", json={"ids": [ids["cv"], ids["th"]]}, headers=asia))
    assert [a and a["id"] for a in batch["items"]] == [None, ids["th"]]
    lists = await ok(await client.post("/activities/batch-by-action", json={"action_ids": [ids["cv"]]}, headers=asia))
    assert lists["items"] == [[]]
    command = await client.post(f"/actions/{ids['cv']}/completion", json={}, headers=asia)
    assert command.status_code == 404


async def test_a_focal_point_reads_its_authority_s_actions_and_commands_nothing(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    ids = await portfolio(client, auth, deliver)
    focal = auth("focal_point", authority_id="cv-dgaci")

    assert {a["id"] for a in (await listed(client, focal))["items"]} == {ids["cv"], ids["th"]}  # co-requester of th
    assert (await client.get(f"/actions/{ids['ke']}", headers=focal)).status_code == 404
    refused = await client.post(f"/actions/{ids['cv']}/completion", json={}, headers=focal)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "FORBIDDEN")


async def test_reporting_and_experts_get_no_details_and_everyone_needs_a_token(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await seed(deliver)
    for headers in (auth("reporting"), auth("expert", expert_id="x-1")):
        assert (await client.get("/actions", headers=headers)).status_code == 403
        assert (await client.get(f"/actions/{action_id}", headers=headers)).status_code == 403
    anonymous = await client.get("/actions")
    assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (401, "UNAUTHENTICATED")
    assert (await client.get("/healthz")).status_code == 200


async def test_bad_input_names_the_field(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    cases = [
        (
            f"/actions/{action_id}/activities",
            {"activity_type": "PARTY", "starts_on": "2016-06-01", "ends_on": "2016-06-01"},
            "activity_type",
        ),
        (
            f"/actions/{action_id}/activities",
            {"activity_type": "WORKSHOP", "starts_on": "2016-06-01", "ends_on": "2016-06-01"},
            "place_country",
        ),
        (f"/actions/{action_id}/fiche", {"intervention_logic": "x"}, "institutional_framework"),
        ("/actions/batch", {"ids": "nope"}, "ids"),
    ]
    for path, body, field in cases:
        response = await client.post(path, json=body, headers=pm)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["error"]["field"] == field
    bad_query = await client.get("/actions", params={"phase": "MIEUX_IV"}, headers=pm)
    assert (bad_query.status_code, bad_query.json()["error"]["field"]) == (422, "phase")
    assert await ok(await client.get(f"/actions/{action_id}", headers=pm)) and (
        (await ok(await client.get(f"/actions/{action_id}", headers=pm)))["version"] == 1
    )


async def test_openapi_documents_every_route_and_model(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    assert {
        "/actions",
        "/actions/by-code/{code}",
        "/activities/{activity_id}/held",
        "/deliverables/batch-by-action",
    } <= set(spec["paths"])
    assert {"ActionView", "ActivityView", "DeliverableView", "CommandResponse", "ActionPage", "ErrorBody"} <= set(
        spec["components"]["schemas"]
    )
