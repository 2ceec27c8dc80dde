"""HTTP clients for the services: connection reuse, one deadline per GraphQL request shared by every call and
retry, and retries only where the service cannot have seen the request (the connection was never made) or
where seeing it twice does no harm (a read the service closed the connection on without answering)."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from typing import Any

import httpx
import orjson
from service_core.observability import correlation_id_var, request_id_var, traceparent_var


class ServiceError(Exception):
    """A service refused the call with a 4xx and an error body: becomes a typed GraphQL error."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


class ServiceUnavailable(Exception):
    """The service did not answer (down, timing out, 5xx)."""

    def __init__(self, service: str, detail: str) -> None:
        super().__init__(f"the {service} service is unavailable: {detail}")
        self.service = service


class ServiceClient:
    """One per service per process; `calls` counts requests by path (the DataLoader test reads it).

    `deadline` (a `time.monotonic()` instant) bounds each call and its retries: a call is given what is left of
    it, never more than `timeout_s`, so a hung service cannot outlast the request."""

    def __init__(self, name: str, http: httpx.AsyncClient, read_retries: int = 2, timeout_s: float = 5.0) -> None:
        self.name = name
        self._http = http
        self._read_retries = read_retries
        self._timeout_s = timeout_s
        self.calls: Counter[str] = Counter()

    async def get(
        self, path: str, token: str, params: dict[str, Any] | None = None, deadline: float | None = None
    ) -> Any:
        return await self._send("GET", path, token, deadline, params=params, idempotent=True)

    async def read_batch(self, path: str, token: str, body: dict[str, Any], deadline: float | None = None) -> Any:
        """A POST that only reads (batch by ids): safe to retry."""
        return await self._send("POST", path, token, deadline, json=body, idempotent=True)

    async def command(
        self, path: str, token: str, body: dict[str, Any], method: str = "POST", deadline: float | None = None
    ) -> Any:
        return await self._send(method, path, token, deadline, json=body, idempotent=False)

    async def _send(
        self, method: str, path: str, token: str, deadline: float | None, *, idempotent: bool, **kwargs: Any
    ) -> Any:
        route = path.split("?")[0]
        if "//" in route or route.endswith("/"):  # an empty id: `segment` never writes a `/` itself
            raise ServiceError(404, "NOT_FOUND", "an empty id names nothing")
        self.calls[route] += 1
        attempts = 1 + (self._read_retries if idempotent else 0)
        for attempt in range(attempts):
            left = self._timeout_s if deadline is None else min(self._timeout_s, deadline - time.monotonic())
            if left <= 0:
                raise ServiceUnavailable(self.name, "the request's time budget is spent")
            try:
                response = await self._http.request(method, path, headers=forwarded(token), timeout=left, **kwargs)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # never reached it: a retry is safe
                pause = 0.05 * 2**attempt
                if attempt + 1 < attempts and (deadline is None or time.monotonic() + pause < deadline):
                    await asyncio.sleep(pause)
                    continue
                raise ServiceUnavailable(self.name, type(exc).__name__) from exc
            except httpx.RemoteProtocolError as exc:  # closed unanswered: a kept-alive connection it was closing
                if idempotent and attempt + 1 < attempts:
                    continue
                raise ServiceUnavailable(self.name, type(exc).__name__) from exc
            except httpx.TransportError as exc:  # read timeout, dropped answer: it may still be working on it
                raise ServiceUnavailable(self.name, type(exc).__name__) from exc
            if response.status_code >= 500:
                raise ServiceUnavailable(self.name, f"HTTP {response.status_code}")
            if response.status_code >= 400:
                raise _service_error(response)
            if response.status_code >= 300:  # a redirect: not the contract
                raise ServiceUnavailable(self.name, f"HTTP {response.status_code}")
            try:
                return decode_json(response.content)
            except ValueError as exc:
                raise ServiceUnavailable(self.name, "answered with a body that is not JSON") from exc
        raise ServiceUnavailable(self.name, "no attempt made")  # unreachable: attempts >= 1

    async def close(self) -> None:
        await self._http.aclose()


def decode_json(content: bytes) -> Any:
    """orjson first (a long list's answers are megabytes); what it refuses and json takes (NaN, Infinity) goes to
    json, which raises ValueError for what is not JSON at all."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return json.loads(content)


def forwarded(token: str) -> dict[str, str]:
    """What every service call carries: the caller's token, its request and correlation ids, and the trace
    (the httpx instrumentation replaces `traceparent` with its client span's when tracing is on)."""
    headers = {"authorization": f"Bearer {token}"}
    for name, value in (
        ("x-request-id", request_id_var.get()),
        ("x-correlation-id", correlation_id_var.get()),
        ("traceparent", traceparent_var.get()),
    ):
        if value:
            headers[name] = value
    return headers


def _service_error(response: httpx.Response) -> ServiceError:
    try:
        error = response.json().get("error") or {}
    except ValueError:
        error = {}
    return ServiceError(
        response.status_code,
        error.get("code") or f"HTTP_{response.status_code}",
        error.get("message") or response.text[:200],
        error.get("field"),
    )


def new_http_client(
    base_url: str, timeout_s: float, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout_s),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        transport=transport,
    )
