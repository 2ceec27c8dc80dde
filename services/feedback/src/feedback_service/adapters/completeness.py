"""Completeness (R12, R13): held activities with and without participant feedback; Actions due for feedback."""

from __future__ import annotations

from dataclasses import dataclass, field

import asyncpg
from contracts.completeness import action_feedback_gap
from service_core.access import Scope
from service_core.paging import scoped

_HELD = """
SELECT a.activity_id, a.action_id,
       EXISTS (SELECT 1 FROM participant_response r WHERE r.activity_id = a.activity_id) AS has_feedback
FROM activity_ref a LEFT JOIN action_ref x ON x.action_id = a.action_id
WHERE a.status = 'HELD' AND {where} ORDER BY a.held_to, a.activity_id
"""
_ACTIONS = """
SELECT x.action_id, x.code, x.status,
  (SELECT count(*) FROM activity_ref a WHERE a.action_id = x.action_id AND a.status <> 'CANCELLED') AS not_cancelled,
  (SELECT count(*) FROM activity_ref a WHERE a.action_id = x.action_id AND a.status = 'HELD') AS held,
  ARRAY(SELECT DISTINCT d.expert_id FROM deployment_ref d
        WHERE d.action_id = x.action_id AND d.status = 'COMPLETED' ORDER BY 1) AS deployed,
  ARRAY(SELECT DISTINCT f.expert_id FROM action_feedback f
        WHERE f.action_id = x.action_id AND f.source = 'EXPERT' ORDER BY 1) AS experts_given,
  EXISTS (SELECT 1 FROM action_feedback f WHERE f.action_id = x.action_id AND f.source = 'PARTNER') AS partner_given
FROM action_ref x WHERE {where} ORDER BY x.code, x.action_id
"""


@dataclass(frozen=True, slots=True)
class ActionGap:
    action_id: str
    code: str | None
    status: str
    missing_expert_feedback: bool
    experts_without_feedback: list[str]
    missing_partner_feedback: bool


@dataclass(slots=True)
class Completeness:
    held_activities: int = 0
    with_feedback: int = 0
    without_feedback: list[str] = field(default_factory=list)
    actions_due: int = 0
    gaps: list[ActionGap] = field(default_factory=list)


async def completeness(pool: asyncpg.Pool, scope: Scope, region: str | None) -> Completeness:
    """Actions are due for Action-level feedback once completed, or once every activity not cancelled is held.

    R13 is `contracts.completeness.action_feedback_gap`, the definition the actions service's completion
    gate uses too.
    """
    found = Completeness()
    where = scoped(scope, "x.region", "coalesce(x.authority_ids, ARRAY[]::text[])")
    if region is not None:
        where.add("coalesce(x.region, a.region) = {}", region)
    for row in await pool.fetch(_HELD.format(where=where.sql()), *where.args):
        found.held_activities += 1
        if row["has_feedback"]:
            found.with_feedback += 1
        else:
            found.without_feedback.append(row["activity_id"])
    where = scoped(scope, "x.region", "x.authority_ids")
    if region is not None:
        where.add("x.region = {}", region)
    for row in await pool.fetch(_ACTIONS.format(where=where.sql()), *where.args):
        due = row["status"] == "COMPLETED" or (row["held"] > 0 and row["held"] == row["not_cancelled"])
        if not due:
            continue
        found.actions_due += 1
        gap = action_feedback_gap(row["deployed"], row["experts_given"], row["partner_given"])
        if not gap.complete:
            found.gaps.append(
                ActionGap(
                    row["action_id"],
                    row["code"],
                    row["status"],
                    gap.missing_expert_feedback,
                    list(gap.experts_without_feedback),
                    gap.missing_partner_feedback,
                )
            )
    return found
