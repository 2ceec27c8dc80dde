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

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

import asyncpg
from contracts.events.actions import ActivityType, CrossCuttingIssue, DeliverableKind, DeliverableStatus, Phase
from contracts.events.requests import Region, ThematicArea
from contracts.reference.organisations import organisation
from contracts.reference.topics import TopicFamily, codes_of
from service_core.access import Scope
from service_core.auth import Principal
from service_core.portfolio import (
    ALL,
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
from service_core.portfolio_totals import Part, fold, kept_or_recomputed, key_filter

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
    return _figures({}, [], 0, [], [], _themes([]))


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
    themes: dict[str, Any],
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
        "themes": themes,
    }


async def recomputed(
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
    return {p: _figures(**{**parts, "themes": _themes(parts["themes"])}) for p, parts in grouped.items()}


# Kept totals (service_core.portfolio_totals): what each Action adds to the whole programme's figures, as
# counts. A median and a distinct count are sums too when kept by value: launches by their days to launch,
# unlaunched Actions by their due date (overdue depends on today), countries reached by country.
_ACTION_EACH = """SELECT a.id, a.region, a.thematic_area, a.phase, a.status, a.launched_on IS NOT NULL AS launched,
       a.launched_on - a.approved_on AS days, a.launched_on <= a.launch_due_on AS in_time, a.launch_due_on,
       a.topics, a.cross_cutting, a.countries, a.regional_organisation
FROM action_view a WHERE {where}"""
_ACTIVITY_EACH = """SELECT t.action_id, t.activity_type, t.status
FROM activity_view t JOIN action_view a ON a.id = t.action_id WHERE {where}"""
_DELIVERABLE_EACH = """SELECT d.action_id, d.kind, d.status
FROM deliverable_view d JOIN action_view a ON a.id = d.action_id WHERE {where}"""
_STATUS_COLUMNS = {"IN_PREPARATION": "in_preparation", "ONGOING": "ongoing", "COMPLETED": "completed"}
_ACTIVITY_COLUMNS = {"PLANNED": "planned", "HELD": "held", "CANCELLED": "cancelled"}


def _action_counts(row: Row) -> Counter[str]:
    counts: Counter[str] = Counter()
    for by in ("region", "thematic_area"):
        cell = f"{by}:{row[by]}:{row['phase']}"
        counts[f"{cell}:opened"] += 1
        if row["status"] in _STATUS_COLUMNS:
            counts[f"{cell}:{_STATUS_COLUMNS[row['status']]}"] += 1
    if row["launched"]:
        counts["launched"] += 1
        counts[f"days:{row['days']}"] += 1
        counts["in_time"] += int(bool(row["in_time"]))
    elif row["launch_due_on"] is not None:
        counts[f"due:{row['launch_due_on'].isoformat()}"] += 1
    if row["status"] == "COMPLETED":
        topics = set(row["topics"])
        counts["classified_completed"] += int(bool(topics))
        counts["thb_completed"] += int(bool(_THB & topics))
        counts["labour_migration_completed"] += int(bool(_LABOUR & topics))
        counts.update(f"cross:{issue}" for issue in set(row["cross_cutting"]))
    found = organisation(row["regional_organisation"]) if row["regional_organisation"] else None
    counts.update(f"country:{country}" for country in {*row["countries"], *(found.members if found else ())})
    return counts


async def _actions_each(conn: asyncpg.Connection, keys: list[str] | None) -> Mapping[str, Mapping[str, int]]:
    where, args = key_filter("a.id", keys)
    found = {row["id"]: _action_counts(row) for row in await conn.fetch(_ACTION_EACH.format(where=where), *args)}
    for row in await conn.fetch(_ACTIVITY_EACH.format(where=where), *args):
        counts = found[row["action_id"]]
        counts[f"activity:{row['activity_type']}"] += 1
        if row["status"] in _ACTIVITY_COLUMNS:
            counts[f"activity:{row['activity_type']}:{_ACTIVITY_COLUMNS[row['status']]}"] += 1
    for row in await conn.fetch(_DELIVERABLE_EACH.format(where=where), *args):
        found[row["action_id"]][f"deliverable:{row['kind']}:{row['status']}"] += 1
    return found


PARTS = (Part("actions", "action", _actions_each),)


def _keyed(totals: Mapping[str, int], prefix: str, parts: int) -> list[tuple[list[str], int]]:
    """The totals under `prefix` whose key has `parts` parts after it, split, with their count (if any)."""
    return [
        (key.split(":")[1:], n)
        for key, n in totals.items()
        if n > 0 and key.startswith(prefix) and key.count(":") == parts
    ]


async def from_totals(pool: asyncpg.Pool) -> Mapping[str, Mapping[str, Any]]:
    """The whole programme's figures from the kept totals: what `recomputed` gives unfiltered, per call only the
    Actions changed since the last one are counted again."""
    totals = (await fold(pool, PARTS))["actions"]
    cells: dict[str, list[Row]] = {}
    for by in ("region", "thematic_area"):
        opened = [(value, phase) for (value, phase, column), _ in _keyed(totals, f"{by}:", 3) if column == "opened"]
        cells[by] = [
            {by: value, "phase": phase, **{s: totals.get(f"{by}:{value}:{phase}:{s}", 0) for s in _STATUSES}}
            for value, phase in opened
        ]
    if not cells["region"]:
        return {}
    days = [int(day) for (day,), n in _keyed(totals, "days:", 1) for _ in range(n)]
    launches: list[Row] = [{"days": day, "in_time": i < totals.get("in_time", 0)} for i, day in enumerate(days)]
    now = today()
    overdue = sum(n for (due,), n in _keyed(totals, "due:", 1) if date.fromisoformat(due) < now)
    activities: list[Row] = [
        {"activity_type": kind, **{c: totals.get(f"activity:{kind}:{c}", 0) for c in _ACTIVITY_COLUMNS.values()}}
        for (kind,), _ in _keyed(totals, "activity:", 1)
    ]
    deliverables: list[Row] = [
        {"kind": kind, "status": step, "count": n} for (kind, step), n in _keyed(totals, "deliverable:", 2)
    ]
    themes = {
        "classified_completed": totals.get("classified_completed", 0),
        "thb_completed": totals.get("thb_completed", 0),
        "labour_migration_completed": totals.get("labour_migration_completed", 0),
        "by_cross_cutting": [
            {"issue": issue.value, "completed": totals.get(f"cross:{issue.value}", 0)} for issue in CrossCuttingIssue
        ],
        "countries_reached": len(_keyed(totals, "country:", 1)),
    }
    return {ALL: _figures(cells, launches, overdue, activities, deliverables, themes)}


figures = kept_or_recomputed(lambda pool, _principal: from_totals(pool), recomputed)
