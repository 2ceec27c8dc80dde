"""Real service processes on the session's PostgreSQL and broker, which a fault test may kill and restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import pytest
from service_core.embedded.errors import free_port
from service_core.embedded.welcome import dev_token
from service_core.testing.backends import Backend


@dataclass
class ServiceProcess:
    module: str
    database_url: str
    bootstrap_servers: str
    log_dir: Path
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ,
            "MIEUX_DATABASE_URL": self.database_url,
            "MIEUX_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "MIEUX_HTTP_PORT": str(self.port),
            "MIEUX_BROKER_CHECK_INTERVAL_S": "0.5",
            **self.extra_env,
        }
        log = (self.log_dir / f"{self.module}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.module, "all"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.log_dir / f"{self.module}.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"{self.module} did not become ready")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no offset commits, transactions in flight roll back."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


class Services:
    """Starts service processes each on a fresh database of the session's cluster."""

    def __init__(self, backend: Backend, log_dir: Path) -> None:
        self.backend = backend
        self.log_dir = log_dir
        self.started: list[ServiceProcess] = []
        self.databases: list[str] = []

    async def start(self, module: str, bootstrap_servers: str | None = None, **extra_env: str) -> ServiceProcess:
        name = f"f_{module[:8]}_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(self.backend.admin_dsn)
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        self.databases.append(name)
        bootstrap = bootstrap_servers or self.backend.bootstrap_servers
        service = ServiceProcess(module, self.backend.dsn(name), bootstrap, self.log_dir, extra_env=extra_env)
        service.start()
        self.started.append(service)
        return service

    async def close(self) -> None:
        for service in self.started:
            service.stop()
        admin = await asyncpg.connect(self.backend.admin_dsn)
        try:
            for name in self.databases:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def services(backend: Backend, tmp_path: Path) -> AsyncIterator[Services]:
    started = Services(backend, tmp_path)
    yield started
    await started.close()


@pytest.fixture
async def manager() -> AsyncIterator[httpx.AsyncClient]:
    token = dev_token("programme_manager")
    async with httpx.AsyncClient(headers={"authorization": f"Bearer {token}"}, timeout=30) as client:
        yield client
