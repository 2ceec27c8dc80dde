"""Request hygiene for every service: what is refused before a route (or PostgreSQL) sees it.

Pure ASGI middleware, so a refusal costs one pass over the bytes and never reaches FastAPI's parser:
headers too large (431), a body too large (413), a JSON body that is not an object, not JSON or nested too
deep (400), and text PostgreSQL cannot store or a reader would be misled by (NUL and the other C0 control
characters except tab, line feed and carriage return, DEL, lone surrogates) in a JSON string, a JSON key, a
query parameter or the path (422, naming the field).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service_core.errors import error_body

log = logging.getLogger(__name__)

# C0 controls but \t \n \r, DEL, and UTF-16 surrogates (only reachable as lone "\ud800" escapes in JSON).
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
JSON_CONTENT_TYPES = ("application/json", "+json")
# uvicorn's h11 buffer for one request head: above it uvicorn answers a bare 400, so it is kept well above
# `max_header_bytes` for the headers in between to get the 431 with a code from here.
SERVER_HEADER_BUFFER_BYTES = 1024 * 1024
# How long an idle kept-alive connection stays open: longer than any client keeps one idle (httpx 5 s, load
# balancers 60 s), so a client never sends on a connection the server is closing at that moment.
SERVER_KEEP_ALIVE_S = 75


def server_config(app: Any, host: str, port: int, **overrides: Any) -> uvicorn.Config:
    """uvicorn as every process of ours serves: no access log (ours logs requests), the head buffer and the
    keep-alive above; `overrides` for what one server needs more (the gateway's websockets)."""
    settings: dict[str, Any] = {
        "log_config": None,
        "access_log": False,
        "h11_max_incomplete_event_size": SERVER_HEADER_BUFFER_BYTES,
        "timeout_keep_alive": SERVER_KEEP_ALIVE_S,
    }
    return uvicorn.Config(app, host=host, port=port, **(settings | overrides))


@dataclass(frozen=True, slots=True)
class RequestLimits:
    # the largest legitimate body, a feedback batch of 500 responses with 4,000-character comments, is ~2.1 MB
    max_body_bytes: int = 4 * 1024 * 1024
    max_header_bytes: int = 16 * 1024
    max_json_depth: int = 32  # the deepest body any service accepts is 4 levels


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    code: str
    message: str
    field: str | None = None

    def response(self) -> JSONResponse:
        return JSONResponse(error_body(self.code, self.message, self.field), status_code=self.status)


def text_refusal(value: str, field: str) -> Refusal | None:
    """A 422 when `value` holds a character no MIEUX text may hold."""
    found = FORBIDDEN_CHARACTERS.search(value)
    if found is None:
        return None
    return Refusal(
        422,
        "INVALID_CHARACTER",
        f"{field or 'value'}: control character or lone surrogate U+{ord(found.group()):04X} is not allowed",
        field,
    )


def header_refusal(scope: Scope, limits: RequestLimits) -> Refusal | None:
    size = sum(len(name) + len(value) for name, value in scope["headers"])
    if size > limits.max_header_bytes:
        return Refusal(
            431, "HEADERS_TOO_LARGE", f"request headers are {size} bytes, the limit is {limits.max_header_bytes}"
        )
    return None


def address_refusal(scope: Scope) -> Refusal | None:
    """The decoded path and query parameters carry no forbidden character (they end up in SQL parameters)."""
    if refusal := text_refusal(scope["path"], "path"):
        return refusal
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if refusal := text_refusal(name, "query") or text_refusal(value, name):
            return refusal
    return None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def json_refusal(body: bytes, limits: RequestLimits) -> Refusal | None:
    """The body is one JSON object, at most `max_json_depth` deep, whose keys and strings are clean text."""
    try:
        document = json.loads(body, parse_constant=_refuse_constant)
    except RecursionError:
        return Refusal(400, "JSON_TOO_DEEP", f"the body nests deeper than {limits.max_json_depth} levels")
    except ValueError as exc:  # JSONDecodeError, bad UTF-8, NaN/Infinity, an integer of more than 4,300 digits
        return Refusal(400, "INVALID_JSON", f"the body is not valid JSON: {exc}")
    if not isinstance(document, dict):
        return Refusal(400, "JSON_NOT_OBJECT", f"the body must be a JSON object, not {type(document).__name__}")
    pending: list[tuple[Any, str, int]] = [(document, "", 1)]
    while pending:  # iterative: a deep document must not exhaust the stack here either
        value, path, depth = pending.pop()
        if isinstance(value, str):
            if refusal := text_refusal(value, path):
                return refusal
            continue
        if isinstance(value, dict | list) and depth > limits.max_json_depth:
            return Refusal(400, "JSON_TOO_DEEP", f"the body nests deeper than {limits.max_json_depth} levels", path)
        if isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else key
                if refusal := text_refusal(key, child):
                    return refusal
                pending.append((item, child, depth + 1))
        elif isinstance(value, list):
            pending.extend((item, f"{path}.{index}", depth + 1) for index, item in enumerate(value))
    return None


def is_json(scope: Scope) -> bool:
    """FastAPI parses a body as JSON when the content type says so or is missing."""
    content_type = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"content-type"), "")
    media_type = content_type.split(";")[0].strip().lower()
    return not media_type or media_type.endswith(JSON_CONTENT_TYPES)


class RequestHygiene:
    """Refuses oversized, malformed or unstorable requests before the application sees them."""

    def __init__(self, app: ASGIApp, limits: RequestLimits | None = None) -> None:
        self.app = app
        self.limits = limits or RequestLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = header_refusal(scope, self.limits) or address_refusal(scope)
        body = b""
        if refusal is None:
            body, refusal = await self._read_body(scope, receive)
        if refusal is None and body and is_json(scope):
            refusal = json_refusal(body, self.limits)
        if refusal is not None:
            log.info(
                "request refused",
                extra={"status": refusal.status, "code": refusal.code, "field": refusal.field, "path": scope["path"]},
            )
            await refusal.response()(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, scope: Scope, receive: Receive) -> tuple[bytes, Refusal | None]:
        limit = self.limits.max_body_bytes
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return b"", _too_large(int(declared), limit)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: nothing to answer
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return b"", _too_large(size, limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks), None


def _too_large(size: int, limit: int) -> Refusal:
    return Refusal(413, "BODY_TOO_LARGE", f"the body is {size}+ bytes, the limit is {limit}")


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read once, handed to the application as one message; later calls go to the client."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
