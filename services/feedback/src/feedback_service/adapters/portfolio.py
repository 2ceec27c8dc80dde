"""Feedback portfolio figures: means per criterion (participants, Action level) and completeness (R12-R14).

Responses count in the period of their `given_on` (`from`/`to` bound it); a held activity in that of its
`held_to`; an Action due for Action-level feedback (completed, or every activity not cancelled held) in that
of its completion, else of its last activity held. Region and thematic area apply everywhere; `phase` and
`country` are ignored (the service does not know them). Means and suppression are the reviews' (`domain.stats`):
below `programme_manager`, a cell of fewer than five responses shows its count only.

The whole programme unfiltered (the dashboard) comes from totals kept current (`service_core.portfolio_totals`):
the same four statements grouped by activity or Action instead of by period, folded for the keys that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import asyncpg
from service_core.access import Scope
from service_core.auth import Principal
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
from service_core.portfolio_totals import Part, fold, kept_or_recomputed, key_filter, summed

from feedback_service.adapters.aggregates import (
    ACTION_AGGREGATES,
    ALL_RESPONSES,
    action_tally,
    participant_aggregates,
    participant_counted,
    participant_tally,
)
from feedback_service.application.access import suppresses
from feedback_service.domain.stats import action_level_review, participant_review

Row = Mapping[str, Any]
RESPONSES = Columns(date="r.given_on", region="r.region", thematic_area="r.thematic_area")
ACTIVITIES = Columns(date="a.held_to", region="a.region", thematic_area="a.thematic_area")
ACTIONS = Columns(date="coalesce(x.completed_on, x.last_held)", region="x.region", thematic_area="x.thematic_area")
IGNORED = ignored(RESPONSES)
_AUTHORITIES = "coalesce(x.authority_ids, ARRAY[]::text[])"

_PARTICIPANT = """SELECT {period} AS period, {aggregates}
FROM participant_response r LEFT JOIN action_ref x ON x.action_id = r.action_id WHERE {where} GROUP BY 1"""
_ACTION_LEVEL = (
    """SELECT {period} AS period, """
    + ACTION_AGGREGATES
    + """
FROM action_feedback r LEFT JOIN action_ref x ON x.action_id = r.action_id WHERE {where} GROUP BY 1"""
)
_HELD = """SELECT {period} AS period, count(*) AS held_activities,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM participant_response r WHERE r.activity_id = a.activity_id))
           AS with_participant_feedback
FROM activity_ref a LEFT JOIN action_ref x ON x.action_id = a.action_id WHERE a.status = 'HELD' AND {where} GROUP BY 1"""
_DUE = """SELECT {period} AS period, count(*) AS actions_due,
       count(*) FILTER (WHERE x.lacks_expert) AS missing_expert_feedback,
       count(*) FILTER (WHERE NOT x.partner_given) AS missing_partner_feedback
FROM (SELECT x.*,
        (SELECT count(*) FROM activity_ref a WHERE a.action_id = x.action_id AND a.status <> 'CANCELLED') AS not_cancelled,
        (SELECT count(*) FROM activity_ref a WHERE a.action_id = x.action_id AND a.status = 'HELD') AS held,
        (SELECT max(a.held_to) FROM activity_ref a WHERE a.action_id = x.action_id AND a.status = 'HELD') AS last_held,
        NOT EXISTS (SELECT 1 FROM action_feedback f WHERE f.action_id = x.action_id AND f.source = 'EXPERT')
          OR EXISTS (SELECT 1 FROM deployment_ref d WHERE d.action_id = x.action_id AND d.status = 'COMPLETED'
                     AND NOT EXISTS (SELECT 1 FROM action_feedback f WHERE f.action_id = x.action_id
                                     AND f.source = 'EXPERT' AND f.expert_id = d.expert_id)) AS lacks_expert,
        EXISTS (SELECT 1 FROM action_feedback f WHERE f.action_id = x.action_id AND f.source = 'PARTNER') AS partner_given
      FROM action_ref x) x
WHERE (x.status = 'COMPLETED' OR (x.held > 0 AND x.held = x.not_cancelled)) AND {where} GROUP BY 1"""


def _figures(parts: Mapping[str, Row | None], suppress: bool) -> dict[str, Any]:
    held, due = parts.get("held") or {}, parts.get("due") or {}
    held_count, with_feedback = held.get("held_activities", 0), held.get("with_participant_feedback", 0)
    actions_due = due.get("actions_due", 0)
    return {
        "participant": participant_review(participant_tally(parts.get("participant")), suppress).model_dump(
            mode="json"
        ),
        "action_level": action_level_review(action_tally(parts.get("action_level")), suppress).model_dump(mode="json"),
        "completeness": {
            "held_activities": held_count,
            "with_participant_feedback": with_feedback,
            "share_with_participant_feedback": share(with_feedback, held_count),
            "actions_due": actions_due,
            "missing_expert_feedback": due.get("missing_expert_feedback", 0),
            "missing_partner_feedback": due.get("missing_partner_feedback", 0),
        },
    }


def empty() -> dict[str, Any]:
    return _figures({}, suppress=True)


def _part(name: str, kind: str, sql: str, key: str, aggregates: str = "") -> Part:
    async def compute(conn: asyncpg.Connection, keys: list[str] | None) -> Mapping[str, Mapping[str, int]]:
        where, args = key_filter(key, keys)
        return summed(await conn.fetch(sql.format(period=key, where=where, aggregates=aggregates), *args), "period")

    return Part(name, kind, compute)


PARTS = (
    _part("participant_all", "activity", _PARTICIPANT, "r.activity_id", participant_aggregates(ALL_RESPONSES)),
    _part("participant_released", "activity", _PARTICIPANT, "r.activity_id",
          participant_aggregates(participant_counted(True))),
    _part("action_level", "action", _ACTION_LEVEL, "r.action_id"),
    _part("held", "activity", _HELD, "a.activity_id"),
    _part("due", "action", _DUE, "x.action_id"),
)  # fmt: skip


async def from_totals(pool: asyncpg.Pool, suppress: bool) -> Mapping[str, Mapping[str, Any]]:
    totals = await fold(pool, PARTS)
    participant = totals["participant_released" if suppress else "participant_all"]
    parts = {"participant": participant, **{name: totals[name] for name in ("action_level", "held", "due")}}
    if not any(parts.values()):
        return {}
    return {ALL: _figures({name: found or None for name, found in parts.items()}, suppress)}


async def recomputed(
    pool: asyncpg.Pool, scope: Scope, filters: PortfolioFilter, granularity: Granularity | None, principal: Principal
) -> Mapping[str, Mapping[str, Any]]:
    grouped: dict[str, dict[str, Row | None]] = {}
    queries = (("participant", _PARTICIPANT, RESPONSES), ("action_level", _ACTION_LEVEL, RESPONSES),
               ("held", _HELD, ACTIVITIES), ("due", _DUE, ACTIONS))  # fmt: skip
    suppress = suppresses(principal)
    aggregates = participant_aggregates(participant_counted(suppress))
    async with pool.acquire() as conn:
        for name, sql, columns in queries:
            where = filtered(filters, columns, scope, authorities_column=_AUTHORITIES)
            period = period_sql(str(columns.date), granularity)
            text = sql.format(period=period, where=where.sql(), aggregates=aggregates)
            for row in await conn.fetch(text, *where.args):
                grouped.setdefault(row["period"], {})[name] = row
    return {period: _figures(parts, suppress) for period, parts in grouped.items()}


figures = kept_or_recomputed(lambda pool, principal: from_totals(pool, suppresses(principal)), recomputed)
