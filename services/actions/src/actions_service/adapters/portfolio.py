"""Actions portfolio figures from `action_view`, `activity_view` and `deliverable_view`.

Dates: an Action counts in the period of its approval (`approved_on`; `from`/`to` bound it); an activity in
the period of its first day (`held_from` once held, else `starts_on`); a deliverable in that of its
`recorded_on`. Region, phase, thematic area and country are the Action's (activities and deliverables are
joined to their Action), so every filter applies. Rapid reaction (R10): days from approval to launch (the
first activity held); median and 90th percentile by linear interpolation; launched within 90 days =
launched on or before `launch_due_on`; overdue = not launched and `launch_due_on` before today (UTC).
Themes: completed Actions classified with a topic of the THB or labour-migration family
(`contracts.reference.topics`) or with a cross-cutting issue; countries reached: the distinct countries of
the Actions opened, with the member states of their regional organisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import asyncpg
from contracts.events.actions import ActivityType, CrossCuttingIssue, DeliverableKind, DeliverableStatus, Phase
from contracts.events.requests import Region, ThematicArea
from contracts.reference.organisations import organisation
from contracts.reference.topics import TopicFamily, codes_of
from service_core.access import Scope
from service_core.auth import Principal
from service_core.portfolio import (
    Columns,
    Granularity,
    PortfolioFilter,
    filtered,
    ignored,
    percentile,
    period_sql,
    share,
    today,
)

Row = Mapping[str, Any]


def _of_action(date: str) -> Columns:
    return Columns(
        date=date, region="a.region", phase="a.phase", thematic_area="a.thematic_area", country="a.countries"
    )


ACTIONS = _of_action("a.approved_on")
ACTIVITIES = _of_action("coalesce(t.held_from, t.starts_on)")
DELIVERABLES = _of_action("d.recorded_on")
IGNORED = ignored(ACTIONS)
STATUS_COUNTS = """count(*) AS opened,
       count(*) FILTER (WHERE a.status = 'IN_PREPARATION') AS in_preparation,
       count(*) FILTER (WHERE a.status = 'ONGOING') AS ongoing,
       count(*) FILTER (WHERE a.status = 'COMPLETED') AS completed"""
_STATUSES = ("opened", "in_preparation", "ongoing", "completed")

_BY_CELL = (
    "SELECT {period} AS period, a.{by}, a.phase, "
    + STATUS_COUNTS
    + " FROM action_view a WHERE {where} GROUP BY 1, 2, 3"
)
_LAUNCH = """SELECT {period} AS period, a.launched_on - a.approved_on AS days, a.launched_on <= a.launch_due_on AS in_time
FROM action_view a WHERE a.launched_on IS NOT NULL AND {where}"""
_OVERDUE = """SELECT {period} AS period, count(*) AS overdue FROM action_view a
WHERE a.launched_on IS NULL AND {where} GROUP BY 1"""
_ACTIVITIES = """SELECT {period} AS period, t.activity_type, count(*) FILTER (WHERE t.status = 'PLANNED') AS planned,
       count(*) FILTER (WHERE t.status = 'HELD') AS held, count(*) FILTER (WHERE t.status = 'CANCELLED') AS cancelled
FROM activity_view t JOIN action_view a ON a.id = t.action_id WHERE {where} GROUP BY 1, 2"""
_THEMES = """SELECT {period} AS period, a.status, a.topics, a.cross_cutting, a.countries, a.regional_organisation
FROM action_view a WHERE {where}"""
_DELIVERABLES = """SELECT {period} AS period, d.kind, d.status, count(*) AS count
FROM deliverable_view d JOIN action_view a ON a.id = d.action_id WHERE {where} GROUP BY 1, 2, 3"""


def empty() -> dict[str, Any]:
    return _figures({}, [], 0, [], [], [])


_THB, _LABOUR = frozenset(codes_of(TopicFamily.THB)), frozenset(codes_of(TopicFamily.LABOUR_MIGRATION))


def _themes(actions: list[Row]) -> dict[str, Any]:
    completed = [a for a in actions if a["status"] == "COMPLETED"]
    reached: set[str] = set()
    for a in actions:
        found = organisation(a["regional_organisation"]) if a["regional_organisation"] else None
        reached |= {*a["countries"], *(found.members if found else ())}
    return {
        "classified_completed": sum(1 for a in completed if a["topics"]),
        "thb_completed": sum(1 for a in completed if _THB.intersection(a["topics"])),
        "labour_migration_completed": sum(1 for a in completed if _LABOUR.intersection(a["topics"])),
        "by_cross_cutting": [
            {"issue": issue.value, "completed": sum(1 for a in completed if issue.value in a["cross_cutting"])}
            for issue in CrossCuttingIssue
        ],
        "countries_reached": len(reached),
    }


def _order(enum: Any) -> dict[str, int]:
    return {member.value: i for i, member in enumerate(enum)}


_REGIONS, _PHASES, _AREAS = _order(Region), _order(Phase), _order(ThematicArea)
_TYPES, _KINDS, _STEPS = _order(ActivityType), _order(DeliverableKind), _order(DeliverableStatus)


def _figures(
    cells: Mapping[str, list[Row]],
    launches: list[Row],
    overdue: int,
    activities: list[Row],
    deliverables: list[Row],
    themes: list[Row],
) -> dict[str, Any]:
    by_region = sorted(cells.get("region", []), key=lambda r: (_REGIONS[r["region"]], _PHASES[r["phase"]]))
    by_area = sorted(cells.get("thematic_area", []), key=lambda r: (_AREAS[r["thematic_area"]], _PHASES[r["phase"]]))
    totals = {name: sum(r[name] for r in by_region) for name in _STATUSES}
    days = [float(r["days"]) for r in launches]
    in_time = sum(1 for r in launches if r["in_time"])
    return {
        "actions": totals,
        "completed": totals["completed"],
        "by_region_phase": [
            {"region": r["region"], "phase": r["phase"], **{n: r[n] for n in _STATUSES}} for r in by_region
        ],
        "by_thematic_area_phase": [
            {"thematic_area": r["thematic_area"], "phase": r["phase"], **{n: r[n] for n in _STATUSES}} for r in by_area
        ],
        "rapid_reaction": {
            "launched": len(days),
            "median_days_to_launch": percentile(days, 0.5),
            "p90_days_to_launch": percentile(days, 0.9),
            "launched_within_90_days": in_time,
            "share_launched_within_90_days": share(in_time, len(days)),
            "overdue": overdue,
        },
        "activities_by_type": [
            {k: r[k] for k in ("activity_type", "planned", "held", "cancelled")}
            for r in sorted(activities, key=lambda r: _TYPES[r["activity_type"]])
        ],
        "deliverables": [
            {k: r[k] for k in ("kind", "status", "count")}
            for r in sorted(deliverables, key=lambda r: (_KINDS[r["kind"]], _STEPS[r["status"]]))
        ],
        "themes": _themes(themes),
    }


async def figures(
    pool: asyncpg.Pool, scope: Scope, filters: PortfolioFilter, granularity: Granularity | None, _: Principal
) -> Mapping[str, Mapping[str, Any]]:
    grouped: dict[str, dict[str, Any]] = {}

    def bucket(period: str) -> dict[str, Any]:
        return grouped.setdefault(
            period, {"cells": {}, "launches": [], "overdue": 0, "activities": [], "deliverables": [], "themes": []}
        )

    async with pool.acquire() as conn:
        for by in ("region", "thematic_area"):
            where = filtered(filters, ACTIONS, scope, authorities_column="a.authority_ids")
            period = period_sql("a.approved_on", granularity)
            for row in await conn.fetch(_BY_CELL.format(period=period, by=by, where=where.sql()), *where.args):
                bucket(row["period"])["cells"].setdefault(by, []).append(row)
        where = filtered(filters, ACTIONS, scope, authorities_column="a.authority_ids")
        for row in await conn.fetch(_LAUNCH.format(period=period, where=where.sql()), *where.args):
            bucket(row["period"])["launches"].append(row)
        where = filtered(filters, ACTIONS, scope, authorities_column="a.authority_ids")
        where.add("a.launch_due_on < {}", today())
        for row in await conn.fetch(_OVERDUE.format(period=period, where=where.sql()), *where.args):
            bucket(row["period"])["overdue"] = row["overdue"]
        where = filtered(filters, ACTIVITIES, scope, authorities_column="a.authority_ids")
        sql = _ACTIVITIES.format(period=period_sql(str(ACTIVITIES.date), granularity), where=where.sql())
        for row in await conn.fetch(sql, *where.args):
            bucket(row["period"])["activities"].append(row)
        where = filtered(filters, ACTIONS, scope, authorities_column="a.authority_ids")
        for row in await conn.fetch(_THEMES.format(period=period, where=where.sql()), *where.args):
            bucket(row["period"])["themes"].append(row)
        where = filtered(filters, DELIVERABLES, scope, authorities_column="a.authority_ids")
        sql = _DELIVERABLES.format(period=period_sql("d.recorded_on", granularity), where=where.sql())
        for row in await conn.fetch(sql, *where.args):
            bucket(row["period"])["deliverables"].append(row)
    return {p: _figures(**parts) for p, parts in grouped.items()}
