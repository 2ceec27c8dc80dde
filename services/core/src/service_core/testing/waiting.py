"""Waiting in tests for something that happens in the background (a consumer, a relay)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


async def until(condition: Callable[[], Awaitable[bool]], timeout: float = 30.0, interval: float = 0.05) -> None:
    """Poll `condition` every `interval` seconds; fail the test if it is not true within `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(interval)
