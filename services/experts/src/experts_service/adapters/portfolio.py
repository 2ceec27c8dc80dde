"""Experts portfolio figures from `expert_view`, `deployment_view` and `known_action` (R15-R19).

- registered: the roster (erased experts included: they were registered), in the period of `registered_on`
  (`from`/`to` bound it); `thematic_area` = experts with that area of expertise; `region` = experts with a
  proposed, confirmed or completed deployment in that region (the coordinator's view of the roster);
  `country` = with such a deployment on an Action or activity of that country.
- deployed: distinct experts with a confirmed or completed deployment, in the period of the activity's
  first day (`held_from` once held, else `starts_on`); region, thematic area and countries are the
  activity's. Triangular and South-South as in an Action's composition (`domain.composition`), over the
  Actions with such deployments; `former_focal_points`: those of them recorded as a partner's focal point
  before (erased links included: counts stay).
`phase` is ignored: the service does not know Actions' phases.

The whole programme unfiltered (the dashboard) comes from totals kept current (`service_core.portfolio_totals`):
each expert's and each Action's contribution, folded for the experts and Actions that changed.
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
from service_core.portfolio import (
    ALL,
    Columns,
    Granularity,
    PortfolioFilter,
    filtered,
    ignored,
    period_sql,
    share,
)
from service_core.portfolio_totals import Part, fold, kept_or_recomputed, key_filter

from experts_service.domain.composition import Deployed, compose, from_eu

Row = Mapping[str, Any]
DEPLOYMENTS = Columns(
    date="coalesce(d.held_from, d.starts_on)", region="d.region", thematic_area="d.thematic_area", country="d.countries"
)
IGNORED = ignored(DEPLOYMENTS)
_BEARING = "('PROPOSED', 'CONFIRMED', 'COMPLETED')"

_REGISTERED = """SELECT {period} AS period, e.category, e.member_state, count(*) AS count
FROM expert_view e WHERE {where} GROUP BY 1, 2, 3"""
_FORMER_FOCAL_POINT = "EXISTS (SELECT 1 FROM former_focal_point f WHERE f.expert_id = d.expert_id)"
_DEPLOYED = f"""SELECT DISTINCT {{period}} AS period, d.action_id, d.expert_id, d.category, d.nationality,
       d.member_state, d.status = 'COMPLETED' AS completed, {_FORMER_FOCAL_POINT} AS former_focal_point
FROM deployment_view d LEFT JOIN known_action k ON k.action_id = d.action_id
WHERE d.status IN ('CONFIRMED', 'COMPLETED') AND {{where}}"""
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
    by_action: dict[str, list[Deployed]] = {}
    for row in deployed:
        by_action.setdefault(row["action_id"], []).append(_deployed(row))
    compositions = [compose(a, partners.get(a, ()), found) for a, found in by_action.items()]
    first_of_each = {d.expert_id: d for found in by_action.values() for d in found}
    return _assemble(
        reg_categories,
        reg_states,
        Counter(row["category"] for row in experts.values()),
        Counter(row["member_state"] for row in experts.values() if row["member_state"]),
        non_eu=sum(1 for d in first_of_each.values() if not from_eu(d)),
        former_focal_points=sum(1 for row in experts.values() if row["former_focal_point"]),
        actions=len(compositions),
        triangular=sum(1 for c in compositions if c.triangular),
        south_south=sum(1 for c in compositions if c.south_south),
    )


def _deployed(row: Row) -> Deployed:
    return Deployed(
        row["expert_id"], ExpertCategory(row["category"]), row["nationality"], row["member_state"], row["completed"]
    )


def _assemble(
    reg_categories: Counter[str],
    reg_states: Counter[str],
    categories: Counter[str],
    states: Counter[str],
    *,
    non_eu: int,
    former_focal_points: int,
    actions: int,
    triangular: int,
    south_south: int,
) -> dict[str, Any]:
    deployed = sum(categories.values())
    eu = categories[ExpertCategory.EU_MS_GOVERNMENTAL.value]
    return {
        "registered": {
            "count": sum(reg_categories.values()),
            "by_category": _by_category(reg_categories),
            "by_member_state": _by_member_state(reg_states),
        },
        "deployed": {
            "count": deployed,
            "by_category": _by_category(categories),
            "by_member_state": _by_member_state(states),
            "member_states": len(states),
            "eu_ms_governmental_share": share(eu, deployed),
            "non_eu": non_eu,
            "former_focal_points": former_focal_points,
        },
        "actions_with_deployments": actions,
        "triangular": triangular,
        "triangular_share": share(triangular, actions),
        "south_south": south_south,
        "south_south_share": share(south_south, actions),
    }


def empty() -> dict[str, Any]:
    return _figures([], [], {})


# --- the whole programme, unfiltered, from kept totals -------------------------------------------------
_REGISTERED_EACH = "SELECT e.id, e.category, e.member_state FROM expert_view e WHERE {where}"
# An expert's attributes as its latest confirmed or completed deployment carries them.
_DEPLOYED_EACH = f"""SELECT DISTINCT ON (d.expert_id) d.expert_id, d.category, d.nationality, d.member_state,
       d.status = 'COMPLETED' AS completed, {_FORMER_FOCAL_POINT} AS former_focal_point
FROM deployment_view d WHERE d.status IN ('CONFIRMED', 'COMPLETED') AND {{where}}
ORDER BY d.expert_id, d.position DESC"""
_ACTION_DEPLOYMENTS = """SELECT DISTINCT d.action_id, d.expert_id, d.category, d.nationality, d.member_state,
       d.status = 'COMPLETED' AS completed
FROM deployment_view d WHERE d.status IN ('CONFIRMED', 'COMPLETED') AND {where}"""


async def _registered_each(conn: asyncpg.Connection, keys: list[str] | None) -> Mapping[str, Mapping[str, int]]:
    where, args = key_filter("e.id", keys)
    return {
        row["id"]: {"count": 1, f"category:{row['category']}": 1}
        | ({f"member_state:{row['member_state']}": 1} if row["member_state"] else {})
        for row in await conn.fetch(_REGISTERED_EACH.format(where=where), *args)
    }


async def _deployed_each(conn: asyncpg.Connection, keys: list[str] | None) -> Mapping[str, Mapping[str, int]]:
    where, args = key_filter("d.expert_id", keys)
    return {
        row["expert_id"]: {
            f"category:{row['category']}": 1,
            "non_eu": int(not from_eu(_deployed(row))),
            "former_focal_point": int(row["former_focal_point"]),
        }
        | ({f"member_state:{row['member_state']}": 1} if row["member_state"] else {})
        for row in await conn.fetch(_DEPLOYED_EACH.format(where=where), *args)
    }


async def _actions_each(conn: asyncpg.Connection, keys: list[str] | None) -> Mapping[str, Mapping[str, int]]:
    where, args = key_filter("d.action_id", keys)
    by_action: dict[str, list[Deployed]] = {}
    for row in await conn.fetch(_ACTION_DEPLOYMENTS.format(where=where), *args):
        by_action.setdefault(row["action_id"], []).append(_deployed(row))
    partners = {row["action_id"]: row["countries"] for row in await conn.fetch(_PARTNERS, list(by_action))}
    found = {}
    for action_id, deployments in by_action.items():
        composition = compose(action_id, partners.get(action_id, ()), deployments)
        found[action_id] = {
            "count": 1,
            "triangular": int(composition.triangular),
            "south_south": int(composition.south_south),
        }
    return found


PARTS = (
    Part("registered", "expert", _registered_each),
    Part("deployed", "expert", _deployed_each),
    Part("actions", "action", _actions_each),
)


def _prefixed(counts: Mapping[str, int], prefix: str) -> Counter[str]:
    return Counter({k.removeprefix(prefix): v for k, v in counts.items() if k.startswith(prefix)})


async def from_totals(pool: asyncpg.Pool) -> Mapping[str, Mapping[str, Any]]:
    totals = await fold(pool, PARTS)
    registered, deployed, actions = totals["registered"], totals["deployed"], totals["actions"]
    if not (registered or deployed):
        return {}
    return {
        ALL: _assemble(
            _prefixed(registered, "category:"),
            _prefixed(registered, "member_state:"),
            _prefixed(deployed, "category:"),
            _prefixed(deployed, "member_state:"),
            non_eu=deployed["non_eu"],
            former_focal_points=deployed["former_focal_point"],
            actions=actions["count"],
            triangular=actions["triangular"],
            south_south=actions["south_south"],
        )
    }


async def recomputed(
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


figures = kept_or_recomputed(lambda pool, _principal: from_totals(pool), recomputed)
