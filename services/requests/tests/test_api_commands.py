"""The HTTP API for commands: status codes, error codes naming fields, and nothing stored on bad input."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
import pytest

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]


async def submit(client: httpx.AsyncClient, auth: Headers, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/requests", json=body, headers=auth("programme_manager"))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_every_requests_endpoint_needs_a_token(client: httpx.AsyncClient, body: Body) -> None:
    for method, path, payload in (
        ("POST", "/requests", body()),
        ("GET", "/requests", None),
        ("GET", "/requests/x", None),
        ("POST", "/requests/batch", {"ids": ["x"]}),
        ("POST", "/requests/x/decision", {"decision": "APPROVE", "reason": "r", "decided_on": "2020-01-01"}),
        ("POST", "/requests/x/withdrawal", {"reason": "r"}),
        ("POST", "/requests/x/focal-points", {"kind": "OPERATIONAL", "name": "n", "role": "r", "institution": "i"}),
        ("GET", "/reference/countries", None),
    ):
        response = await client.request(method, path, json=payload)
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    assert (await client.get("/healthz")).status_code == 200


async def test_submitting_answers_201_with_the_view_version_and_position(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    created = await submit(client, auth, body(eu_delegation_support=True, follow_up_of="2010-03"))

    view = created["request"]
    assert created["version"] == view["version"] == 2
    assert created["position"] >= 2
    assert view["status"] == "OPEN"
    assert view["eligible"] is True
    assert view["eligibility_reasons"] == []
    assert view["instruments"] == ["DCI"]
    assert uuid.UUID(view["authority"]["id"])  # issued by the register, not derived from the name
    assert view["authority"] == {
        "id": view["authority"]["id"],
        "name": "Ministry of Social Development and Human Security",
        "acronym": "MSDHS",
        "type": "NATIONAL_GOVERNMENT",
        "country": "TH",
    }
    assert view["eu_delegation_support"] is True
    assert view["follow_up_of"] == "2010-03"
    assert view["decision"] is None and view["focal_points"] == []


async def test_a_cso_request_of_2015_is_stored_ineligible_and_cannot_be_approved(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    cso = {"name": "Ghana diaspora network", "acronym": "GDN", "type": "CIVIL_SOCIETY"}
    created = await submit(
        client, auth, body(authority=cso, countries=["GH"], region="AFRICA", received_on="2015-06-15")
    )
    view = created["request"]
    assert (view["status"], view["eligible"]) == ("INELIGIBLE", False)
    assert view["eligibility_reasons"][0]["code"] == "REQUESTER_TYPE_NOT_YET_ELIGIBLE"

    response = await client.post(
        f"/requests/{view['id']}/decision",
        json={"decision": "APPROVE", "reason": "try", "decided_on": "2016-02-01"},
        headers=auth("programme_manager"),
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "REQUEST_NOT_ELIGIBLE"


async def test_an_eu_member_state_is_ineligible_but_an_unknown_code_is_bad_input(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    created = await submit(client, auth, body(countries=["FR"], region="EU_NEIGHBOURHOOD"))
    assert created["request"]["eligibility_reasons"][0]["code"] == "COUNTRY_NOT_PARTNER"

    response = await client.post("/requests", json=body(countries=["TH", "XX"]), headers=auth("programme_manager"))
    assert response.status_code == 422
    assert response.json()["error"] | {"message": ""} == {
        "code": "UNKNOWN_COUNTRY",
        "field": "countries.1",
        "message": "",
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"region": "africa"}, "region"),
        ({"thematic_area": "TRAFFICKING"}, "thematic_area"),
        ({"countries": ["tha"]}, "countries.0"),
        ({"received_on": "2013-02-30"}, "received_on"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"topic": ""}, "topic"),
        ({"authority": {"name": "X", "type": "MINISTRY"}}, "authority.type"),
        ({"authority": {"name": "X", "type": "NATIONAL_GOVERNMENT", "country": "QQ"}}, "authority.country"),
        ({"countries": [], "regional_organisation": None}, "countries"),
        ({"regional_organisation": "NOPE"}, "regional_organisation"),
        ({"unexpected": 1}, "unexpected"),
        ({"description": None}, "description"),
    ],
)
async def test_bad_input_gets_422_naming_the_field_and_stores_nothing(
    client: httpx.AsyncClient,
    auth: Headers,
    body: Body,
    service_pool: asyncpg.Pool,
    changes: dict[str, Any],
    field: str,
) -> None:
    response = await client.post("/requests", json=body(**changes), headers=auth("programme_manager"))

    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 0
    assert await service_pool.fetchval("SELECT count(*) FROM request_view") == 0


async def test_the_steering_group_defers_then_approves(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    request_id = (await submit(client, auth, body()))["request"]["id"]
    pm = auth("programme_manager")

    deferred = await client.post(
        f"/requests/{request_id}/decision",
        json={"decision": "DEFER", "reason": "awaiting the action fiche", "decided_on": "2013-04-01"},
        headers=pm,
    )
    approved = await client.post(
        f"/requests/{request_id}/decision",
        json={
            "decision": "APPROVE",
            "reason": "fits the priorities",
            "decided_on": "2013-05-02",
            "expected_version": 3,
        },
        headers=pm,
    )

    assert deferred.json()["request"]["status"] == "DEFERRED"
    assert approved.status_code == 200, approved.text
    result = approved.json()
    assert result["request"]["status"] == "APPROVED"
    assert result["request"]["decision"] == {
        "decision": "APPROVE",
        "reason": "fits the priorities",
        "decided_on": "2013-05-02",
    }
    assert result["version"] == 4
    assert result["position"] > deferred.json()["position"]


async def test_illegal_transitions_and_stale_versions_get_409_with_a_code(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool
) -> None:
    request_id = (await submit(client, auth, body()))["request"]["id"]
    pm = auth("programme_manager")
    decide = f"/requests/{request_id}/decision"

    early = await client.post(
        decide, json={"decision": "APPROVE", "reason": "r", "decided_on": "2013-01-01"}, headers=pm
    )
    stale = await client.post(
        decide,
        json={"decision": "APPROVE", "reason": "r", "decided_on": "2013-04-01", "expected_version": 1},
        headers=pm,
    )
    await client.post(decide, json={"decision": "REJECT", "reason": "no", "decided_on": "2013-04-01"}, headers=pm)
    again = await client.post(
        decide, json={"decision": "APPROVE", "reason": "r", "decided_on": "2013-04-02"}, headers=pm
    )
    withdraw = await client.post(f"/requests/{request_id}/withdrawal", json={"reason": "late"}, headers=pm)

    assert [r.status_code for r in (early, stale, again, withdraw)] == [409, 409, 409, 409]
    assert early.json()["error"]["code"] == "DECISION_BEFORE_RECEIPT"
    assert early.json()["error"]["field"] == "decided_on"
    assert stale.json()["error"] | {"message": ""} == {
        "code": "CONCURRENT_MODIFICATION",
        "field": "expected_version",
        "message": "",
    }
    assert again.json()["error"]["code"] == "REQUEST_ALREADY_DECIDED"
    assert withdraw.json()["error"]["code"] == "REQUEST_ALREADY_DECIDED"
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 3


async def test_unknown_ids_get_404(client: httpx.AsyncClient, auth: Headers) -> None:
    pm = auth("programme_manager")
    for response in (
        await client.get("/requests/00000000-0000-0000-0000-000000000000", headers=pm),
        await client.post("/requests/nope/withdrawal", json={"reason": "x"}, headers=pm),
        await client.post(
            "/requests/nope/decision",
            json={"decision": "REJECT", "reason": "x", "decided_on": "2020-01-01"},
            headers=pm,
        ),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"


async def test_withdrawing_an_open_request(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    request_id = (await submit(client, auth, body()))["request"]["id"]
    response = await client.post(
        f"/requests/{request_id}/withdrawal",
        json={"reason": "handled by another programme", "withdrawn_on": "2013-03-10"},
        headers=auth("programme_manager"),
    )
    assert response.status_code == 200
    view = response.json()["request"]
    assert view["status"] == "WITHDRAWN"
    assert view["withdrawal"] == {"reason": "handled by another programme", "withdrawn_on": "2013-03-10"}


async def test_nominating_and_replacing_focal_points(client: httpx.AsyncClient, auth: Headers, body: Body) -> None:
    request_id = (await submit(client, auth, body()))["request"]["id"]
    path = f"/requests/{request_id}/focal-points"
    pm = auth("programme_manager")
    person = {"kind": "OPERATIONAL", "name": "Anong Example", "role": "Head of Unit", "institution": "DATIP"}

    first = await client.post(path, json=person, headers=pm)
    first_id = first.json()["request"]["focal_points"][0]["id"]
    second = await client.post(path, json={**person, "name": "Niran Example", "replaces": first_id}, headers=pm)
    stale = await client.post(path, json={**person, "replaces": first_id}, headers=pm)

    assert first.status_code == second.status_code == 200
    [active] = second.json()["request"]["focal_points"]
    assert (active["name"], active["kind"], active["institution"]) == ("Niran Example", "OPERATIONAL", "DATIP")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "FOCAL_POINT_NOT_ACTIVE"


async def test_submitting_twice_with_one_external_reference_is_refused(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    first = await submit(client, auth, body(external_reference="demo-th-1"))
    again = await client.post("/requests", json=body(external_reference="demo-th-1"), headers=auth("programme_manager"))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "REQUEST_ALREADY_EXISTS"
    listed = await client.get(
        "/requests", params={"external_reference": "demo-th-1"}, headers=auth("programme_manager")
    )
    assert [item["id"] for item in listed.json()["items"]] == [first["request"]["id"]]


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("decision", {"decision": "MAYBE", "reason": "r", "decided_on": "2013-04-01"}, "decision"),
        ("decision", {"decision": "APPROVE", "reason": "r"}, "decided_on"),
        ("decision", {"decision": "APPROVE", "reason": " ", "decided_on": "2013-04-01"}, "reason"),
        (
            "decision",
            {"decision": "APPROVE", "reason": "r", "decided_on": "2013-04-01", "expected_version": -1},
            "expected_version",
        ),
        ("withdrawal", {"reason": "r", "withdrawn_on": "yesterday"}, "withdrawn_on"),
        ("focal-points", {"kind": "LEAD", "name": "n", "role": "r", "institution": "i"}, "kind"),
        ("focal-points", {"kind": "OPERATIONAL", "role": "r", "institution": "i"}, "name"),
    ],
)
async def test_bad_command_input_gets_422_and_leaves_the_request_unchanged(
    client: httpx.AsyncClient, auth: Headers, body: Body, path: str, payload: dict[str, Any], field: str
) -> None:
    created = (await submit(client, auth, body()))["request"]

    response = await client.post(f"/requests/{created['id']}/{path}", json=payload, headers=auth("programme_manager"))

    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    after = (await client.get(f"/requests/{created['id']}", headers=auth("programme_manager"))).json()
    assert after == created


async def test_a_programme_manager_erases_a_focal_points_personal_data(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool
) -> None:
    request_id = (await submit(client, auth, body()))["request"]["id"]
    pm = auth("programme_manager")
    person = {"kind": "STRATEGIC", "name": "Malee Erasable", "role": "Director", "institution": "MSDHS"}
    nominated = await client.post(f"/requests/{request_id}/focal-points", json=person, headers=pm)
    [focal_point] = nominated.json()["request"]["focal_points"]
    erasure = f"/requests/{request_id}/focal-points/{focal_point['id']}/erasure"

    coordinator = await client.post(erasure, json={}, headers=auth("regional_coordinator", region="ASIA"))
    erased = await client.post(erasure, json={"erased_on": "2020-01-01"}, headers=pm)
    again = await client.post(erasure, json={}, headers=pm)
    unknown = await client.post(f"/requests/{request_id}/focal-points/nobody/erasure", json={}, headers=pm)

    assert coordinator.status_code == 403 and coordinator.json()["error"]["code"] == "FORBIDDEN"
    assert erased.status_code == 200, erased.text
    [shown] = erased.json()["request"]["focal_points"]
    assert (shown["id"], shown["kind"], shown["name"], shown["role"], shown["institution"]) == (
        focal_point["id"], "STRATEGIC", None, None, None,
    )  # fmt: skip
    assert again.status_code == 409 and again.json()["error"]["code"] == "FOCAL_POINT_ALREADY_ERASED"
    assert unknown.status_code == 404
    assert await service_pool.fetchval("SELECT count(*) FROM focal_point_personal_data") == 0
    [event] = await service_pool.fetch("SELECT data FROM events WHERE event_name = 'FocalPointPersonalDataErased'")
    assert "Malee" not in str(event["data"]) and "Director" not in str(event["data"])
