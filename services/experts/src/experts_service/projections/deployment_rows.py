"""Projection rows of deployments: one `deployment_view` row per deployment, from the expert's events."""

from __future__ import annotations

import asyncpg
from contracts.base import DomainEvent
from contracts.events.experts import (
    DeploymentCancelled,
    DeploymentCompleted,
    DeploymentConfirmed,
    DeploymentDeclined,
    DeploymentFacts,
    DeploymentProposed,
    DeploymentRescheduled,
    ExpertEvaluated,
)
from service_core.store.base import RecordedEvent

_PROPOSED = """
INSERT INTO deployment_view (id, expert_id, activity_id, action_id, status, category, nationality, member_state,
    starts_on, ends_on, region, thematic_area, activity_type, countries, proposed_on, expert_version, position,
    proposed_at, updated_at)
VALUES ($1, $2, $3, $4, 'PROPOSED', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
"""
_SET = "UPDATE deployment_view SET {}, expert_version = $2, updated_at = $3 WHERE id = $1"
_AFTER_DEPLOYMENT = """
UPDATE expert_view SET
    deployment_regions = coalesce((SELECT array_agg(DISTINCT region ORDER BY region) FROM deployment_view
                                   WHERE expert_id = $1 AND status IN ('PROPOSED', 'CONFIRMED', 'COMPLETED')), '{}'),
    deployments_confirmed = (SELECT count(*) FROM deployment_view WHERE expert_id = $1 AND status = 'CONFIRMED'),
    deployments_completed = (SELECT count(*) FROM deployment_view WHERE expert_id = $1 AND status = 'COMPLETED'),
    evaluations_count = (SELECT count(*) FROM deployment_view WHERE expert_id = $1 AND evaluation IS NOT NULL),
    average_score = (SELECT avg(((evaluation->>'expertise')::int + (evaluation->>'communication')::int
                                 + (evaluation->>'preparation')::int) / 3.0)
                     FROM deployment_view WHERE expert_id = $1 AND evaluation IS NOT NULL),
    version = $2, updated_at = $3
WHERE id = $1
"""


def _changes(event: DomainEvent) -> tuple[str, list[object]] | None:
    """The SET clause (parameters from $4) and its values for an event on an existing deployment."""
    match event:
        case DeploymentConfirmed():
            return "status = 'CONFIRMED', confirmed_on = $4", [event.confirmed_on]
        case DeploymentDeclined():
            return "status = 'DECLINED', declined_on = $4, decline_reason = $5", [event.declined_on, str(event.reason)]
        case DeploymentRescheduled():
            return "starts_on = $4, ends_on = $5, overlapping_deployment_ids = $6", [
                event.starts_on,
                event.ends_on,
                list(event.overlapping_deployment_ids),
            ]
        case DeploymentCompleted():
            return (
                "status = 'COMPLETED', completed_on = $4, held_from = $5, held_to = $6, starts_on = $5, ends_on = $6",
                [event.completed_on, event.held_from, event.held_to],
            )
        case DeploymentCancelled():
            return "status = 'CANCELLED', cancelled_on = $4, cancellation_reason = $5", [
                event.cancelled_on,
                str(event.reason),
            ]
        case ExpertEvaluated():
            evaluation = {
                "evaluation_id": event.evaluation_id,
                "expertise": event.expertise,
                "communication": event.communication,
                "preparation": event.preparation,
                "evaluated_on": event.evaluated_on.isoformat(),
            }
            return "evaluation = $4", [evaluation]
    return None


async def apply_deployment(conn: asyncpg.Connection, recorded: RecordedEvent) -> bool:
    """Apply one deployment event; False when the event is not about a deployment."""
    event, version, at = recorded.event, recorded.version, recorded.recorded_at
    if not isinstance(event, DeploymentFacts):
        return False
    if isinstance(event, DeploymentProposed):
        await conn.execute(
            _PROPOSED, event.deployment_id, event.expert_id, event.activity_id, event.action_id, str(event.category),
            event.nationality, event.member_state, event.starts_on, event.ends_on, str(event.region),
            str(event.thematic_area), str(event.activity_type), list(event.countries), event.proposed_on, version,
            recorded.position, at,
        )  # fmt: skip
    elif (change := _changes(event)) is not None:
        clause, values = change
        await conn.execute(_SET.format(clause), event.deployment_id, version, at, *values)
    await conn.execute(_AFTER_DEPLOYMENT, event.expert_id, version, at)
    return True
