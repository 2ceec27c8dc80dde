"""SQL of the aggregates: one count per rating value (1-5) per criterion, per capacity level, per feature.

The counts become tallies; means and suppression are computed from them in `domain.stats` (exact decimals).
`r` is the alias of the response table in every statement that uses these select lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.events.actions import CapacityLevel
from contracts.events.feedback import EvaluationCriterion, GoodPracticeFeature, ParticipantCriterion

from feedback_service.domain.stats import ActionTally, Distribution, ParticipantTally

PARTICIPANT_COLUMNS: Mapping[ParticipantCriterion, str] = {c: c.value.lower() for c in ParticipantCriterion}
EVALUATION_COLUMNS: Mapping[EvaluationCriterion, str] = {c: c.value.lower() for c in EvaluationCriterion}
_RATINGS = range(1, 6)


def _rating_counts(columns: Mapping[Any, str]) -> list[str]:
    return [f"count(*) FILTER (WHERE r.{col} = {v}) AS {col}_{v}" for col in columns.values() for v in _RATINGS]


PARTICIPANT_AGGREGATES = ", ".join(
    [
        "count(r.response_id) AS responses",
        "count(DISTINCT r.activity_id) AS activities",
        *_rating_counts(PARTICIPANT_COLUMNS),
        *(f"count(*) FILTER (WHERE r.capacity_level = '{lv}') AS level_{lv.lower()}" for lv in CapacityLevel),
    ]
)
ACTION_AGGREGATES = ", ".join(
    [
        "count(r.feedback_id) AS responses",
        "count(*) FILTER (WHERE r.source = 'EXPERT') AS expert_responses",
        "count(*) FILTER (WHERE r.source = 'PARTNER') AS partner_responses",
        "count(DISTINCT r.action_id) AS actions",
        *_rating_counts(EVALUATION_COLUMNS),
        *(f"count(*) FILTER (WHERE '{lv}' = ANY(r.capacity_levels_reached)) AS level_{lv.lower()}" for lv in CapacityLevel),
        *(f"count(*) FILTER (WHERE '{f}' = ANY(r.good_practice_features)) AS feature_{f.lower()}" for f in GoodPracticeFeature),
    ]
)  # fmt: skip


def _distribution(row: Mapping[str, Any], column: str) -> Distribution:
    a, b, c, d, e = (int(row[f"{column}_{v}"]) for v in _RATINGS)
    return (a, b, c, d, e)


def participant_tally(row: Mapping[str, Any] | None) -> ParticipantTally:
    if row is None:
        return ParticipantTally()
    return ParticipantTally(
        responses=row["responses"],
        activities=row["activities"],
        distributions={c: _distribution(row, col) for c, col in PARTICIPANT_COLUMNS.items()},
        levels={lv: row[f"level_{lv.lower()}"] for lv in CapacityLevel},
    )


def action_tally(row: Mapping[str, Any] | None) -> ActionTally:
    if row is None:
        return ActionTally()
    return ActionTally(
        responses=row["responses"],
        expert_responses=row["expert_responses"],
        partner_responses=row["partner_responses"],
        actions=row["actions"],
        distributions={c: _distribution(row, col) for c, col in EVALUATION_COLUMNS.items()},
        levels={lv: row[f"level_{lv.lower()}"] for lv in CapacityLevel},
        features={f: row[f"feature_{f.lower()}"] for f in GoodPracticeFeature},
    )
