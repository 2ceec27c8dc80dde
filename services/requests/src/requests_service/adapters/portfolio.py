"""The request funnel from `request_view` (portfolio figures; shared pieces in `service_core.portfolio`).

A request counts in the period of its `received_on`; `from`/`to` bound `received_on`. `phase` is ignored
(a request has no phase until its Action is opened). The statuses partition what was received:
received = approved + rejected + deferred + withdrawn + open, where `open` awaits a decision (status OPEN,
or INELIGIBLE not yet rejected or withdrawn). `eligible` + `ineligible` = received (assessment on receipt).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import asyncpg
from service_core.access import Scope
from service_core.auth import Principal
from service_core.portfolio import Columns, Granularity, PortfolioFilter, filtered, ignored, period_sql

COLUMNS = Columns(date="received_on", country="countries")
IGNORED = ignored(COLUMNS)
FUNNEL = ("received", "eligible", "ineligible", "approved", "rejected", "deferred", "withdrawn", "open")

_SQL = """
SELECT {period} AS period,
       count(*) AS received,
       count(*) FILTER (WHERE eligible) AS eligible,
       count(*) FILTER (WHERE NOT eligible) AS ineligible,
       count(*) FILTER (WHERE status = 'APPROVED') AS approved,
       count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
       count(*) FILTER (WHERE status = 'DEFERRED') AS deferred,
       count(*) FILTER (WHERE status = 'WITHDRAWN') AS withdrawn,
       count(*) FILTER (WHERE status IN ('OPEN', 'INELIGIBLE')) AS open
FROM request_view WHERE {where} GROUP BY 1
"""


def empty() -> dict[str, Any]:
    return dict.fromkeys(FUNNEL, 0)


async def funnel(
    pool: asyncpg.Pool, scope: Scope, filters: PortfolioFilter, granularity: Granularity | None, _: Principal
) -> Mapping[str, Mapping[str, Any]]:
    where = filtered(filters, COLUMNS, scope)
    rows = await pool.fetch(_SQL.format(period=period_sql("received_on", granularity), where=where.sql()), *where.args)
    return {row["period"]: {name: row[name] for name in FUNNEL} for row in rows}
