"""Routes of deployments, activities (candidates) and Action compositions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from service_core.app import CurrentPrincipal
from service_core.application import Result
from service_core.auth import Principal
from service_core.errors import InvalidInput
from service_core.store.base import ConcurrencyError

from experts_service.application import access
from experts_service.application.handlers import Cancel, Evaluate, Propose, locate
from experts_service.application.queries import MAX_PAGE, ExpertQueries
from experts_service.domain.commands import CancelDeployment, ConfirmDeployment, DeclineDeployment, EvaluateExpert
from experts_service.entrypoints.deps import DEPLOYMENT_ERRORS, ERRORS, Commands, Queries, Today
from experts_service.entrypoints.schemas import (
    ActionIdsBody,
    ActivityIdsBody,
    CancellationBody,
    ConfirmationBody,
    DeclineBody,
    EvaluationBody,
    ExpertIdsBody,
    ProposeBody,
)
from experts_service.entrypoints.views import (
    ActivityView,
    CandidateList,
    CandidateView,
    CompositionBatch,
    CompositionView,
    DeploymentCommandResponse,
    DeploymentLists,
    DeploymentView,
)

Languages = Annotated[list[str], Query(description="working languages asked for (ISO 639-1), repeatable")]


async def _answer(queries: ExpertQueries, principal: Principal, result: Result) -> DeploymentCommandResponse:
    view = DeploymentView.from_row(await queries.deployment(principal, result.ids["deployment_id"]))
    return DeploymentCommandResponse(deployment=view, version=result.version, position=result.position)


def deployment_router() -> APIRouter:
    router = APIRouter(tags=["deployments"])

    @router.post("/deployments", status_code=201, summary="Propose an expert for an activity",
                 responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def propose(
        body: ProposeBody, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> DeploymentCommandResponse:
        if body.expected_version is not None:
            # the expert the proposal is recorded on, as its profile was read (its stream's version)
            expert = await queries.get(principal, body.expert_id)
            if expert["version"] != body.expected_version:
                raise ConcurrencyError(body.expert_id, body.expected_version, expert["version"])
        result = await commands.handle(Propose(body.expert_id, body.activity_id, commands.new_id()), principal)
        return await _answer(queries, principal, result)

    @router.get("/deployments/{deployment_id}", summary="One deployment", responses=DEPLOYMENT_ERRORS)
    async def get_deployment(deployment_id: str, principal: CurrentPrincipal, queries: Queries) -> DeploymentView:
        return DeploymentView.from_row(await queries.deployment(principal, deployment_id))

    @router.post("/deployments/{deployment_id}/confirmation", summary="The expert confirms (no double booking)",
                 responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def confirm(
        deployment_id: str, body: ConfirmationBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, today: Today,
    ) -> DeploymentCommandResponse:  # fmt: skip
        expert_id, _ = await locate(commands, deployment_id, principal, access.check_may_answer)
        command = ConfirmDeployment(expert_id, deployment_id, body.confirmed_on or today, body.expected_version)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @router.post("/deployments/{deployment_id}/decline", summary="The expert declines a proposal",
                 responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def decline(
        deployment_id: str, body: DeclineBody, principal: CurrentPrincipal, commands: Commands, queries: Queries,
        today: Today,
    ) -> DeploymentCommandResponse:  # fmt: skip
        expert_id, _ = await locate(commands, deployment_id, principal, access.check_may_answer)
        command = DeclineDeployment(expert_id, deployment_id, body.reason, body.declined_on or today,
                                    body.expected_version)  # fmt: skip
        return await _answer(queries, principal, await commands.handle(command, principal))

    @router.post("/deployments/{deployment_id}/cancellation", summary="Cancel a proposed or confirmed deployment",
                 responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def cancel(
        deployment_id: str, body: CancellationBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, today: Today,
    ) -> DeploymentCommandResponse:  # fmt: skip
        expert_id, region = await locate(commands, deployment_id, principal, access.check_may_propose)
        command = CancelDeployment(expert_id, deployment_id, body.reason, body.cancelled_on or today,
                                   body.expected_version)  # fmt: skip
        return await _answer(queries, principal, await commands.handle(Cancel(command, region), principal))

    @router.post("/deployments/{deployment_id}/evaluation", summary="Evaluate the expert after a completed deployment",
                 responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def evaluate(
        deployment_id: str, body: EvaluationBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, today: Today,
    ) -> DeploymentCommandResponse:  # fmt: skip
        expert_id, _ = await locate(commands, deployment_id, principal, access.check_may_evaluate)
        command = EvaluateExpert(
            expert_id, deployment_id, commands.new_id(), body.expertise, body.communication, body.preparation,
            body.evaluated_on or today, body.expected_version,
        )  # fmt: skip
        return await _answer(queries, principal, await commands.handle(Evaluate(command, body.notes), principal))

    @router.post("/deployments/batch-by-activity", summary="Deployments of many activities: one list per id",
                 responses=ERRORS)  # fmt: skip
    async def by_activity(body: ActivityIdsBody, principal: CurrentPrincipal, queries: Queries) -> DeploymentLists:
        found = await queries.deployments_by(principal, "activity_id", body.activity_ids)
        return DeploymentLists(items=[[DeploymentView.from_row(r) for r in rows] for rows in found])

    @router.post("/deployments/batch-by-expert", summary="Deployments of many experts: one list per id",
                 responses=ERRORS)  # fmt: skip
    async def by_expert(body: ExpertIdsBody, principal: CurrentPrincipal, queries: Queries) -> DeploymentLists:
        found = await queries.deployments_by(principal, "expert_id", body.expert_ids)
        return DeploymentLists(items=[[DeploymentView.from_row(r) for r in rows] for rows in found])

    @router.get("/activities/{activity_id}", summary="An activity as known from mieux.actions.v1",
                responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def get_activity(activity_id: str, principal: CurrentPrincipal, queries: Queries) -> ActivityView:
        return ActivityView.from_row(await queries.activity(principal, activity_id))

    @router.get("/activities/{activity_id}/candidates", summary="Ranked candidates for an activity, with reasons",
                responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def candidates(
        activity_id: str,
        principal: CurrentPrincipal,
        queries: Queries,
        language: Languages = [],  # noqa: B006 - FastAPI copies query defaults
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    ) -> CandidateList:
        for index, code in enumerate(language):
            if len(code) != 2 or not code.isalpha() or not code.islower():
                raise InvalidInput("VALIDATION_ERROR", "language: an ISO 639-1 code", f"language.{index}")
        found = await queries.candidates(principal, activity_id, language)
        ranked = found.ranking.ranked
        return CandidateList(
            activity=ActivityView.from_row(found.activity),
            languages=language,
            items=[CandidateView.of(r) for r in ranked[:limit]],
            total_count=len(ranked),
            excluded=found.ranking.excluded,
        )

    @router.get("/actions/{action_id}/composition", summary="Experts of an Action by category and nationality (R16-R19)",
                responses=DEPLOYMENT_ERRORS)  # fmt: skip
    async def composition(action_id: str, principal: CurrentPrincipal, queries: Queries) -> CompositionView:
        return CompositionView.of(await queries.composition(principal, action_id))

    @router.post("/compositions/batch-by-action", summary="Compositions of many Actions: one per id (null if hidden)",
                 responses=ERRORS)  # fmt: skip
    async def compositions(body: ActionIdsBody, principal: CurrentPrincipal, queries: Queries) -> CompositionBatch:
        found = await queries.compositions(principal, body.action_ids)
        return CompositionBatch(items=[CompositionView.of(c) if c else None for c in found])

    return router
