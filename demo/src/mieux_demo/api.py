"""The services' HTTP APIs as the loader uses them: bounded concurrency, retries, waiting for propagation."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import httpx
from contracts.services import SERVICE_LIST

DEFAULT_URLS = {s.name: s.port for s in SERVICE_LIST}
TRANSIENT = {"CONCURRENT_MODIFICATION", "INTERNAL"}


class LoadError(RuntimeError):
    pass


def service_urls() -> dict[str, str]:
    """MIEUX_<SERVICE>_URL, else http://127.0.0.1:<default port>."""
    return {
        name: os.environ.get(f"MIEUX_{name.upper()}_URL", f"http://127.0.0.1:{port}").rstrip("/")
        for name, port in DEFAULT_URLS.items()
    }


@dataclass
class Api:
    """One client for the four services; at most `limit` requests in flight at once."""

    client: httpx.AsyncClient
    urls: dict[str, str]
    limit: asyncio.Semaphore
    calls: Counter[str] = field(default_factory=Counter)

    async def call(
        self, service: str, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        """One call; transport errors, 5xx and lost races are retried (a few times, with a pause)."""
        for attempt in range(8):
            try:
                async with self.limit:
                    answer = await self.client.request(method, self.urls[service] + path, json=body, params=params)
                self.calls[service] += 1
            except httpx.TransportError:
                await asyncio.sleep(0.2 * (attempt + 1))
                continue
            found = answer.json() if answer.content else None
            if answer.status_code >= 500 or error_code(found) in TRANSIENT:
                await asyncio.sleep(0.1 * (attempt + 1))
                continue
            return answer.status_code, found
        raise LoadError(f"{method} {service}{path}: no answer after retries")

    async def ok(
        self, service: str, method: str, path: str, body: Any = None, *, accept: Collection[int] = (200, 201)
    ) -> Any:
        status, found = await self.call(service, method, path, body)
        if status not in accept:
            raise LoadError(f"{method} {service}{path} -> {status}: {found}")
        return found

    async def until(
        self, service: str, method: str, path: str, body: Any = None, *, waiting_for: Collection[str],
        timeout: float = 120.0,
    ) -> Any:  # fmt: skip
        """Retry while the answer's error code is one of `waiting_for` (another service has not caught up)."""
        deadline = time.monotonic() + timeout
        pause = 0.2
        while True:
            status, found = await self.call(service, method, path, body)
            if status in (200, 201):
                return found
            if error_code(found) not in waiting_for or time.monotonic() > deadline:
                raise LoadError(f"{method} {service}{path} -> {status}: {found}")
            await asyncio.sleep(pause)
            pause = min(pause * 1.5, 2.0)

    async def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        for service, url in self.urls.items():
            while True:
                try:
                    if (await self.client.get(url + "/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise LoadError(f"the {service} service does not answer at {url}")
                await asyncio.sleep(0.5)


def error_code(found: Any) -> str | None:
    if isinstance(found, dict) and isinstance(found.get("error"), dict):
        code = found["error"].get("code")
        return str(code) if code is not None else None
    return None
