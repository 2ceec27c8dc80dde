"""The benchmark's own PostgreSQL and broker, and one freshly migrated database per measurement."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from service_core.embedded import EmbeddedBroker, EmbeddedPostgres
from service_core.embedded.errors import free_port
from service_core.migrate import apply_migrations, core_migrations
from service_core.testing.sample import COUNTER_TABLE


@dataclass(frozen=True)
class Stack:
    admin_dsn: str
    bootstrap_servers: str
    durable: bool

    def dsn(self, database: str) -> str:
        base, _, _ = self.admin_dsn.rpartition("/")
        return f"{base}/{database}"


@contextmanager
def embedded_stack(*, durable: bool) -> Iterator[Stack]:
    """One cluster and one broker shared by the subject and its baseline, so both see the same machine."""
    root = Path(tempfile.mkdtemp(prefix="mieux-bench-"))
    postgres = EmbeddedPostgres(root / "pgdata", free_port(), durable=durable)
    broker = EmbeddedBroker(free_port(), root / "broker.log")
    try:
        postgres.start()
        broker.start()
        yield Stack(postgres.dsn("postgres"), broker.bootstrap_servers, durable)
    finally:
        broker.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


async def create_database(stack: Stack, name: str) -> str:
    """A database with the core tables (events, inbox, relay_checkpoint) and the sample counter view."""
    admin = await asyncpg.connect(stack.admin_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    dsn = stack.dsn(name)
    conn = await asyncpg.connect(dsn)
    try:
        await apply_migrations(conn, core_migrations())
        await conn.execute(COUNTER_TABLE)
    finally:
        await conn.close()
    return dsn


async def server_version(stack: Stack) -> str:
    conn = await asyncpg.connect(stack.admin_dsn)
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()
