"""HTTP helpers for the services' tests: development tokens as headers, and a client on an app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from service_core.auth import issue_token
from service_core.settings import DEV_JWT_SECRET

Auth = Callable[..., dict[str, str]]


def bearer(
    role: str, region: str | None = None, authority_id: str | None = None, expert_id: str | None = None
) -> dict[str, str]:
    """`bearer("regional_coordinator", region="ASIA")` -> Authorization headers of a development token."""
    token = issue_token(
        DEV_JWT_SECRET,
        sub=f"test-{role}",
        roles=[role],
        region=region,
        authority_id=authority_id,
        expert_id=expert_id,
    )
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def app_client(app: FastAPI, base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on `app` in-process, with the app's lifespan entered."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
            yield http
