"""The published contract over HTTP: the AsyncAPI document and every schema `ce_dataschema` names."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
import pytest
from contracts.envelope import dataschema_for
from contracts.events import default_registry
from contracts.revisions import published_dir, revision_path
from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    app = create_gateway_app(GatewaySettings())  # these routes need no service
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as http:
        yield http


async def test_the_asyncapi_document_is_served_without_a_token(client: httpx.AsyncClient) -> None:
    for url in ("/asyncapi.json", "/contracts/asyncapi.json"):
        response = await client.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.json() == json.loads((published_dir() / "asyncapi.json").read_text())
        assert response.json()["asyncapi"] == "3.0.0"


async def test_the_dataschema_of_every_event_type_resolves_on_the_gateway(client: httpx.AsyncClient) -> None:
    for cls in default_registry().classes:
        url = dataschema_for(cls.schema_path())
        response = await client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        schema = response.json()
        assert schema["$id"] == url and schema["x-ce-type"] == cls.ce_type()
        pinned = await client.get(urlsplit(dataschema_for(revision_path(cls.schema_path(), 1))).path)
        assert pinned.status_code == 200
        assert "immutable" in pinned.headers["cache-control"]
        assert "immutable" not in response.headers["cache-control"]


async def test_the_index_lists_every_revision_at_a_url_that_resolves(client: httpx.AsyncClient) -> None:
    index = (await client.get("/contracts/index.json")).json()
    assert {event["type"] for event in index["events"]} == {cls.ce_type() for cls in default_registry().classes}
    for event in index["events"]:
        for revision in event["revisions"]:
            assert (await client.get(urlsplit(revision["schema"]).path)).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/contracts/actions/NoSuchEvent.v1.json",
        "/contracts/%2e%2e/%2e%2e/README.md",
        "/contracts/actions/..%2F..%2Fpyproject.toml",
        "/contracts/actions/",
        "/contracts/actions/ActionOpened.v1.txt",
    ],
)
async def test_anything_else_is_a_clear_404_and_nothing_outside_the_contract_is_served(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "NOT_FOUND" and error["field"] == "path"
