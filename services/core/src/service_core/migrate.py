"""Numbered SQL migrations: the core's first, then the service's; each applied once, under a lock."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources

import asyncpg

log = logging.getLogger(__name__)
_LOCK_KEY = 7_271_001  # one advisory lock id for migrations, so two starting processes don't race


@dataclass(frozen=True, slots=True)
class Migration:
    id: str
    sql: str


def migrations_in(package: str) -> list[Migration]:
    """The `NNN_name.sql` files of a package's `migrations` folder, in number order."""
    folder = resources.files(package) / "migrations"
    found = [entry for entry in folder.iterdir() if entry.name.endswith(".sql")]
    prefix = package.split(".")[0]
    return [Migration(f"{prefix}/{entry.name}", entry.read_text()) for entry in sorted(found, key=lambda e: e.name)]


def core_migrations() -> list[Migration]:
    return migrations_in("service_core")


async def apply_migrations(connection: asyncpg.Connection, migrations: list[Migration]) -> list[str]:
    """Apply the ones not yet recorded; return the ids applied now."""
    await connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz DEFAULT now())"
    )
    applied_now: list[str] = []
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_KEY)
        done = {row["id"] for row in await connection.fetch("SELECT id FROM schema_migrations")}
        for migration in migrations:
            if migration.id in done:
                continue
            await connection.execute(migration.sql)
            await connection.execute("INSERT INTO schema_migrations (id) VALUES ($1)", migration.id)
            applied_now.append(migration.id)
            log.info("migration applied", extra={"migration": migration.id})
    return applied_now


async def migrate(dsn: str, service_package: str | None = None) -> list[str]:
    migrations = core_migrations() + (migrations_in(service_package) if service_package else [])
    connection = await asyncpg.connect(dsn)
    try:
        return await apply_migrations(connection, migrations)
    finally:
        await connection.close()
