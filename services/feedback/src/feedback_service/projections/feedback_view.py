"""Projection: `action_feedback` and `review_view`, from the service's own events (through `Rows`, so it runs
on the in-memory twin too).

`participant_response` is not a projection: the ratings of a response are not in its (published) event, so
`adapters.responses` writes them in the command's transaction and a rebuild keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contracts.events.feedback import (
    ActionFeedbackCorrected,
    ActionFeedbackSubmitted,
    EvaluationRatings,
    ReviewPublished,
)
from service_core.ports import Sql
from service_core.rows import Rows, rows_in
from service_core.store.base import RecordedEvent

from feedback_service.adapters.tables import ACTION_FEEDBACK, REVIEW_VIEW


def _ratings(ratings: EvaluationRatings) -> dict[str, int | None]:
    r = ratings
    return {
        "relevance": r.relevance, "coherence": r.coherence, "effectiveness": r.effectiveness,
        "efficiency": r.efficiency, "impact": r.impact, "sustainability": r.sustainability,
        "eu_added_value": r.eu_added_value,
    }  # fmt: skip


def _content(event: ActionFeedbackSubmitted | ActionFeedbackCorrected) -> dict[str, Any]:
    return {
        **_ratings(event.ratings),
        "capacity_levels_reached": [str(level) for level in event.capacity_levels_reached],
        "good_practice_features": [str(feature) for feature in event.good_practice_features],
    }


class FeedbackView:
    """Owns the read-model tables of the service's own events (a rebuild empties and refills them)."""

    tables: tuple[str, ...] = ("action_feedback", "review_view")

    async def apply(self, sql: Sql, events: Sequence[RecordedEvent]) -> None:
        rows = rows_in(sql)
        for recorded in events:
            await _apply_one(rows, recorded)


async def _apply_one(rows: Rows, recorded: RecordedEvent) -> None:
    event = recorded.event
    match event:
        case ActionFeedbackSubmitted():
            await rows.insert(ACTION_FEEDBACK, {
                "feedback_id": event.feedback_id, "action_id": event.action_id, "source": str(event.source),
                "expert_id": event.expert_id, "authority_id": event.authority_id, "region": str(event.region),
                "thematic_area": str(event.thematic_area), **_content(event), "given_on": event.given_on,
                "on_behalf": event.on_behalf, "version": recorded.version, "position": recorded.position,
            })  # fmt: skip
        case ActionFeedbackCorrected():
            changes = {**_content(event), "corrected_on": event.corrected_on, "version": recorded.version}
            await rows.update(ACTION_FEEDBACK, {"feedback_id": event.feedback_id}, changes)
        case ReviewPublished():
            await rows.insert(REVIEW_VIEW, {
                "review_id": event.review_id, "period": event.period, "period_kind": str(event.period_kind),
                "scope": str(event.scope), "scope_value": event.scope_value, "published_on": event.published_on,
                "review": event.model_dump(mode="json"), "position": recorded.position,
            })  # fmt: skip
