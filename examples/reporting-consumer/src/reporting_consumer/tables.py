"""The consumer's own PostgreSQL tables: every event it accepted, what it refused, where it is in each
partition, and the few read models the report needs. One transaction per batch of a partition holds the
rows and the offset together, so a restart neither loses nor doubles anything."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import asyncpg

SCHEMA = """
CREATE TABLE IF NOT EXISTS received_events (
    ce_id text PRIMARY KEY, ce_type text NOT NULL, subject text NOT NULL, occurred_at timestamptz NOT NULL,
    classification text, topic text NOT NULL, partition int NOT NULL, "offset" bigint NOT NULL, data jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS refused_records (
    topic text NOT NULL, partition int NOT NULL, "offset" bigint NOT NULL, reason text NOT NULL,
    PRIMARY KEY (topic, partition, "offset")
);
CREATE TABLE IF NOT EXISTS partition_positions (
    topic text NOT NULL, partition int NOT NULL, next_offset bigint NOT NULL, PRIMARY KEY (topic, partition)
);
CREATE TABLE IF NOT EXISTS report_requests (request_id text PRIMARY KEY, region text NOT NULL, received_on date NOT NULL);
CREATE TABLE IF NOT EXISTS report_actions (
    action_id text PRIMARY KEY, region text NOT NULL, phase text NOT NULL, completed_on date
);
CREATE TABLE IF NOT EXISTS report_experts (expert_id text PRIMARY KEY, category text NOT NULL);
CREATE TABLE IF NOT EXISTS report_deployments (
    deployment_id text PRIMARY KEY, expert_id text NOT NULL, category text NOT NULL, completed_on date NOT NULL
);
"""


async def create(pool: asyncpg.Pool) -> None:
    await pool.execute(SCHEMA)


async def positions(pool: asyncpg.Pool) -> dict[tuple[str, int], int]:
    rows = await pool.fetch("SELECT topic, partition, next_offset FROM partition_positions")
    return {(row["topic"], row["partition"]): row["next_offset"] for row in rows}


async def save_position(conn: asyncpg.Connection, topic: str, partition: int, next_offset: int) -> None:
    await conn.execute(
        """INSERT INTO partition_positions (topic, partition, next_offset) VALUES ($1, $2, $3)
           ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset""",
        topic,
        partition,
        next_offset,
    )


async def refuse(conn: asyncpg.Connection, topic: str, partition: int, offset: int, reason: str) -> None:
    await conn.execute(
        "INSERT INTO refused_records VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", topic, partition, offset, reason
    )


async def accept(conn: asyncpg.Connection, event: dict[str, Any], name: str, data: dict[str, Any]) -> None:
    """Land the event once (by ce_id) and update the read model its type feeds."""
    landed = await conn.fetchval(
        """INSERT INTO received_events VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
           ON CONFLICT (ce_id) DO NOTHING RETURNING true""",
        event["id"],
        event["type"],
        event["subject"],
        event["time"],
        event["classification"],
        event["topic"],
        event["partition"],
        event["offset"],
        json.dumps(data),
    )
    if landed:
        await _project(conn, name, data)


async def _project(conn: asyncpg.Connection, name: str, data: dict[str, Any]) -> None:
    if name == "RequestSubmitted":
        await conn.execute(
            "INSERT INTO report_requests VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            data["request_id"],
            data["region"],
            date.fromisoformat(data["received_on"]),
        )
    elif name == "ActionOpened":
        await conn.execute(
            "INSERT INTO report_actions (action_id, region, phase) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            data["action_id"],
            data["region"],
            data["phase"],
        )
    elif name == "ActionCompleted":
        await conn.execute(
            """INSERT INTO report_actions VALUES ($1, $2, $3, $4)
               ON CONFLICT (action_id) DO UPDATE SET region = $2, phase = $3, completed_on = $4""",
            data["action_id"],
            data["region"],
            data["phase"],
            date.fromisoformat(data["completed_on"]),
        )
    elif name in ("ExpertRegistered", "ExpertProfileUpdated"):
        await conn.execute(
            """INSERT INTO report_experts VALUES ($1, $2)
               ON CONFLICT (expert_id) DO UPDATE SET category = EXCLUDED.category""",
            data["expert_id"],
            data["profile"]["category"],
        )
    elif name == "DeploymentCompleted":
        await conn.execute(
            "INSERT INTO report_deployments VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            data["deployment_id"],
            data["expert_id"],
            data["category"],
            date.fromisoformat(data["completed_on"]),
        )
