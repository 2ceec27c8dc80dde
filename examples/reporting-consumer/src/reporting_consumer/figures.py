"""The report's headline figures, from the consumer's own tables."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True)
class Headline:
    requests: int
    completed_actions: int
    completed_by_region_and_phase: dict[tuple[str, str], int]
    experts_registered: int
    experts_deployed: int
    deployed_by_category: dict[str, int]


async def headline(conn: asyncpg.Connection) -> Headline:
    by_cell = await conn.fetch(
        """SELECT region, phase, count(*) AS n FROM report_actions WHERE completed_on IS NOT NULL
           GROUP BY region, phase"""
    )
    by_category = await conn.fetch(
        "SELECT category, count(DISTINCT expert_id) AS n FROM report_deployments GROUP BY category"
    )
    return Headline(
        requests=await conn.fetchval("SELECT count(*) FROM report_requests"),
        completed_actions=await conn.fetchval("SELECT count(*) FROM report_actions WHERE completed_on IS NOT NULL"),
        completed_by_region_and_phase={(row["region"], row["phase"]): row["n"] for row in by_cell},
        experts_registered=await conn.fetchval("SELECT count(*) FROM report_experts"),
        experts_deployed=await conn.fetchval("SELECT count(DISTINCT expert_id) FROM report_deployments"),
        deployed_by_category={row["category"]: row["n"] for row in by_category},
    )
