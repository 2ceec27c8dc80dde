"""The whole system for the dashboard measurements: `python -m service_core.embedded run` on free ports.

Started as a user starts it (tests/e2e/conftest.py does the same), in a temporary MIEUX_HOME, with the demo
portfolio loaded by the launcher itself (copy 1); more copies are loaded with `python -m mieux_demo --copy K`.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from contracts.topics import SERVICES
from service_core.embedded.errors import free_port

READY_LINE = "Ctrl-C stops everything"
DONE = re.compile(r"\[demo\] done in ([0-9.]+) s")
ROOT = Path(__file__).resolve().parents[2]


def _free_block(size: int) -> int:
    """The first of `size` consecutive free ports (the launcher numbers the services from a base port)."""
    for _ in range(200):
        base = free_port()
        if base + size > 65535:
            continue
        probes: list[socket.socket] = []
        try:
            for port in range(base, base + size):
                probe = socket.socket()
                probes.append(probe)
                probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError("no block of free ports found")


@dataclass
class FullStack:
    home: Path
    gateway_port: int
    service_port_base: int
    process: subprocess.Popen[str]
    pg_port: int = 0
    kafka_port: int = 0
    output: list[str] = field(default_factory=list)
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)
    demo_seconds: float | None = None

    @property
    def graphql_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}/graphql"

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/{database}"

    def service_urls(self) -> dict[str, str]:
        return {
            f"MIEUX_{name.upper()}_URL": f"http://127.0.0.1:{self.service_port_base + i}"
            for i, name in enumerate(SERVICES)
        }

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line is None:
                break
            self.output.append(line)
            if found := DONE.search(line):
                self.demo_seconds = float(found.group(1))
            if "[demo] failed" in line or "demo loader failed" in line:
                raise RuntimeError(f"the demo portfolio did not load:\n{''.join(self.output[-30:])}")
            if READY_LINE in line:
                return
        raise RuntimeError(f"the stack did not start in {timeout:.0f} s:\n{''.join(self.output[-30:])}")

    def stop(self, timeout: float = 90) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def full_stack(timeout: float = 420, *, demo: bool = True) -> Iterator[FullStack]:
    """The launcher with the demo portfolio loaded (its own load time in `demo_seconds`), or empty with
    `demo=False`; stopped on exit."""
    home = Path(tempfile.mkdtemp(prefix="mieux-bench-dashboard-"))
    gateway_port, base, pg_port = free_port(), _free_block(len(SERVICES)), free_port()
    env = {
        **os.environ,
        "MIEUX_HOME": str(home),
        "MIEUX_DEV_PG_PORT": str(pg_port),
        "MIEUX_DEV_KAFKA_PORT": str(free_port()),
        "MIEUX_DEV_GATEWAY_PORT": str(gateway_port),
        "MIEUX_DEV_SERVICE_PORT_BASE": str(base),
        "MIEUX_DEMO": "1" if demo else "0",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "service_core.embedded", "run"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    stack = FullStack(home, gateway_port, base, process, pg_port, int(env["MIEUX_DEV_KAFKA_PORT"]))

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            stack.lines.put(line)
        stack.lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        stack.wait_ready(timeout)
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(home, ignore_errors=True)


def load_copy(stack: FullStack, number: int) -> subprocess.Popen[str]:
    """Start `python -m mieux_demo --copy NUMBER` against the stack's services (output captured)."""
    return subprocess.Popen(
        [sys.executable, "-m", "mieux_demo", "--copy", str(number)],
        env={**os.environ, **stack.service_urls(), "PYTHONUNBUFFERED": "1"},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def load_copies(stack: FullStack, wanted: int, budget_s: float, parallel: int = 2, start: int = 1) -> tuple[int, float]:
    """Copies start+1..`wanted`, `parallel` at a time; a new batch starts only if the last one's time still fits.

    Returns (copies loaded in all, including copy 1; seconds spent). A started batch is always finished, so
    the portfolio is always a whole number of copies.
    """
    started = time.monotonic()
    loaded, last_batch = start, 0.0
    while loaded < wanted:
        spent = time.monotonic() - started
        if loaded > start and spent + last_batch * 1.05 > budget_s:
            break
        batch = list(range(loaded + 1, min(loaded + parallel, wanted) + 1))
        began = time.monotonic()
        loaders = [(n, load_copy(stack, n)) for n in batch]
        try:
            for number, loader in loaders:
                out, _ = loader.communicate()
                if loader.returncode != 0:
                    raise RuntimeError(f"copy {number} of the demo portfolio did not load:\n{out[-3000:]}")
        finally:
            for _, loader in loaders:
                if loader.poll() is None:
                    loader.kill()
                    loader.wait()
        last_batch = time.monotonic() - began
        loaded = batch[-1]
        print(f"  copies {batch[0]}-{batch[-1]} loaded in {last_batch:.0f} s ({loaded} in all)", flush=True)
    return loaded, time.monotonic() - started


def wait_for_figures(url: str, token: str, expected: dict[str, int], timeout: float = 120) -> dict[str, int]:
    """Poll the dashboard until its headline counts are `expected` (projections catch up after a load)."""
    query = (
        "{ portfolio { requests { received } actions { completed } "
        "experts { registered { count } deployed { count } } } }"
    )
    deadline = time.monotonic() + timeout
    found: dict[str, int] = {}
    while True:
        answer = httpx.post(url, json={"query": query}, headers={"authorization": f"Bearer {token}"}, timeout=60)
        data = answer.json()["data"]["portfolio"]
        found = {
            "requests_received": data["requests"]["received"],
            "actions_completed": data["actions"]["completed"],
            "experts_registered": data["experts"]["registered"]["count"],
            "experts_deployed": data["experts"]["deployed"]["count"],
        }
        if found == expected or time.monotonic() > deadline:
            return found
        time.sleep(1.0)
