"""pytest plugin (loaded from the root pyproject): one backend per test session, a fresh database per test."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import asyncpg
import httpx
import pytest

from service_core.embedded import EmbeddedBroker
from service_core.embedded.errors import free_port
from service_core.migrate import Migration, apply_migrations, core_migrations, migrations_in
from service_core.store.postgres import create_pool
from service_core.testing.backends import BACKENDS, STOP_ON_TERMINATION, Backend, selected_backend
from service_core.testing.http import app_client

if TYPE_CHECKING:
    from service_core.runtime import ServiceDefinition


@pytest.fixture(scope="session")
def backend() -> Iterator[Backend]:
    with BACKENDS[selected_backend()]() as found:
        yield found


class DatabaseFactory:
    """Creates uniquely named databases migrated with the core's (and optionally a service's) SQL."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.created: list[str] = []

    async def create(self, migrations: list[Migration] | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = await asyncpg.connect(self.backend.admin_dsn)
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        self.created.append(name)
        dsn = self.backend.dsn(name)
        conn = await asyncpg.connect(dsn)
        try:
            await apply_migrations(conn, core_migrations() + (migrations or []))
        finally:
            await conn.close()
        return dsn

    async def drop_all(self) -> None:
        admin = await asyncpg.connect(self.backend.admin_dsn)
        try:
            for name in self.created:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def databases(backend: Backend) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(backend)
    yield factory
    await factory.drop_all()


@pytest.fixture
async def database(databases: DatabaseFactory) -> str:
    """DSN of a fresh database holding the core tables."""
    return await databases.create()


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(database, min_size=1, max_size=20)
    yield created
    await created.close()


@pytest.fixture
def service_definition() -> ServiceDefinition:
    """The service under test: a service's conftest overrides this, and gets the fixtures below."""
    raise pytest.UsageError("define a `service_definition` fixture in the service's conftest")


@pytest.fixture
async def service_database(databases: DatabaseFactory, service_definition: ServiceDefinition) -> str:
    """DSN of a fresh database with the core's and the service's tables."""
    return await databases.create(migrations_in(service_definition.package))


@pytest.fixture
async def service_pool(service_database: str) -> AsyncIterator[asyncpg.Pool]:
    created = await create_pool(service_database, min_size=1, max_size=20)
    yield created
    await created.close()


@pytest.fixture
def service_overrides() -> dict[Callable[..., Any], Callable[..., Any]]:
    """FastAPI dependency overrides for `client` (a fixed `today`, say)."""
    return {}


@pytest.fixture
async def client(
    service_database: str,
    backend: Backend,
    service_definition: ServiceDefinition,
    service_overrides: dict[Callable[..., Any], Callable[..., Any]],
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the service's app (lifespan entered, no relay, no consumer)."""
    from service_core.runtime import build_app  # the web stack, only for the tests that serve

    definition = service_definition
    settings = definition.settings_class(
        database_url=service_database, kafka_bootstrap_servers=backend.bootstrap_servers
    )
    app = build_app(definition, settings, relay=False, consume=False)
    app.dependency_overrides.update(service_overrides)
    async with app_client(app, f"http://{definition.name}") as http:
        yield http


@pytest.fixture
def topic() -> str:
    """A topic name no other test uses."""
    return f"test.{uuid.uuid4().hex[:10]}.v1"


@pytest.fixture
def private_broker(tmp_path: Path) -> Iterator[EmbeddedBroker]:
    """A broker of the test's own, which it may kill and restart (empty) without disturbing others."""
    broker = EmbeddedBroker(free_port(), tmp_path / "broker.log")
    broker.start()
    yield broker
    broker.stop()


# whole suites that start the stack, and tests that start a process of their own (seconds each)
_NEVER_FAST = (
    "tests/e2e", "tests/faults", "tests/deploy", "tests/fuzz", "tests/performance",
    "gateway/tests/test_production_start.py", "test_the_embedded_postgres_runs_from_a_private_folder",
)  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    """A CI time limit or `kill` sends SIGTERM, which would end the run at once and leave the session's embedded
    PostgreSQL and broker running: stop them first."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    """Stop what the session started, then end as SIGTERM would have. Nothing is raised into the code that was
    running: a KeyboardInterrupt raised inside the database driver's callback once crashed the interpreter."""
    for stop in reversed(STOP_ON_TERMINATION):
        with contextlib.suppress(Exception):
            stop()
    os._exit(128 + signum)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `fast` every test that needs neither PostgreSQL nor the broker (no `backend` fixture in its closure):
    the pure domain tests and those on the in-memory twin; `make test-fast` runs just these."""
    for item in items:
        needs_infrastructure = "backend" in getattr(item, "fixturenames", ())
        if not needs_infrastructure and not any(part in item.nodeid for part in _NEVER_FAST):
            item.add_marker(pytest.mark.fast)
