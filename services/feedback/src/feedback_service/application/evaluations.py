"""External evaluations: recorded by a programme manager (one transaction), read by programme staff and reporting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service_core.application import Application, Result
from service_core.auth import Principal, Role
from service_core.commands import Aggregate
from service_core.errors import Forbidden
from service_core.ports import UnitOfWork

from feedback_service.adapters.evaluations import EvaluationViews, known_actions
from feedback_service.domain.evaluations import (
    RecordExternalEvaluation,
    evaluation_stream,
    record_external_evaluation,
)

# The state that matters is only whether the evaluation is already recorded.
EVALUATION: Aggregate[bool] = Aggregate("external-evaluation", False, lambda _state, _event: True)


def check_may_record_evaluations(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only a programme manager records external evaluations")


def check_may_read_evaluations(principal: Principal) -> None:
    if not any(principal.has(r) for r in (Role.PROGRAMME_MANAGER, Role.REGIONAL_COORDINATOR, Role.REPORTING)):
        raise Forbidden("external evaluations are read by programme staff and reporting")


async def visible_evaluations(
    views: EvaluationViews, principal: Principal, found: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Evaluations as `principal` may see them: the programme's documents, with the Actions they looked at cut
    to the coordinator's region (one lookup for the whole list), and none for `reporting` (aggregates)."""
    if principal.has(Role.PROGRAMME_MANAGER):
        return list(found)
    if principal.has(Role.REGIONAL_COORDINATOR) and principal.region is not None:
        mine = await views.in_region(sorted({a for f in found for a in f["action_ids"]}), principal.region)
        return [{**f, "action_ids": [a for a in f["action_ids"] if a in mine]} for f in found]
    return [{**f, "action_ids": []} for f in found]


async def record_evaluation(app: Application[None], command: RecordExternalEvaluation, principal: Principal) -> Result:
    check_may_record_evaluations(principal)
    stream, today = evaluation_stream(command.evaluation_id), app.today()

    async def work(uow: UnitOfWork) -> Result:
        known = await known_actions(uow, command.action_ids)
        decide = lambda recorded: record_external_evaluation(recorded, command, known, today)  # noqa: E731
        return Result.of(stream, await app.decide(uow, EVALUATION, stream, decide), evaluation_id=command.evaluation_id)

    return await app.transaction(work)
