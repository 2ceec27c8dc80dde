"""Supervision of a process's background tasks (relay, consumer, a service's own workers).

A task that fails is logged at ERROR with its cause and started again after a capped exponential backoff;
while it is down, or has just been restarted and not yet stayed up, readiness reports it with the reason,
so an orchestrator's probes act instead of a service looking healthy with its consumer dead.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from service_core.failures import Backoff, pause

log = logging.getLogger(__name__)


class Worker(Protocol):
    name: str

    async def run(self) -> None: ...

    def stop(self) -> None: ...


@dataclass
class Supervised:
    worker: Worker
    stable_after: float = 2.0  # a restarted task counts as up once it has run this long
    backoff: Backoff = field(default_factory=lambda: Backoff(initial=0.5, cap=30.0))
    restarts: int = 0
    down_reason: str | None = None
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def name(self) -> str:
        return self.worker.name

    def problem(self) -> str | None:
        """Why this task is not doing its work (None: it is): down, or the worker's own complaint."""
        if self.down_reason is not None:
            return self.down_reason
        complaint: Callable[[], str | None] | None = getattr(self.worker, "problem", None)
        return complaint() if complaint is not None else None

    async def run(self) -> None:
        while not self._stopping.is_set():
            task = asyncio.create_task(self.worker.run(), name=self.name)
            try:
                if self.down_reason is not None:
                    done, _ = await asyncio.wait({task}, timeout=self.stable_after)
                    if not done:
                        self.down_reason = None
                        self.backoff.reset()
                await task
            except asyncio.CancelledError:
                task.cancel()
                raise
            except Exception as exc:
                self._crashed(f"{type(exc).__name__}: {exc}", exc)
            else:
                if self._stopping.is_set():
                    return
                self._crashed("returned without being asked to stop", None)
            delay = self.backoff.next()
            self.down_reason = f"{self.down_reason}; restarting in {delay:.1f} s"
            await self._sleep(delay)

    def _crashed(self, reason: str, exc: BaseException | None) -> None:
        self.restarts += 1
        self.down_reason = f"down since {time.strftime('%H:%M:%S')}: {reason}"[:300]
        log.error(
            "background task failed; restarting it",
            exc_info=exc,
            extra={"task": self.name, "error": reason[:500], "restarts": self.restarts},
        )

    async def _sleep(self, seconds: float) -> None:
        await pause(self._stopping, seconds)

    def stop(self) -> None:
        self._stopping.set()
        self.worker.stop()


class TaskProblem(Exception):
    """Raised by the readiness check of a supervised task that is not doing its work."""


def readiness_of(tasks: Callable[[], list[Supervised]]) -> Callable[[], Awaitable[None]]:
    async def check() -> None:
        problems = [f"{t.name}: {p}" for t in tasks() if (p := t.problem()) is not None]
        if problems:
            raise TaskProblem("; ".join(problems))

    return check
