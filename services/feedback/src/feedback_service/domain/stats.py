"""Aggregates of ratings (pure): means rounded half up to 2 decimals, distributions, small-cell suppression.

For anyone below programme_manager (and on the stream) a cell of fewer than SUPPRESSION_THRESHOLD responses
is suppressed: its mean, distribution and counts become null and `suppressed` true; response counts stay.
Their participant tallies count released responses only (`adapters.aggregates.RELEASED`), so they move in
blocks of five responses per activity and cannot be differenced down to one response.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from contracts.events.actions import CapacityLevel
from contracts.events.feedback import (
    SUPPRESSION_THRESHOLD,
    ActionLevelReview,
    EvaluationCriterion,
    EvaluationCriterionStats,
    FeatureCount,
    GoodPracticeFeature,
    LevelCount,
    ParticipantCriterion,
    ParticipantCriterionStats,
    ParticipantReview,
)

Distribution = tuple[int, int, int, int, int]
NO_RATINGS: Distribution = (0, 0, 0, 0, 0)
_CENT = Decimal("0.01")


def mean_of(distribution: Sequence[int]) -> float | None:
    """Exact mean of ratings 1-5 given their counts, rounded half up to 2 decimals; None when empty."""
    count = sum(distribution)
    if count == 0:
        return None
    total = sum(rating * n for rating, n in enumerate(distribution, start=1))
    return float((Decimal(total) / Decimal(count)).quantize(_CENT, rounding=ROUND_HALF_UP))


def is_small(count: int) -> bool:
    return count < SUPPRESSION_THRESHOLD


@dataclass(frozen=True, slots=True)
class ParticipantTally:
    responses: int = 0
    released: int = 0  # the responses the ratings and levels count (all of them for programme managers)
    activities: int = 0
    distributions: Mapping[ParticipantCriterion, Distribution] = field(default_factory=dict)
    levels: Mapping[CapacityLevel, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionTally:
    responses: int = 0
    expert_responses: int = 0
    partner_responses: int = 0
    actions: int = 0
    distributions: Mapping[EvaluationCriterion, Distribution] = field(default_factory=dict)
    levels: Mapping[CapacityLevel, int] = field(default_factory=dict)
    features: Mapping[GoodPracticeFeature, int] = field(default_factory=dict)


def _cell(distribution: Distribution, suppress: bool) -> dict[str, object]:
    count = sum(distribution)
    if suppress and is_small(count):
        return {"responses": count, "mean": None, "distribution": None, "suppressed": True}
    return {"responses": count, "mean": mean_of(distribution), "distribution": distribution, "suppressed": False}


def participant_review(tally: ParticipantTally, suppress: bool) -> ParticipantReview:
    hidden = suppress and is_small(tally.released)
    return ParticipantReview(
        responses=tally.responses,
        activities=tally.activities,
        criteria=tuple(
            ParticipantCriterionStats.model_validate(
                {"criterion": c, **_cell(tally.distributions.get(c, NO_RATINGS), suppress)}
            )
            for c in ParticipantCriterion
        ),
        capacity_levels=tuple(
            LevelCount(level=level, count=None if hidden else tally.levels.get(level, 0)) for level in CapacityLevel
        ),
        suppressed=hidden,
    )


def action_level_review(tally: ActionTally, suppress: bool) -> ActionLevelReview:
    hidden = suppress and is_small(tally.responses)
    return ActionLevelReview(
        responses=tally.responses,
        expert_responses=tally.expert_responses,
        partner_responses=tally.partner_responses,
        actions=tally.actions,
        criteria=tuple(
            EvaluationCriterionStats.model_validate(
                {"criterion": c, **_cell(tally.distributions.get(c, NO_RATINGS), suppress)}
            )
            for c in EvaluationCriterion
        ),
        capacity_levels_reached=tuple(
            LevelCount(level=level, count=None if hidden else tally.levels.get(level, 0)) for level in CapacityLevel
        ),
        good_practice_features=tuple(
            FeatureCount(feature=f, count=None if hidden else tally.features.get(f, 0)) for f in GoodPracticeFeature
        ),
        suppressed=hidden,
    )
