"""Hostile input to the requests API is refused with a code naming the field, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from service_core.testing.http import Auth


async def nothing_stored(client: httpx.AsyncClient, auth: Auth) -> bool:
    page = (await client.get("/requests", headers=auth("programme_manager"))).json()
    return page["total_count"] == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"topic": "Trafficking\x00 victims"}, "topic"),
        ({"description": "tab\tand newline\nare fine, a bell\x07 is not"}, "description"),
        ({"authority": {"name": "Ministry\x1b", "type": "NATIONAL_GOVERNMENT"}}, "authority.name"),
    ],
)
async def test_a_submission_with_control_characters_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, body: Callable[..., dict[str, Any]], changes: dict[str, Any], field: str
) -> None:
    response = await client.post("/requests", json=body(**changes), headers=auth("programme_manager"))
    assert response.status_code == 422
    assert (response.json()["error"]["code"], response.json()["error"]["field"]) == ("INVALID_CHARACTER", field)
    assert await nothing_stored(client, auth)


async def test_a_lone_surrogate_in_a_submission_is_refused(
    client: httpx.AsyncClient, auth: Auth, body: Callable[..., dict[str, Any]]
) -> None:
    raw = httpx.Request("POST", "/", json=body(topic="SURROGATE")).content.replace(b"SURROGATE", b"\\udc80")
    response = await client.post(
        "/requests", content=raw, headers={**auth("programme_manager"), "content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "topic"
    assert await nothing_stored(client, auth)


@pytest.mark.parametrize("received_on", ["0001-01-01", "2008-11-30", "9999-12-31"])
async def test_a_request_received_outside_the_programme_is_refused(
    client: httpx.AsyncClient, auth: Auth, body: Callable[..., dict[str, Any]], received_on: str
) -> None:
    response = await client.post("/requests", json=body(received_on=received_on), headers=auth("programme_manager"))
    assert response.status_code == 422
    assert (response.json()["error"]["code"], response.json()["error"]["field"]) == ("VALIDATION_ERROR", "received_on")
    assert await nothing_stored(client, auth)


@pytest.mark.parametrize("document", [b"null", b'"x"', b"1", b"[" * 100_000 + b"]" * 100_000])
async def test_a_body_that_is_not_a_json_object_is_refused_with_400(
    client: httpx.AsyncClient, auth: Auth, document: bytes
) -> None:
    response = await client.post(
        "/requests", content=document, headers={**auth("programme_manager"), "content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] in ("JSON_NOT_OBJECT", "JSON_TOO_DEEP")


async def test_a_nul_in_a_search_filter_or_an_id_is_refused_not_sent_to_postgresql(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    by_id = await client.get("/requests/r%00x", headers=auth("programme_manager"))
    assert (by_id.status_code, by_id.json()["error"]["code"]) == (422, "INVALID_CHARACTER")
    filtered = await client.get("/requests", params={"cursor": "a\x00"}, headers=auth("programme_manager"))
    assert (filtered.status_code, filtered.json()["error"]["field"]) == (422, "cursor")
    dated = await client.get("/requests", params={"received_from": "0001-01-01"}, headers=auth("programme_manager"))
    assert (dated.status_code, dated.json()["error"]["field"]) == (422, "received_from")
