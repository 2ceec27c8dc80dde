"""The service app factory: health, readiness, JSON errors with codes, bearer auth, ids into metadata."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field
from service_core.app import CurrentPrincipal, create_app
from service_core.auth import TokenVerifier, issue_token
from service_core.errors import DomainError, NotFound
from service_core.observability import current_metadata
from service_core.store.base import ConcurrencyError

SECRET = "test-secret-0123456789-0123456789-abcdef"


class Body(BaseModel):
    count: int = Field(ge=1)
    label: str


def build(ready: bool = True) -> FastAPI:
    async def check() -> None:
        if not ready:
            raise ConnectionError("down")

    app = create_app(title="t", verifier=TokenVerifier("HS256", SECRET), readiness={"database": check})

    @app.post("/things")
    async def create(body: Body, who: CurrentPrincipal) -> dict[str, object]:
        meta = current_metadata()
        return {"actor": meta.actor, "correlation_id": meta.correlation_id, "count": body.count, "sub": who.sub}

    @app.get("/conflict")
    async def conflict(_: CurrentPrincipal) -> None:
        raise ConcurrencyError("s-1", 2, 3)

    @app.get("/refused")
    async def refused(_: CurrentPrincipal) -> None:
        raise DomainError("REQUEST_NOT_ELIGIBLE", "not eligible", "id")

    @app.get("/missing")
    async def missing(_: CurrentPrincipal) -> None:
        raise NotFound("request", "r-9")

    @app.get("/boom")
    async def boom(_: CurrentPrincipal) -> None:
        raise RuntimeError("secret internals")

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield http


def auth(**claims: str) -> dict[str, str]:
    token = issue_token(SECRET, sub="u-1", roles=[claims.pop("role", "programme_manager")], **claims)
    return {"authorization": f"Bearer {token}"}


async def test_health_needs_no_token_and_readiness_reports_each_check() -> None:
    for ready, status in ((True, 200), (False, 503)):
        transport = httpx.ASGITransport(app=build(ready))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            assert (await http.get("/healthz")).status_code == 200
            response = await http.get("/readyz")
            assert response.status_code == status
            assert response.json()["checks"]["database"].startswith("ok" if ready else "unavailable: ConnectionError")


async def test_a_call_without_a_valid_token_is_401(client: httpx.AsyncClient) -> None:
    no_token = await client.post("/things", json={"count": 1, "label": "x"})
    forged = await client.post(
        "/things",
        json={"count": 1, "label": "x"},
        headers={"authorization": "Bearer " + issue_token("other-secret-" * 4, sub="x", roles=["programme_manager"])},
    )
    assert no_token.status_code == forged.status_code == 401
    assert no_token.json()["error"]["code"] == "UNAUTHENTICATED"


async def test_a_coordinator_token_without_region_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", json={"count": 1, "label": "x"}, headers=auth(role="regional_coordinator"))
    assert response.status_code == 401
    assert "region" in response.json()["error"]["message"]


async def test_bad_input_is_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", json={"count": 0, "label": "x"}, headers=auth())
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert response.json()["error"]["field"] == "count"


async def test_domain_errors_map_to_codes_and_statuses(client: httpx.AsyncClient) -> None:
    conflict = await client.get("/conflict", headers=auth())
    refused = await client.get("/refused", headers=auth())
    missing = await client.get("/missing", headers=auth())
    assert (conflict.status_code, conflict.json()["error"]["code"]) == (409, "CONCURRENT_MODIFICATION")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "REQUEST_NOT_ELIGIBLE")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "NOT_FOUND")


async def test_an_unexpected_error_is_500_without_internals(client: httpx.AsyncClient) -> None:
    response = await client.get("/boom", headers=auth())
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert response.json()["error"]["code"] == "INTERNAL"


async def test_request_ids_and_the_caller_flow_into_event_metadata(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/things", json={"count": 2, "label": "x"}, headers={**auth(), "x-correlation-id": "corr-42"}
    )
    assert response.json()["correlation_id"] == "corr-42"
    assert response.json()["actor"] == "u-1"
    assert response.headers["x-correlation-id"] == "corr-42"
    assert response.headers["x-request-id"]
