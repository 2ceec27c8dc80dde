"""How much of the machine other people's processes used while we measured (the bench shares 2 CPUs)."""

from __future__ import annotations

import time
from typing import Any

import psutil


def _busy(times: Any) -> float:
    return float(times.user + times.nice + times.system + getattr(times, "irq", 0) + getattr(times, "softirq", 0))


def _ours() -> dict[int, float]:
    """CPU seconds of this process and every live descendant (PostgreSQL backends, the broker)."""
    found: dict[int, float] = {}
    me = psutil.Process()
    for process in [me, *me.children(recursive=True)]:
        try:
            t = process.cpu_times()
            found[process.pid] = t.user + t.system
        except psutil.Error:
            continue
    return found


class CpuWatch:
    def __init__(self) -> None:
        self._wall = time.perf_counter()
        self._system = _busy(psutil.cpu_times())
        self._ours = _ours()
        self.result: dict[str, float] = {}

    def stop(self) -> dict[str, float]:
        wall = time.perf_counter() - self._wall
        system = _busy(psutil.cpu_times()) - self._system
        ours = sum(t - self._ours.get(pid, 0.0) for pid, t in _ours().items())
        capacity = wall * (psutil.cpu_count() or 1)
        self.result = {
            "wall_seconds": round(wall, 1),
            "cpu_used_by_this_benchmark": round(ours / capacity, 3),
            "cpu_used_by_other_processes": round(max(system - ours, 0.0) / capacity, 3),
        }
        return self.result
