"""HTTP request hygiene in front of the graph, before anything parses the request: header size (431), body
size (413), and a JSON body that is an object nested at most `max_json_depth` deep (400). Python's json module
recurses, so a body is measured without parsing it first; every refusal carries a code."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from graphql import GraphQLError
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = [0] * 256
for _open in b"[{":
    _STEP[_open] = 1
for _close in b"]}":
    _STEP[_close] = -1
# the members of a GraphQL-over-HTTP request and the JSON types they may have
_MEMBERS: dict[str, tuple[type, ...]] = {
    "query": (str,),
    "operationName": (str,),
    "variables": (dict,),
    "extensions": (dict,),
}


def json_depth(body: bytes) -> int:
    """How deep arrays and objects nest in a JSON text, outside strings; linear, no recursion."""
    brackets = _STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    return max(accumulate(_STEP[b] for b in brackets), default=0)


def refusal(status: int, code: str, message: str, **extensions: Any) -> JSONResponse:
    error = GraphQLError(message, extensions={"code": code, **extensions})
    return JSONResponse({"data": None, "errors": [error.formatted]}, status_code=status)


def body_problem(body: bytes, max_depth: int) -> JSONResponse | None:
    """Why a GraphQL POST body cannot be a GraphQL request, or None."""
    depth = json_depth(body)
    if depth > max_depth:
        return refusal(
            400,
            "JSON_TOO_DEEP",
            f"the JSON body nests {depth} levels; at most {max_depth} are accepted",
            measured=depth,
            limit=max_depth,
        )
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return refusal(400, "INVALID_JSON", "the body is not valid JSON (UTF-8)")
    if not isinstance(parsed, dict):
        return refusal(
            400,
            "BODY_NOT_AN_OBJECT",
            'the body must be a JSON object like {"query": "...", "variables": {...}}',
        )
    for member, types in _MEMBERS.items():
        value = parsed.get(member)
        if value is not None and not isinstance(value, types):
            kind = "a string" if types == (str,) else "an object"
            return refusal(400, "BAD_REQUEST", f"`{member}` must be {kind} or null", field=member)
    return None


class RequestHygiene:
    """ASGI middleware refusing oversized headers and bodies and malformed GraphQL bodies, with codes."""

    def __init__(self, app: ASGIApp, max_header_bytes: int, max_body_bytes: int, max_json_depth: int) -> None:
        self.app = app
        self.max_header_bytes = max_header_bytes
        self.max_body_bytes = max_body_bytes
        self.max_json_depth = max_json_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header_bytes = len(scope.get("raw_path") or b"") + sum(len(k) + len(v) + 4 for k, v in scope["headers"])
        if header_bytes > self.max_header_bytes:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1009})
                return
            response = refusal(
                431,
                "HEADERS_TOO_LARGE",
                f"the request line and headers have {header_bytes} bytes; at most {self.max_header_bytes}",
                measured=header_bytes,
                limit=self.max_header_bytes,
            )
            await response(scope, receive, send)
            return
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        body = await self._body(scope, receive)
        if isinstance(body, JSONResponse):
            await body(scope, receive, send)
            return
        if scope["path"].rstrip("/") == "/graphql" and (problem := body_problem(body, self.max_json_depth)):
            await problem(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _body(self, scope: Scope, receive: Receive) -> bytes | JSONResponse:
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return self._too_large(int(declared))
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return self._too_large(size)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _too_large(self, size: int) -> JSONResponse:
        return refusal(
            413,
            "BODY_TOO_LARGE",
            f"the body has at least {size} bytes; at most {self.max_body_bytes}",
            measured=size,
            limit=self.max_body_bytes,
        )


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read once, handed to the app as if it arrived now; later receives go to the client."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
