"""External evaluations of the programme (results-oriented monitoring against the DAC criteria, the impact
evaluation with its country visits): recorded once each, by a programme manager, from the evaluation's report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.events.feedback import CriterionFinding, EvaluationKind, ExternalEvaluationRecorded
from contracts.reference import country

from feedback_service.domain import errors as e


@dataclass(frozen=True, slots=True)
class RecordExternalEvaluation:
    evaluation_id: str
    kind: EvaluationKind
    title: str
    evaluator: str
    started_on: date
    ended_on: date
    findings: tuple[CriterionFinding, ...]
    countries_visited: tuple[str, ...]
    action_ids: tuple[str, ...]
    recommendations: tuple[str, ...]


def evaluation_stream(evaluation_id: str) -> str:
    return f"external-evaluation:{evaluation_id}"


def record_external_evaluation(
    recorded: bool, command: RecordExternalEvaluation, known_actions: frozenset[str], today: date
) -> list[ExternalEvaluationRecorded]:
    """`recorded`: the evaluation's stream already holds it (a retried command changes nothing)."""
    if recorded:
        return []
    if command.ended_on > today:
        raise e.InvalidCommand(
            e.DATE_IN_FUTURE, f"ended_on {command.ended_on.isoformat()} is in the future", "ended_on"
        )
    if command.ended_on < command.started_on:
        raise e.InvalidCommand(e.ENDS_BEFORE_STARTS, "ended_on precedes started_on", "ended_on")
    _check_unique([f.criterion for f in command.findings], "findings", "criterion")
    _check_unique(list(command.countries_visited), "countries_visited")
    _check_unique(list(command.action_ids), "action_ids")
    for i, code in enumerate(command.countries_visited):
        if country(code) is None:
            raise e.InvalidCommand(e.UNKNOWN_COUNTRY, f"{code!r} is not an ISO 3166-1 alpha-2 code",
                                   f"countries_visited.{i}")  # fmt: skip
    for i, action_id in enumerate(command.action_ids):
        if action_id not in known_actions:
            raise e.InvalidCommand(e.UNKNOWN_ACTION, f"{action_id!r} is not an Action of the programme",
                                   f"action_ids.{i}")  # fmt: skip
    return [
        ExternalEvaluationRecorded(
            evaluation_id=command.evaluation_id, kind=command.kind, title=command.title, evaluator=command.evaluator,
            started_on=command.started_on, ended_on=command.ended_on, findings=command.findings,
            countries_visited=command.countries_visited, action_ids=command.action_ids,
            recommendations=command.recommendations,
        )
    ]  # fmt: skip


def _check_unique(values: list[object], field: str, part: str | None = None) -> None:
    seen: set[object] = set()
    for i, value in enumerate(values):
        if value in seen:
            where = f"{field}.{i}.{part}" if part else f"{field}.{i}"
            raise e.InvalidCommand(e.DUPLICATE_VALUE, f"{value} is given twice", where)
        seen.add(value)
