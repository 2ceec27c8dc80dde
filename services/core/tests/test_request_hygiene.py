"""Request hygiene of every service app: sizes, JSON shape and depth, unstorable text, dates, production docs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest
from fastapi import FastAPI
from pydantic import Field
from service_core.app import CurrentPrincipal, create_app
from service_core.auth import TokenVerifier, issue_token
from service_core.hygiene import RequestLimits
from service_core.inputs import EARLIEST_DATE, CommandBody, ProgrammeDate, latest_date
from service_core.testing.serving import served

SECRET = "test-secret-0123456789-0123456789-abcdef"


class Item(CommandBody):
    label: str = Field(max_length=5000)
    on: date | None = None


class Body(CommandBody):
    label: str = Field(max_length=5000)
    items: list[Item] = Field(default_factory=list)
    tags: list[object] = Field(default_factory=list)
    starts_on: date | None = None


SMALL = RequestLimits(max_body_bytes=10_000, max_header_bytes=4_000, max_json_depth=8)


def build(*, production: bool = False, limits: RequestLimits = SMALL) -> FastAPI:
    app = create_app(
        title="t", verifier=TokenVerifier("HS256", SECRET), readiness={}, production=production, limits=limits
    )

    @app.post("/things")
    async def create(body: Body, _: CurrentPrincipal) -> dict[str, object]:
        return {"label": body.label}

    @app.get("/things")
    async def search(_: CurrentPrincipal, label: str = "", since: ProgrammeDate | None = None) -> dict[str, object]:
        return {"label": label, "since": since}

    @app.get("/metrics")
    @app.get("/ops/stats")
    async def metrics() -> dict[str, int]:
        return {"events": 1}

    return app


def headers() -> dict[str, str]:
    return {"authorization": "Bearer " + issue_token(SECRET, sub="u-1", roles=["programme_manager"])}


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers()) as http:
        yield http


def error(response: httpx.Response) -> dict[str, object]:
    body: dict[str, object] = response.json()["error"]
    return body


async def test_a_body_over_the_limit_is_refused_with_413(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", json={"label": "x" * 4000, "tags": ["y" * 4000, "z" * 4000]})
    assert response.status_code == 413
    assert error(response)["code"] == "BODY_TOO_LARGE"


async def test_a_streamed_body_over_the_limit_is_refused_even_without_a_content_length(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"label": "'
        for _ in range(20):
            yield b"x" * 1000
        yield b'"}'

    response = await client.post("/things", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert error(response)["code"] == "BODY_TOO_LARGE"


async def test_headers_over_the_limit_are_refused_with_431(client: httpx.AsyncClient) -> None:
    response = await client.get("/things", headers={"x-padding": "p" * 5000})
    assert response.status_code == 431
    assert error(response)["code"] == "HEADERS_TOO_LARGE"


@pytest.mark.parametrize("document", [b"null", b'"x"', b"1", b"[]", b"true"])
async def test_json_that_is_not_an_object_is_refused_with_400(client: httpx.AsyncClient, document: bytes) -> None:
    response = await client.post("/things", content=document, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert error(response)["code"] == "JSON_NOT_OBJECT"


@pytest.mark.parametrize("document", [b"{", b'{"label": NaN}', b'{"label": "\xff"}', b'{"n": ' + b"9" * 5000 + b"}"])
async def test_a_body_that_is_not_json_is_refused_with_400(client: httpx.AsyncClient, document: bytes) -> None:
    response = await client.post("/things", content=document, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert error(response)["code"] == "INVALID_JSON"


@pytest.mark.parametrize("depth", [9, 1000, 100_000])
async def test_json_nested_deeper_than_the_limit_is_refused_with_400(client: httpx.AsyncClient, depth: int) -> None:
    nested = b'{"label": "x", "tags": ' + b"[" * depth + b"]" * depth + b"}"
    roomy = RequestLimits(max_body_bytes=1_000_000, max_header_bytes=4_000, max_json_depth=8)  # depth, not size
    transport = httpx.ASGITransport(app=build(limits=roomy))
    async with httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers()) as http:
        response = await http.post("/things", content=nested, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert error(response)["code"] == "JSON_TOO_DEEP"


async def test_json_within_the_depth_limit_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", json={"label": "x", "tags": [[[[[["deep enough"]]]]]]})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"label": "nul\x00here"}, "label"),
        ({"label": "bell\x07"}, "label"),
        ({"label": "del\x7f"}, "label"),
        ({"label": "ok", "items": [{"label": "fine"}, {"label": "esc\x1b"}]}, "items.1.label"),
        ({"label": "ok", "bad\x00key": 1}, "bad\x00key"),
    ],
)
async def test_control_characters_are_refused_naming_the_field(
    client: httpx.AsyncClient, document: dict[str, object], field: str
) -> None:
    response = await client.post("/things", json=document)
    assert response.status_code == 422
    assert error(response)["code"] == "INVALID_CHARACTER"
    assert error(response)["field"] == field


async def test_a_lone_surrogate_is_refused_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/things", content=b'{"label": "half \\ud800 a pair"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert (error(response)["code"], error(response)["field"]) == ("INVALID_CHARACTER", "label")


async def test_tabs_newlines_and_carriage_returns_are_kept_in_free_text(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", json={"label": "line one\r\n\tline two"})
    assert response.status_code == 200
    assert response.json()["label"] == "line one\r\n\tline two"


async def test_control_characters_in_query_parameters_and_the_path_are_refused(client: httpx.AsyncClient) -> None:
    query = await client.get("/things", params={"label": "a\x00b"})
    assert query.status_code == 422
    assert (error(query)["code"], error(query)["field"]) == ("INVALID_CHARACTER", "label")
    path = await client.get("/things%00")
    assert path.status_code == 422
    assert (error(path)["code"], error(path)["field"]) == ("INVALID_CHARACTER", "path")


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"label": "x", "starts_on": "0001-01-01"}, "starts_on"),
        ({"label": "x", "starts_on": "9999-12-31"}, "starts_on"),
        ({"label": "x", "items": [{"label": "y", "on": "2008-11-30"}]}, "items.0.on"),
    ],
)
async def test_dates_outside_the_programme_are_refused_naming_the_field(
    client: httpx.AsyncClient, document: dict[str, object], field: str
) -> None:
    response = await client.post("/things", json=document)
    assert response.status_code == 422
    assert (error(response)["code"], error(response)["field"]) == ("VALIDATION_ERROR", field)


async def test_the_first_and_last_allowed_dates_are_accepted(client: httpx.AsyncClient) -> None:
    for day in (EARLIEST_DATE, latest_date()):
        response = await client.post("/things", json={"label": "x", "starts_on": day.isoformat()})
        assert response.status_code == 200, response.text
    too_late = await client.get("/things", params={"since": (latest_date() + timedelta(days=1)).isoformat()})
    assert (too_late.status_code, error(too_late)["field"]) == (422, "since")


async def test_refusals_are_logged_at_info_not_error(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await client.post("/things", json={"label": "nul\x00"})
        await client.post("/things", json={"label": 5})
        await client.get("/nowhere")
    refusals = [r for r in caplog.records if r.getMessage() == "request refused"]
    assert [getattr(r, "code", None) for r in refusals] == ["INVALID_CHARACTER", "VALIDATION_ERROR", "NOT_FOUND"]
    assert all(r.levelno == logging.INFO for r in refusals)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("ops_path", ["/metrics", "/ops/stats"])
async def test_production_serves_no_openapi_and_guards_operations_paths_with_a_token(ops_path: str) -> None:
    for production in (False, True):
        transport = httpx.ASGITransport(app=build(production=production))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            for path in ("/docs", "/openapi.json", "/redoc"):
                assert (await http.get(path)).status_code == (404 if production else 200), path
            anonymous = await http.get(ops_path)
            assert anonymous.status_code == (401 if production else 200)
            if production:
                assert error(anonymous)["code"] == "UNAUTHENTICATED"
            assert (await http.get(ops_path, headers=headers())).status_code == 200
            assert (await http.get(ops_path, headers={"authorization": "Bearer forged"})).status_code == (
                401 if production else 200
            )


async def test_the_real_server_answers_oversized_headers_with_a_coded_431() -> None:
    """uvicorn's own buffer for a request head is far above the limit, so the refusal comes from the hygiene
    middleware with a code, not from uvicorn as a bare 400."""
    with served(build(limits=RequestLimits(max_header_bytes=8_000))) as base_url:
        async with httpx.AsyncClient(base_url=base_url, headers=headers()) as http:
            refused = await http.get("/things", headers={"x-padding": "p" * 100_000})
            assert (refused.status_code, error(refused)["code"]) == (431, "HEADERS_TOO_LARGE")
            assert (await http.get("/things")).status_code == 200
