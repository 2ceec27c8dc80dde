"""Requests that are not GraphQL requests are refused at the door with a 4xx and a code, never a 500: bodies that
are not JSON objects, JSON nested deeper than Python's parser follows, oversized bodies and headers."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from gateway.hygiene import json_depth
from gateway.settings import GatewaySettings
from service_core.embedded.welcome import dev_token

from .conftest import Stack, gateway_over

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}", "content-type": "application/json"}


def code_of(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


@pytest.mark.parametrize("body", [b"null", b'"x"', b"1", b"[]", b'[{"query": "{ __typename }"}]', b"true"])
async def test_a_json_body_that_is_not_an_object_is_a_400_with_a_code(http: httpx.AsyncClient, body: bytes) -> None:
    response = await http.post("/graphql", content=body, headers=AUTH)
    assert response.status_code == 400
    assert code_of(response) == "BODY_NOT_AN_OBJECT"


@pytest.mark.parametrize("depth", [1_000, 100_000])
async def test_variables_nested_deeper_than_the_limit_are_a_400_not_a_500(http: httpx.AsyncClient, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    body = f'{{"query": "query($v: [String]) {{ __typename }}", "variables": {{"v": {nested}}}}}'
    response = await http.post("/graphql", content=body.encode(), headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "JSON_TOO_DEEP", "measured": depth + 2, "limit": 32}


async def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    assert json_depth(b'{"query": "[[[[{{{{", "variables": {"a": ["\\"[[[", 1]}}') == 3


async def test_malformed_json_and_mistyped_members_are_400s_naming_them(http: httpx.AsyncClient) -> None:
    broken = await http.post("/graphql", content=b'{"query": ', headers=AUTH)
    bad_variables = await http.post("/graphql", content=b'{"query": "{ __typename }", "variables": "x"}', headers=AUTH)
    bad_query = await http.post("/graphql", content=b'{"query": 12}', headers=AUTH)

    assert (broken.status_code, code_of(broken)) == (400, "INVALID_JSON")
    assert bad_variables.status_code == 400
    assert bad_variables.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST", "field": "variables"}
    assert bad_query.json()["errors"][0]["extensions"]["field"] == "query"


async def test_a_twenty_megabyte_query_is_refused_unread_with_413(stack: Stack) -> None:
    async with gateway_over(stack) as (app, http):
        for client in app.state.services.all():
            client.calls.clear()
        huge = b'{"query": "{ requests { totalCount } }' + b" " * 20_000_000 + b'"}'
        response = await http.post("/graphql", content=huge, headers=AUTH)
        assert response.status_code == 413
        assert response.json()["errors"][0]["extensions"] == {
            "code": "BODY_TOO_LARGE",
            "measured": len(huge),
            "limit": 1_048_576,
        }
        assert not any(client.calls for client in app.state.services.all())


async def test_oversized_headers_are_a_431(http: httpx.AsyncClient) -> None:
    headers = {**AUTH, "x-padding": "p" * 20_000}
    response = await http.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert response.status_code == 431
    assert code_of(response) == "HEADERS_TOO_LARGE"


async def test_health_stays_reachable_and_a_good_request_passes_the_checks(http: httpx.AsyncClient) -> None:
    assert (await http.get("/healthz")).json() == {"status": "ok"}
    response = await http.post("/graphql", json={"query": "{ requests { totalCount } }"}, headers=AUTH)
    assert response.json() == {"data": {"requests": {"totalCount": 0}}}


async def test_production_hides_graphiql_docs_and_introspection(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIEUX_JWT_ISSUER", "https://login.mieux.eu")  # production's token rules (service_core)
    monkeypatch.setenv("MIEUX_JWT_AUDIENCE", "mieux-api")
    production = {"environment": "production", "jwt_secret": "a-production-secret-of-more-than-32-bytes!"}
    settings = GatewaySettings(**production)
    assert not settings.graphiql and not settings.api_docs and not settings.introspection
    assert GatewaySettings(**production, graphql_introspection=True).introspection
    async with gateway_over(stack, **production) as (app, http):
        assert isinstance(app, FastAPI)
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert (await http.get(path)).status_code == 404
        assert (await http.get("/graphql")).status_code != 200  # no GraphiQL page
        assert (await http.get("/healthz")).status_code == 200
    async with gateway_over(stack) as (_, development):
        assert (await development.get("/openapi.json")).status_code == 200
