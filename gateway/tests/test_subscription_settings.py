"""Subscription settings: the legacy `graphql-ws` protocol only when asked for; cursor keys in production."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings
from pydantic import ValidationError
from service_core.embedded.welcome import dev_token

from .live import Socket


async def app_with(settings: GatewaySettings) -> AsyncIterator[FastAPI]:
    app = create_gateway_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def default_app() -> AsyncIterator[FastAPI]:
    async for app in app_with(GatewaySettings()):
        yield app


@pytest.fixture
async def legacy_app() -> AsyncIterator[FastAPI]:
    async for app in app_with(GatewaySettings(graphql_legacy_ws=True)):
        yield app


async def test_the_legacy_graphql_ws_protocol_is_closed_with_4406_unless_enabled(
    default_app: FastAPI, legacy_app: FastAPI
) -> None:
    async with Socket(default_app, protocol="graphql-ws") as socket:
        assert await socket.receive() == {"type": "closed", "code": 4406, "reason": "Subprotocol not acceptable"}

    async with Socket(legacy_app, protocol="graphql-ws") as socket:
        await socket.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {dev_token('reporting')}"}})
        assert (await socket.receive())["type"] == "connection_ack"
        await socket.send(
            {
                "id": "1",
                "type": "start",
                "payload": {"query": "subscription { regionEvents(region: AFRICA) { eventId } }"},
            }
        )
        refused = await socket.receive()  # legacy protocol: an `error` message with one error
        assert refused["type"] == "error" and refused["payload"]["extensions"]["code"] == "FORBIDDEN", refused

    async with Socket(legacy_app) as socket:  # graphql-transport-ws still works alongside
        await socket.init(dev_token("reporting"))
        await socket.subscribe("AFRICA")
        assert (await socket.refusal())["extensions"]["code"] == "FORBIDDEN"


def test_production_needs_a_cursor_key_of_its_own() -> None:
    issued = {"environment": "production", "jwt_issuer": "https://login.mieux.eu", "jwt_audience": "mieux"}
    with pytest.raises(ValidationError, match="subscription_cursor_secret"):
        GatewaySettings(**issued)
    rs256 = {**issued, "jwt_algorithm": "RS256", "jwt_public_key": "k"}
    with pytest.raises(ValidationError, match="subscription_cursor_secret"):
        GatewaySettings(**rs256)  # nothing secret to derive a key from
    own_jwt = GatewaySettings(**issued, jwt_secret="an-hs256-secret-of-our-own-0123456789")
    own_cursor = GatewaySettings(**rs256, subscription_cursor_secret="c" * 32)
    assert len({own_jwt.cursor_key, own_cursor.cursor_key, GatewaySettings().cursor_key}) == 3
    with pytest.raises(ValidationError, match="at least 32"):
        GatewaySettings(subscription_cursor_secret="too-short")
