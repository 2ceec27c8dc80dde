"""A service session cannot hold a transaction open for long: that would hold back every relay on the cluster."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from service_core.store.postgres import create_pool


async def test_a_session_idle_in_a_transaction_is_ended_by_the_server(database: str) -> None:
    pool = await create_pool(
        database,
        session_limits={"idle_in_transaction_session_timeout": "300", "transaction_timeout": "60000"},
    )
    try:
        assert await pool.fetchval("SHOW idle_in_transaction_session_timeout") == "300ms"
        assert await pool.fetchval("SHOW transaction_timeout") == "1min"
        async with pool.acquire() as conn:
            transaction = conn.transaction()
            await transaction.start()
            await asyncio.sleep(1.0)
            with pytest.raises((asyncpg.PostgresError, asyncpg.InterfaceError)):
                await conn.fetchval("SELECT 1")
    finally:
        await pool.close()
