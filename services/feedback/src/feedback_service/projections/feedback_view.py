"""Projection: `action_feedback` and `review_view`, from the service's own events.

`participant_response` is not a projection: the ratings of a response are not in its (published) event, so
`adapters.responses` writes them in the command's transaction and a rebuild keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from contracts.events.feedback import (
    ActionFeedbackCorrected,
    ActionFeedbackSubmitted,
    EvaluationRatings,
    ReviewPublished,
)
from service_core.store.base import RecordedEvent

_SUBMITTED = """
INSERT INTO action_feedback (feedback_id, action_id, source, expert_id, authority_id, region, thematic_area,
    relevance, coherence, effectiveness, efficiency, impact, sustainability, eu_added_value,
    capacity_levels_reached, good_practice_features, given_on, on_behalf, version, position)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
"""
_CORRECTED = """
UPDATE action_feedback SET relevance = $2, coherence = $3, effectiveness = $4, efficiency = $5, impact = $6,
    sustainability = $7, eu_added_value = $8, capacity_levels_reached = $9, good_practice_features = $10,
    corrected_on = $11, version = $12
WHERE feedback_id = $1
"""
_REVIEW = """
INSERT INTO review_view (review_id, period, period_kind, scope, scope_value, published_on, review, position)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""


def _ratings(ratings: EvaluationRatings) -> list[int | None]:
    r = ratings
    return [r.relevance, r.coherence, r.effectiveness, r.efficiency, r.impact, r.sustainability, r.eu_added_value]


class FeedbackView:
    """Owns the read-model tables of the service's own events (a rebuild empties and refills them)."""

    tables: tuple[str, ...] = ("action_feedback", "review_view")

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            await _apply_one(connection, recorded)


async def _apply_one(conn: asyncpg.Connection, recorded: RecordedEvent) -> None:
    event = recorded.event
    match event:
        case ActionFeedbackSubmitted():
            await conn.execute(
                _SUBMITTED,
                event.feedback_id, event.action_id, str(event.source), event.expert_id, event.authority_id,
                str(event.region), str(event.thematic_area), *_ratings(event.ratings),
                [str(level) for level in event.capacity_levels_reached],
                [str(feature) for feature in event.good_practice_features],
                event.given_on, event.on_behalf, recorded.version, recorded.position,
            )  # fmt: skip
        case ActionFeedbackCorrected():
            await conn.execute(
                _CORRECTED,
                event.feedback_id, *_ratings(event.ratings),
                [str(level) for level in event.capacity_levels_reached],
                [str(feature) for feature in event.good_practice_features],
                event.corrected_on, recorded.version,
            )  # fmt: skip
        case ReviewPublished():
            await conn.execute(
                _REVIEW,
                event.review_id, event.period, str(event.period_kind), str(event.scope), event.scope_value,
                event.published_on, event.model_dump(mode="json"), recorded.position,
            )  # fmt: skip
