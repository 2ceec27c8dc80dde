"""GraphQL over HTTP (the GraphQL-over-HTTP draft): `application/graphql-response+json` for clients that ask
for it, `application/json` as before for the others.

With `Accept: application/graphql-response+json` a request error (the document does not parse, is invalid,
breaks a limit, its variables do not fit: nothing was executed) answers HTTP 400 without a `data` key; once
execution started the answer is 200 with `data` (possibly null) and the field errors. `application/json`
keeps HTTP 200 and `"data": null` for old clients. Queries may also come as GET (`?query=…&variables=…`);
mutations only as POST (405 over GET).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_STATE_KEY = "graphql_media"  # in the request's scope state: (media type, HTTP status)


def wants_graphql_response(connection: HTTPConnection) -> bool:
    """The client lists `application/graphql-response+json` and prefers it to `application/json` (by order, or
    by not listing `application/json` at all)."""
    accept = [part.split(";", 1)[0].strip().lower() for part in connection.headers.get("accept", "").split(",")]
    if GRAPHQL_RESPONSE not in accept:
        return False
    return JSON not in accept or accept.index(GRAPHQL_RESPONSE) < accept.index(JSON)


def is_request_error(result: ExecutionResult) -> bool:
    """Nothing was executed: no data and no error belongs to a field (field errors always carry a path)."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


def shape(connection: HTTPConnection, result: ExecutionResult, body: dict[str, Any]) -> dict[str, Any]:
    """The response body for the media type the client asked for; notes the type and status for `MediaType`."""
    if not wants_graphql_response(connection):
        return body
    request_error = is_request_error(result)
    connection.scope.setdefault("state", {})[_STATE_KEY] = (GRAPHQL_RESPONSE, 400 if request_error else 200)
    if request_error:
        body.pop("data", None)
    return body


def graphql_response_error(connection: HTTPConnection, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A request refused before execution by the gateway itself (no token, a bad consistency token)."""
    if wants_graphql_response(connection):
        body.pop("data", None)
        return body, GRAPHQL_RESPONSE
    return body, JSON


class MediaType:
    """Sets the content type and status `shape` chose on the response strawberry writes (it always says
    application/json, 200)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_media(message: Message) -> None:
            chosen = scope.get("state", {}).get(_STATE_KEY)
            if message["type"] == "http.response.start" and chosen is not None:
                media, status = chosen
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-type"]
                headers.append((b"content-type", media.encode()))
                status = status if message["status"] == 200 else message["status"]
                message = {**message, "status": status, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_media)
