"""Experts portfolio figures from `expert_view`, `deployment_view` and `known_action` (R15-R19).

- registered: the roster (erased experts included: they were registered), in the period of `registered_on`
  (`from`/`to` bound it); `thematic_area` = experts with that area of expertise; `region` = experts with a
  proposed, confirmed or completed deployment in that region (the coordinator's view of the roster);
  `country` = with such a deployment on an Action or activity of that country.
- deployed: distinct experts with a confirmed or completed deployment, in the period of the activity's
  first day (`held_from` once held, else `starts_on`); region, thematic area and countries are the
  activity's. Triangular and South-South as in an Action's composition (`domain.composition`), over the
  Actions with such deployments.
`phase` is ignored: the service does not know Actions' phases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import asyncpg
from contracts.events.experts import ExpertCategory
from service_core.access import Scope
from service_core.auth import Principal
from service_core.paging import Where
from service_core.portfolio import Columns, Granularity, PortfolioFilter, filtered, ignored, period_sql, share

from experts_service.domain.composition import Deployed, compose, from_eu

Row = Mapping[str, Any]
DEPLOYMENTS = Columns(
    date="coalesce(d.held_from, d.starts_on)", region="d.region", thematic_area="d.thematic_area", country="d.countries"
)
IGNORED = ignored(DEPLOYMENTS)
_BEARING = "('PROPOSED', 'CONFIRMED', 'COMPLETED')"

_REGISTERED = """SELECT {period} AS period, e.category, e.member_state, count(*) AS count
FROM expert_view e WHERE {where} GROUP BY 1, 2, 3"""
_DEPLOYED = """SELECT DISTINCT {period} AS period, d.action_id, d.expert_id, d.category, d.nationality, d.member_state,
       d.status = 'COMPLETED' AS completed
FROM deployment_view d LEFT JOIN known_action k ON k.action_id = d.action_id
WHERE d.status IN ('CONFIRMED', 'COMPLETED') AND {where}"""
_PARTNERS = """SELECT a.action_id, ARRAY(SELECT DISTINCT c FROM unnest(a.countries || coalesce((SELECT array_agg(x)
       FROM known_activity t, unnest(t.countries) x WHERE t.action_id = a.action_id), '{}')) c) AS countries
FROM known_action a WHERE a.action_id = ANY($1::text[])"""


def _registered_where(filters: PortfolioFilter, scope: Scope) -> Where:
    where = Where()
    bearing = f"SELECT 1 FROM deployment_view b LEFT JOIN known_action k ON k.action_id = b.action_id WHERE b.expert_id = e.id AND b.status IN {_BEARING}"
    if not scope.everything:
        where.add(
            f"(e.deployment_regions && {{}}::text[] OR EXISTS ({bearing} AND k.authority_ids && {{}}::text[]))",
            list(scope.regions),
            list(scope.authority_ids),
        )
    if filters.region is not None:
        where.add("{} = ANY(e.deployment_regions)", str(filters.region))
    if filters.country is not None:
        where.add(f"EXISTS ({bearing} AND b.countries @> ARRAY[{{}}::text])", filters.country)
    if filters.thematic_area is not None:
        where.add("{} = ANY(e.thematic_areas)", str(filters.thematic_area))
    if filters.from_ is not None:
        where.add("e.registered_on >= {}", filters.from_)
    if filters.to is not None:
        where.add("e.registered_on <= {}", filters.to)
    return where


def _by_category(counts: Counter[str]) -> list[dict[str, Any]]:
    return [{"category": c.value, "count": counts[c.value]} for c in ExpertCategory]


def _by_member_state(counts: Counter[str]) -> list[dict[str, Any]]:
    return [{"member_state": ms, "count": n} for ms, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _figures(registered: list[Row], deployed: list[Row], partners: Mapping[str, list[str]]) -> dict[str, Any]:
    reg_categories: Counter[str] = Counter()
    reg_states: Counter[str] = Counter()
    for row in registered:
        reg_categories[row["category"]] += row["count"]
        if row["member_state"]:
            reg_states[row["member_state"]] += row["count"]
    experts = {row["expert_id"]: row for row in deployed}
    categories = Counter(row["category"] for row in experts.values())
    states = Counter(row["member_state"] for row in experts.values() if row["member_state"])
    by_action: dict[str, list[Deployed]] = {}
    for row in deployed:
        by_action.setdefault(row["action_id"], []).append(
            Deployed(row["expert_id"], ExpertCategory(row["category"]), row["nationality"], row["member_state"],
                     row["completed"])
        )  # fmt: skip
    compositions = [compose(a, partners.get(a, ()), found) for a, found in by_action.items()]
    first_of_each = {d.expert_id: d for found in by_action.values() for d in found}
    non_eu = sum(1 for d in first_of_each.values() if not from_eu(d))
    triangular = sum(1 for c in compositions if c.triangular)
    south_south = sum(1 for c in compositions if c.south_south)
    eu = categories[ExpertCategory.EU_MS_GOVERNMENTAL.value]
    return {
        "registered": {
            "count": sum(reg_categories.values()),
            "by_category": _by_category(reg_categories),
            "by_member_state": _by_member_state(reg_states),
        },
        "deployed": {
            "count": len(experts),
            "by_category": _by_category(categories),
            "by_member_state": _by_member_state(states),
            "member_states": len(states),
            "eu_ms_governmental_share": share(eu, len(experts)),
            "non_eu": non_eu,
        },
        "actions_with_deployments": len(compositions),
        "triangular": triangular,
        "triangular_share": share(triangular, len(compositions)),
        "south_south": south_south,
        "south_south_share": share(south_south, len(compositions)),
    }


def empty() -> dict[str, Any]:
    return _figures([], [], {})


async def figures(
    pool: asyncpg.Pool, scope: Scope, filters: PortfolioFilter, granularity: Granularity | None, _: Principal
) -> Mapping[str, Mapping[str, Any]]:
    registered: dict[str, list[Row]] = {}
    deployed: dict[str, list[Row]] = {}
    async with pool.acquire() as conn:
        where = _registered_where(filters, scope)
        sql = _REGISTERED.format(period=period_sql("e.registered_on", granularity), where=where.sql())
        for row in await conn.fetch(sql, *where.args):
            registered.setdefault(row["period"], []).append(row)
        where = filtered(filters, DEPLOYMENTS, scope, authorities_column="coalesce(k.authority_ids, ARRAY[]::text[])")
        sql = _DEPLOYED.format(period=period_sql(str(DEPLOYMENTS.date), granularity), where=where.sql())
        for row in await conn.fetch(sql, *where.args):
            deployed.setdefault(row["period"], []).append(row)
        action_ids = list({row["action_id"] for rows in deployed.values() for row in rows})
        partners = {row["action_id"]: row["countries"] for row in await conn.fetch(_PARTNERS, action_ids)}
    return {p: _figures(registered.get(p, []), deployed.get(p, []), partners) for p in {*registered, *deployed}}
