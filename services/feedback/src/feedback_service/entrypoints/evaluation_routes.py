"""HTTP routes of external evaluations of the programme."""

from __future__ import annotations

from typing import Annotated

from contracts.events.feedback import CriterionFinding, EvaluationKind, ExternalEvaluationRecorded
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from service_core.app import CurrentPrincipal
from service_core.dependencies import Context
from service_core.errors import NotFound

from feedback_service.adapters.evaluations import EvaluationViews
from feedback_service.application.evaluations import check_may_read_evaluations, visible_evaluations
from feedback_service.domain.evaluations import RecordExternalEvaluation
from feedback_service.entrypoints.deps import BY_ID_ERRORS, ERRORS, Commands
from feedback_service.entrypoints.schemas import ExternalEvaluationBody


class EvaluationList(BaseModel):
    items: list[ExternalEvaluationRecorded]


class EvaluationAnswer(BaseModel):
    evaluation: ExternalEvaluationRecorded
    position: int = Field(description="global store position of the last event appended (consistency token)")


def evaluation_router() -> APIRouter:
    router = APIRouter(prefix="/evaluations", tags=["external evaluations"])

    @router.post("", status_code=201, summary="Record an external evaluation of the programme (programme managers)",
                 responses=BY_ID_ERRORS)  # fmt: skip
    async def record(
        body: ExternalEvaluationBody, principal: CurrentPrincipal, commands: Commands, ctx: Context
    ) -> EvaluationAnswer:
        findings = tuple(CriterionFinding(**f.model_dump()) for f in body.findings)
        command = RecordExternalEvaluation(
            commands.new_id(), body.kind, body.title, body.evaluator, body.started_on, body.ended_on, findings,
            tuple(body.countries_visited), tuple(body.action_ids), tuple(body.recommendations),
        )  # fmt: skip
        result = await commands.handle(command, principal)
        views = EvaluationViews(ctx.pool)
        found = await views.one(command.evaluation_id)
        assert found is not None  # written in the command's transaction
        evaluation = ExternalEvaluationRecorded.model_validate(
            (await visible_evaluations(views, principal, [found]))[0]
        )
        return EvaluationAnswer(evaluation=evaluation, position=result.position)

    @router.get("", summary="External evaluations, latest first", responses=ERRORS)
    async def listed(
        principal: CurrentPrincipal,
        ctx: Context,
        kind: EvaluationKind | None = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 50,
    ) -> EvaluationList:
        check_may_read_evaluations(principal)
        views = EvaluationViews(ctx.pool)
        rows = await views.listed(str(kind) if kind else None, limit)
        items = [
            ExternalEvaluationRecorded.model_validate(r) for r in await visible_evaluations(views, principal, rows)
        ]
        return EvaluationList(items=items)

    @router.get("/{evaluation_id}", summary="One external evaluation", responses=ERRORS)
    async def one(evaluation_id: str, principal: CurrentPrincipal, ctx: Context) -> ExternalEvaluationRecorded:
        check_may_read_evaluations(principal)
        views = EvaluationViews(ctx.pool)
        found = await views.one(evaluation_id)
        if found is None:
            raise NotFound("evaluation", evaluation_id)
        return ExternalEvaluationRecorded.model_validate((await visible_evaluations(views, principal, [found]))[0])

    return router
