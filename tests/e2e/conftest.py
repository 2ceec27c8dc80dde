"""The dev stack as a user runs it (`python -m service_core.embedded run`), on free ports in a temp folder."""

from __future__ import annotations

import os
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from service_core.embedded.errors import free_port

READY_LINE = "Ctrl-C stops everything"
# Start-up with the demo takes about 100 s on a quiet 2-core machine; a loaded one needs more room than that.
STARTUP_TIMEOUT_S = 480


@dataclass
class LaunchedStack:
    home: Path
    pg_port: int
    kafka_port: int
    gateway_port: int
    service_port_base: int
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)
    _lines: queue.Queue[str | None] = field(default_factory=queue.Queue)

    @property
    def graphql_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}/graphql"

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    def service_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.service_port_base + index}"

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line is None:
                break
            self.output.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not seen; output so far:\n{''.join(self.output)}")

    def stop(self, timeout: float = 90) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self._drain()
            output = "".join(self.output)
            raise AssertionError(f"the stack did not stop in {timeout:.0f} s; its output:\n{output}") from None
        self._drain()
        return code

    def _drain(self) -> None:
        while (line := self._drain_one()) is not None:
            self.output.append(line)

    def _drain_one(self) -> str | None:
        try:
            return self._lines.get_nowait()
        except queue.Empty:
            return None

    def leftover_processes(self) -> list[str]:
        found = []
        for proc in psutil.process_iter(attrs=("cmdline", "environ")):
            cmdline = " ".join(proc.info.get("cmdline") or [])
            if str(self.home) in cmdline or f"127.0.0.1:{self.kafka_port}" in cmdline:
                found.append(cmdline)
        return found


def free_port_block(size: int) -> int:
    """The first of `size` consecutive free ports (the stack numbers its services from a base port)."""
    rng = random.Random()
    for _ in range(200):
        base = rng.randrange(20000, 60000)
        sockets = []
        try:
            for port in range(base, base + size):
                probe = socket.socket()
                sockets.append(probe)
                probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for probe in sockets:
                probe.close()
    raise RuntimeError("no block of free ports found")


def launch(
    home: Path, *, pg_port: int | None = None, kafka_port: int | None = None, env: dict[str, str] | None = None
) -> LaunchedStack:
    stack_ports = {
        "pg_port": pg_port or free_port(),
        "kafka_port": kafka_port or free_port(),
        "gateway_port": free_port(),
        "service_port_base": free_port_block(4),
    }
    env = {
        **os.environ,
        "MIEUX_HOME": str(home),
        "MIEUX_DEV_PG_PORT": str(stack_ports["pg_port"]),
        "MIEUX_DEV_KAFKA_PORT": str(stack_ports["kafka_port"]),
        "MIEUX_DEV_GATEWAY_PORT": str(stack_ports["gateway_port"]),
        "MIEUX_DEV_SERVICE_PORT_BASE": str(stack_ports["service_port_base"]),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "service_core.embedded", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    stack = LaunchedStack(home=home, process=process, **stack_ports)

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            stack._lines.put(line)
        stack._lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return stack


@pytest.fixture(scope="session")
def running_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LaunchedStack]:
    """The whole system, started once for the e2e scenarios."""
    stack = launch(tmp_path_factory.mktemp("stack"))
    try:
        stack.wait_for(READY_LINE, timeout=STARTUP_TIMEOUT_S)
        yield stack
    finally:
        if stack.process.poll() is None:
            stack.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts a stack may wait STARTUP_TIMEOUT_S for it: more than the suite's default timeout."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.timeout(STARTUP_TIMEOUT_S + 300))
