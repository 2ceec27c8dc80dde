"""Authorities through the HTTP API: one issued id per institution, in any script; scope follows the id."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import asyncpg
import httpx
import pytest
from contracts.events.requests import AuthorityType, Region, RequestingAuthority, RequestSubmitted, ThematicArea
from requests_service.application.handlers import REQUEST, App
from service_core.commands import execute_in
from service_core.migrate import apply_migrations, migrations_in

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]
INTERIOR, LABOUR = "وزارة الداخلية", "وزارة العمل"
MSDHS = "Ministry of Social Development and Human Security"


def egypt(name: str, **changes: Any) -> dict[str, Any]:
    return {"authority": {"name": name, "type": "NATIONAL_GOVERNMENT"}, "countries": ["EG"],
            "region": "EU_NEIGHBOURHOOD", "received_on": "2017-03-01", **changes}  # fmt: skip


async def submitted(client: httpx.AsyncClient, headers: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    answer = await client.post("/requests", json=payload, headers=headers)
    assert answer.status_code == 201, answer.text
    request: dict[str, Any] = answer.json()["request"]
    return request


async def test_two_egyptian_ministries_named_in_arabic_are_two_authorities_each_seeing_its_own(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    pm = auth("programme_manager")
    interior = await submitted(client, pm, body(**egypt(INTERIOR)))
    labour = await submitted(client, pm, body(**egypt(LABOUR, topic="Labour migration")))

    assert interior["authority"]["id"] != labour["authority"]["id"]
    assert (interior["authority"]["name"], labour["authority"]["name"]) == (INTERIOR, LABOUR)
    for mine, theirs in ((interior, labour), (labour, interior)):
        focal = auth("focal_point", authority_id=mine["authority"]["id"])
        listed = (await client.get("/requests", headers=focal)).json()
        assert [r["id"] for r in listed["items"]] == [mine["id"]] and listed["total_count"] == 1
        assert (await client.get(f"/requests/{theirs['id']}", headers=focal)).status_code == 404


@pytest.mark.parametrize(
    ("country", "region", "first", "again", "other"),
    [
        ("EG", "EU_NEIGHBOURHOOD", INTERIOR, f" {INTERIOR}\u200f", LABOUR),
        ("CN", "ASIA", "公安部", "公安部\u200b", "民政部"),
        ("UA", "EU_NEIGHBOURHOOD", "Державна міграційна служба", "ДЕРЖАВНА МІГРАЦІЙНА СЛУЖБА", "Міністерство юстиції"),
        ("SN", "AFRICA", "Ministère de l'Intérieur", "Ministe\u0300re de l'Inte\u0301rieur", "Ministère de la Justice"),
    ],
)
async def test_an_institution_is_found_again_by_country_and_name_and_a_different_one_is_not(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool,
    country: str, region: str, first: str, again: str, other: str,
) -> None:  # fmt: skip
    pm = auth("programme_manager")
    place = {"countries": [country], "region": region, "received_on": "2017-03-01"}
    one = await submitted(client, pm, body(authority={"name": first, "type": "NATIONAL_GOVERNMENT"}, **place))
    same = await submitted(client, pm, body(authority={"name": again, "type": "NATIONAL_GOVERNMENT"}, **place))
    different = await submitted(client, pm, body(authority={"name": other, "type": "NATIONAL_GOVERNMENT"}, **place))

    assert one["authority"]["id"] == same["authority"]["id"] != different["authority"]["id"]
    assert one["authority"]["name"] == first  # stored as typed, in its own script
    assert await service_pool.fetchval("SELECT count(*) FROM authority") == 2


async def test_an_external_identifier_finds_the_institution_under_another_name(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    pm = auth("programme_manager")
    registered = {"name": "Direção-Geral de Imigração", "type": "NATIONAL_GOVERNMENT", "identifier": "CV-REG-0042"}
    renamed = {**registered, "name": "Direção Nacional de Imigração"}
    one = await submitted(client, pm, body(authority=registered, countries=["CV"], region="AFRICA"))
    again = await submitted(client, pm, body(authority=renamed, countries=["CV"], region="AFRICA", topic="Later"))

    assert one["authority"]["id"] == again["authority"]["id"]


async def test_an_institution_known_by_name_learns_its_identifier_when_one_is_given(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    pm, place = auth("programme_manager"), {"countries": ["CV"], "region": "AFRICA"}
    named = {"name": "Instituto das Comunidades", "type": "NATIONAL_GOVERNMENT"}
    first = await submitted(client, pm, body(authority=named, **place))
    identified = await submitted(client, pm, body(authority={**named, "identifier": "CV-REG-7"}, **place))
    renamed = {
        "name": "Instituto das Comunidades Cabo-verdianas",
        "type": "NATIONAL_GOVERNMENT",
        "identifier": "CV-REG-7",
    }
    later = await submitted(client, pm, body(authority=renamed, **place))

    assert first["authority"]["id"] == identified["authority"]["id"] == later["authority"]["id"]


@pytest.mark.parametrize("name", ["\u200b", "\u2060 \ufeff", "\u3000", "   "])
async def test_an_empty_or_invisible_name_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool, name: str
) -> None:
    co_requester = {"name": name, "type": "NATIONAL_GOVERNMENT"}
    answer = await client.post("/requests", json=body(co_requesters=[co_requester]), headers=auth("programme_manager"))

    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "VALIDATION_ERROR" and error["field"] == "co_requesters.0.name"
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 0
    assert await service_pool.fetchval("SELECT count(*) FROM authority") == 0


async def test_a_refused_submission_registers_no_authority_and_reveals_no_request(
    client: httpx.AsyncClient, auth: Headers, body: Body, service_pool: asyncpg.Pool
) -> None:
    pm = auth("programme_manager")
    labour = await submitted(client, pm, body(**egypt(LABOUR)))
    focal = auth("focal_point", authority_id=labour["authority"]["id"])

    foreign = await client.post("/requests", json=body(**egypt(INTERIOR)), headers=focal)

    assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "FORBIDDEN"
    assert await service_pool.fetchval("SELECT count(*) FROM authority") == 1


async def test_an_external_reference_is_scoped_to_whoever_submits(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    pm = auth("programme_manager")
    interior = await submitted(client, pm, body(**egypt(INTERIOR)))
    labour = await submitted(client, pm, body(**egypt(LABOUR)))
    interior_fp = auth("focal_point", authority_id=interior["authority"]["id"])
    labour_fp = auth("focal_point", authority_id=labour["authority"]["id"])

    first = await submitted(client, interior_fp, body(**egypt(INTERIOR, external_reference="EG-2017-1")))
    twice = await client.post(
        "/requests", json=body(**egypt(INTERIOR, external_reference="EG-2017-1")), headers=interior_fp
    )
    # the other ministry uses the same reference: it neither learns of the first request nor collides with it
    other = await submitted(client, labour_fp, body(**egypt(LABOUR, external_reference="EG-2017-1")))
    coordinator = auth("regional_coordinator", region="EU_NEIGHBOURHOOD")
    theirs = await client.post(
        "/requests", json=body(**egypt(INTERIOR, external_reference="EG-2017-1")), headers=coordinator
    )

    assert twice.status_code == 409 and twice.json()["error"]["code"] == "REQUEST_ALREADY_EXISTS"
    assert other["id"] != first["id"]
    assert theirs.status_code == 201 and theirs.json()["request"]["id"] not in (first["id"], other["id"])
    found = (await client.get("/requests", params={"external_reference": "EG-2017-1"}, headers=labour_fp)).json()
    assert [r["id"] for r in found["items"]] == [other["id"]]


async def test_ids_issued_before_the_register_keep_working(
    client: httpx.AsyncClient, auth: Headers, body: Body, services: App, service_pool: asyncpg.Pool
) -> None:
    """A request stored with a slug id (before migration 002): the migration records the slug in the
    register, so the same institution submitting again, and its focal point's token, keep that id."""
    legacy = RequestSubmitted(
        request_id="legacy-1", authority=RequestingAuthority(authority_id="th-msdhs", name=MSDHS, acronym="MSDHS",
        type=AuthorityType.NATIONAL_GOVERNMENT, country="TH"), countries=("TH",), region=Region.ASIA,
        thematic_area=ThematicArea.IRREGULAR_MIGRATION_THB, topic="Shelters", description="SOPs",
        received_on=date(2012, 5, 1),
    )  # fmt: skip
    async with services.store.transaction() as tx:
        await execute_in(tx, REQUEST, "legacy-1", lambda _: [legacy], projections=services.projections)
    async with service_pool.acquire() as conn:
        await conn.execute("DELETE FROM schema_migrations WHERE id = 'requests_service/002_authorities.sql'")
        await apply_migrations(conn, migrations_in("requests_service"))

    again = await submitted(client, auth("programme_manager"), body())  # MSDHS of Thailand, as the fixture types it
    mine = await client.get("/requests", headers=auth("focal_point", authority_id="th-msdhs"))

    assert again["authority"]["id"] == "th-msdhs"
    assert {r["id"] for r in mine.json()["items"]} == {"legacy-1", again["id"]}
