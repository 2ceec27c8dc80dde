"""A background task that fails is logged at ERROR, restarted with backoff, and reported by readiness meanwhile."""

from __future__ import annotations

import asyncio
import logging

import pytest
from service_core.failures import Backoff
from service_core.supervisor import Supervised, TaskProblem, readiness_of
from service_core.testing.waiting import until


class CrashesTwice:
    name = "consumer"

    def __init__(self) -> None:
        self.starts = 0
        self.release = asyncio.Event()
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        self.starts += 1
        if self.starts <= 2:
            await self.release.wait()
            raise ValueError(f"poison {self.starts}")
        await self._stopping.wait()

    def stop(self) -> None:
        self._stopping.set()


async def test_a_failing_task_is_restarted_and_readiness_is_red_until_it_stays_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    worker = CrashesTwice()
    supervised = Supervised(worker, stable_after=0.3, backoff=Backoff(initial=0.05, cap=0.1))
    ready = readiness_of(lambda: [supervised])
    task = asyncio.create_task(supervised.run())
    try:
        await until(lambda: _started(worker, 1))
        await ready()  # running: ready
        with caplog.at_level(logging.ERROR):
            worker.release.set()
            await until(lambda: _started(worker, 3))
        with pytest.raises(TaskProblem, match=r"consumer: down since .*ValueError: poison 2"):
            await ready()  # restarted, not yet stable
        await until(lambda: _ready(ready), timeout=5.0)
    finally:
        supervised.stop()
        await task
    assert supervised.restarts == 2
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.error for r in errors] == ["ValueError: poison 1", "ValueError: poison 2"]  # type: ignore[attr-defined]
    assert all(r.exc_info for r in errors)


async def test_a_task_that_returns_on_its_own_counts_as_a_failure() -> None:
    class ReturnsAtOnce:
        name = "relay"
        runs = 0

        async def run(self) -> None:
            self.runs += 1

        def stop(self) -> None:
            pass

    worker = ReturnsAtOnce()
    supervised = Supervised(worker, stable_after=0.2, backoff=Backoff(initial=0.01, cap=0.01))
    task = asyncio.create_task(supervised.run())
    try:
        await until(lambda: _runs(worker, 3))
        assert "returned without being asked to stop" in (supervised.problem() or "")
    finally:
        supervised.stop()
        await task


async def _started(worker: CrashesTwice, starts: int) -> bool:
    await asyncio.sleep(0)
    return worker.starts >= starts


async def _runs(worker: object, runs: int) -> bool:
    return int(getattr(worker, "runs", 0)) >= runs


async def _ready(check: object) -> bool:
    try:
        await check()  # type: ignore[operator]
    except TaskProblem:
        return False
    return True
