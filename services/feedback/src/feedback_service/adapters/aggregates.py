"""SQL of the aggregates: one count per rating value (1-5) per criterion, per capacity level, per feature.

The counts become tallies; means and suppression are computed from them in `domain.stats` (exact decimals).
`r` is the alias of the response table in every statement that uses these select lists.

Participant figures shown below programme manager count only *released* responses (`RELEASED`): those in
whole blocks of `SUPPRESSION_THRESHOLD` of their activity, in the order they were recorded. A summary then
moves only by a block of five responses at a time, so no reading minus an earlier one isolates a response.
`responses` always counts every response.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.events.actions import CapacityLevel
from contracts.events.feedback import (
    SUPPRESSION_THRESHOLD,
    EvaluationCriterion,
    GoodPracticeFeature,
    ParticipantCriterion,
)

from feedback_service.domain.stats import ActionTally, Distribution, ParticipantTally

PARTICIPANT_COLUMNS: Mapping[ParticipantCriterion, str] = {c: c.value.lower() for c in ParticipantCriterion}
EVALUATION_COLUMNS: Mapping[EvaluationCriterion, str] = {c: c.value.lower() for c in EvaluationCriterion}
_RATINGS = range(1, 6)


ALL_RESPONSES = "true"
RELEASED = (
    f"r.seq <= (SELECT max(c.seq) FROM participant_response c WHERE c.activity_id = r.activity_id)"
    f" / {SUPPRESSION_THRESHOLD} * {SUPPRESSION_THRESHOLD}"
)


def _rating_counts(columns: Mapping[Any, str], counted: str = ALL_RESPONSES) -> list[str]:
    return [
        f"count(*) FILTER (WHERE r.{col} = {v} AND {counted}) AS {col}_{v}"
        for col in columns.values()
        for v in _RATINGS
    ]


def participant_aggregates(counted: str = ALL_RESPONSES) -> str:
    """The select list of participant tallies; ratings and levels over the responses `counted` selects."""
    return ", ".join(
        [
            "count(r.response_id) AS responses",
            f"count(r.response_id) FILTER (WHERE {counted}) AS released",
            "count(DISTINCT r.activity_id) AS activities",
            *_rating_counts(PARTICIPANT_COLUMNS, counted),
            *(
                f"count(*) FILTER (WHERE r.capacity_level = '{lv}' AND {counted}) AS level_{lv.lower()}"
                for lv in CapacityLevel
            ),
        ]
    )


def participant_counted(suppress: bool) -> str:
    """What participant figures count: every response for programme managers, released ones for the rest."""
    return RELEASED if suppress else ALL_RESPONSES


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
        released=row["released"],
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
