"""Baseline of the gateway ratio: a bare graphql-core schema answering `portfolio` from the same services.

`python -m tests.performance.bare_graphql PORT` (service URLs from MIEUX_<SERVICE>_URL, as for the demo loader).
Served like the gateway (uvicorn, same loop and HTTP implementation, no access log), by a raw ASGI callable:

- `POST /graphql`: the schema is graphql-core's `build_schema` of the gateway's own `gateway/schema.graphql`
  (same types, enums, nullability), with one resolver for `Query.portfolio` and one per part of `Portfolio`.
  Each part awaits its service's `GET /portfolio` (one call per service per query, started when the first
  field needs it, concurrently, the caller's bearer token forwarded), over pooled httpx keep-alive
  connections configured like the gateway's. Nested objects are the services' JSON, read by a field resolver
  mapping `camelCase` names to the JSON's `snake_case` keys. No token verification, no depth/cost limits, no
  error masking, no typed conversion: what is left is graphql-core plus the same service calls.
- `POST /graphql/memory`: the same schema over the four answers fetched once (by the first call) and then
  served from memory: informative, it shows what the services' own work costs the gateway side.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from contracts.services import NAMES
from graphql import GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, build_schema, graphql

SERVICES = NAMES
SDL = Path(__file__).resolve().parents[2] / "gateway" / "schema.graphql"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Info = GraphQLResolveInfo[dict[str, Any]]


def camel(name: str) -> str:
    """Strawberry's rule: `p90_days_to_launch` -> `p90DaysToLaunch`."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


_KEYS: dict[str, str] = {}


def resolve_key(source: Any, info: Info, **_: Any) -> Any:
    """Default field resolver: the JSON key whose camelCase is the field's name (found once, then cached)."""
    name = info.field_name
    key = _KEYS.get(name)
    if key is None:
        key = next((k for k in source if camel(k) == name), None)
        if key is None:
            return None
        _KEYS[name] = key
    return source.get(key)


class Backend:
    """The four services over HTTP, or their answers held in memory."""

    def __init__(self, transports: dict[str, httpx.AsyncBaseTransport] | None = None) -> None:
        self.clients: dict[str, httpx.AsyncClient] = {}
        self.memory: dict[str, Any] = {}
        self._lock = asyncio.Lock()
        self._transports = transports or {}  # canned answers (gateway_ratio.py) instead of the services

    def open(self) -> None:
        for name in SERVICES:
            url = os.environ.get(f"MIEUX_{name.upper()}_URL", "") or f"http://{name}"
            self.clients[name] = httpx.AsyncClient(
                base_url=url,
                transport=self._transports.get(name),
                timeout=httpx.Timeout(30.0),
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )

    async def close(self) -> None:
        for client in self.clients.values():
            await client.aclose()

    async def fetch(self, service: str, token: str, params: dict[str, Any]) -> Any:
        answer = await self.clients[service].get(
            "/portfolio", params=params, headers={"authorization": f"Bearer {token}"}
        )
        answer.raise_for_status()
        return answer.json()

    async def remembered(self, service: str, token: str, params: dict[str, Any]) -> Any:
        if service not in self.memory:
            async with self._lock:
                if service not in self.memory:
                    self.memory[service] = await self.fetch(service, token, params)
        return self.memory[service]


def portfolio_schema() -> GraphQLSchema:
    schema = build_schema(SDL.read_text())
    query, portfolio = schema.query_type, schema.type_map["Portfolio"]
    assert query is not None and isinstance(portfolio, GraphQLObjectType)

    def start(_: Any, info: Info, filter: dict[str, Any] | None = None) -> dict[str, Any]:
        params = {k: v for k, v in (filter or {}).items() if v is not None}
        params = {("thematic_area" if k == "thematicArea" else k): v for k, v in params.items()}
        return {"params": params, "answers": {}}

    def answer(parts: dict[str, Any], info: Info, service: str) -> asyncio.Future[Any]:
        answers: dict[str, asyncio.Future[Any]] = parts["answers"]
        if service not in answers:
            context = info.context
            source = context["backend"].remembered if context["memory"] else context["backend"].fetch
            answers[service] = asyncio.ensure_future(source(service, context["token"], parts["params"]))
        return answers[service]

    def part(service: str) -> Callable[..., Awaitable[Any]]:
        async def resolve(parts: dict[str, Any], info: Info) -> Any:
            return (await answer(parts, info, service))["figures"]

        return resolve

    async def filters_ignored(parts: dict[str, Any], info: Info) -> list[dict[str, Any]]:
        found = []
        for service in SERVICES:
            answered = await answer(parts, info, service)
            found.append({"service": service, "filters": answered.get("filters_ignored", [])})
        return found

    query.fields["portfolio"].resolve = start
    for service in SERVICES:
        portfolio.fields[service].resolve = part(service)
    portfolio.fields["filtersIgnored"].resolve = filters_ignored
    return schema


class App:
    """A raw ASGI app: POST a GraphQL request, get its JSON result; GET /healthz."""

    def __init__(self, transports: dict[str, httpx.AsyncBaseTransport] | None = None) -> None:
        self.schema = portfolio_schema()
        self.backend = Backend(transports)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["method"] == "GET":
            await self._send(send, 200, b'{"status":"ok"}')
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        request = json.loads(body)
        headers = dict(scope["headers"])
        _, _, token = headers.get(b"authorization", b"").decode().partition(" ")
        context = {"backend": self.backend, "token": token, "memory": scope["path"].endswith("/memory")}
        result = await graphql(
            self.schema,
            request["query"],
            variable_values=request.get("variables"),
            operation_name=request.get("operationName"),
            context_value=context,
            field_resolver=resolve_key,
        )
        await self._send(send, 200, json.dumps(result.formatted).encode())

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.backend.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.backend.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    @staticmethod
    async def _send(send: Send, status: int, payload: bytes) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def main(argv: list[str]) -> None:
    uvicorn.run(App(), host="127.0.0.1", port=int(argv[0]), log_config=None, access_log=False, lifespan="on")


if __name__ == "__main__":
    main(sys.argv[1:])
