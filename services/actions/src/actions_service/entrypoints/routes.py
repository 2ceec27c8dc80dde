"""HTTP routes of Actions (thin): reads, batches for DataLoaders, the Fiche, planning, completion."""

from __future__ import annotations

from typing import Annotated

from contracts.bodies.actions import (
    AgreeFicheBody,
    ClassificationBody,
    ComplementaryActorBody,
    CompleteActionBody,
    DraftFicheBody,
    EndorseFicheBody,
    FollowUpBody,
    IdsBody,
    LessonBody,
    OutcomeBody,
    PlanActivityBody,
    RecordDeliverableBody,
    ReplicationBody,
    RequestIdsBody,
)
from contracts.events.actions import Phase
from contracts.events.requests import Region, ThematicArea
from contracts.views.actions import ActionStatus
from fastapi import APIRouter, Depends, Path, Query
from service_core.app import CurrentPrincipal
from service_core.bodies import command_from
from service_core.page_params import PageRequest, page_request
from service_core.portfolio_routes import portfolio_router

from actions_service.adapters import portfolio
from actions_service.adapters.views import ActionFilter
from actions_service.domain.commands import (
    ActivityPlan,
    AgreeFiche,
    ClassifyAction,
    CompleteAction,
    DraftFiche,
    EndorseFiche,
    PlanActivity,
    RecordComplementaryActor,
    RecordDeliverable,
    RecordFollowUp,
    RecordLesson,
    RecordOutcome,
    RecordReplication,
)
from actions_service.entrypoints.activity_routes import activity_router, plan_of
from actions_service.entrypoints.deps import COMMAND_ERRORS, ERRORS, Commands, Queries, Today, answer
from actions_service.entrypoints.views import ActionBatch, ActionPage, ActionView, CommandResponse, TopicCatalogue

ActionCode = Annotated[str, Path(pattern=r"^\d{4}-\d{2,}$", description="YYYY-NN", examples=["2016-07"])]


def build_router() -> APIRouter:
    router = APIRouter()
    actions = APIRouter(prefix="/actions", tags=["actions"])

    @actions.get("", summary="List Actions visible to the token, latest approved first", responses=ERRORS)
    async def list_actions(
        principal: CurrentPrincipal,
        paging: Annotated[PageRequest, Depends(page_request)],
        queries: Queries,
        on: Today,
        region: Region | None = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")] = None,
        phase: Phase | None = None,
        thematic_area: ThematicArea | None = None,
        status: ActionStatus | None = None,
        launched_late: Annotated[bool | None, Query(description="R10, computed against today")] = None,
        request_id: Annotated[str | None, Query(max_length=64)] = None,
        authority_id: Annotated[str | None, Query(max_length=80)] = None,
    ) -> ActionPage:
        filters = ActionFilter(
            region=region,
            country=country,
            phase=phase,
            thematic_area=thematic_area,
            status=status,
            launched_late=launched_late,
            request_id=request_id,
            authority_id=authority_id,
        )
        page = await queries.page(principal, filters, paging.limit, paging.position, on)
        return ActionPage(
            items=[ActionView.from_row(row, on) for row in page.rows],
            cursors=page.cursors,
            total_count=page.total_count,
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            next_cursor=page.next_cursor,
        )

    @actions.post("/batch", summary="Actions by id (DataLoaders): one item per id", responses=ERRORS)
    async def batch(body: IdsBody, principal: CurrentPrincipal, queries: Queries, on: Today) -> ActionBatch:
        rows = await queries.batch(principal, body.ids)
        return ActionBatch(items=[ActionView.from_row(row, on) if row else None for row in rows])

    @actions.post(
        "/batch-by-request", summary="The Action of each request (DataLoaders): one item per id", responses=ERRORS
    )
    async def batch_by_request(
        body: RequestIdsBody, principal: CurrentPrincipal, queries: Queries, on: Today
    ) -> ActionBatch:
        rows = await queries.batch_by_request(principal, body.request_ids)
        return ActionBatch(items=[ActionView.from_row(row, on) if row else None for row in rows])

    @actions.get("/by-code/{code}", summary="One Action by its code (YYYY-NN)", responses=COMMAND_ERRORS)
    async def get_by_code(code: ActionCode, principal: CurrentPrincipal, queries: Queries, on: Today) -> ActionView:
        return ActionView.from_row(await queries.by_code(principal, code), on)

    @actions.get("/{action_id}", summary="One Action", responses=COMMAND_ERRORS)
    async def get_action(action_id: str, principal: CurrentPrincipal, queries: Queries, on: Today) -> ActionView:
        return ActionView.from_row(await queries.get(principal, action_id), on)

    @actions.post(
        "/{action_id}/fiche", summary="Draft a revision of the Action Fiche (R05, R06)", responses=COMMAND_ERRORS
    )
    async def draft_fiche(
        action_id: str,
        body: DraftFicheBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        command = command_from(DraftFiche, body, today=on, action_id=action_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/fiche/agreement",
        summary="MIEUX team, steering group and partner authority agree the Fiche (R05)",
        responses=COMMAND_ERRORS,
    )
    async def agree_fiche(
        action_id: str,
        body: AgreeFicheBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        command = command_from(AgreeFiche, body, today=on, action_id=action_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/fiche/endorsement",
        summary="The requesting institution's leadership endorsed the Action (R24)",
        responses=COMMAND_ERRORS,
    )
    async def endorse_fiche(
        action_id: str,
        body: EndorseFicheBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        command = command_from(EndorseFiche, body, today=on, action_id=action_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.put(
        "/{action_id}/classification",
        summary="Topics of the catalogue and cross-cutting issues the Action works on (replaces the earlier ones)",
        responses=COMMAND_ERRORS,
    )
    async def classify(
        action_id: str,
        body: ClassificationBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        command = command_from(ClassifyAction, body, today=on, action_id=action_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/lessons",
        status_code=201,
        summary="Record a lesson learnt or a good practice",
        responses=COMMAND_ERRORS,
    )
    async def record_lesson(
        action_id: str, body: LessonBody, principal: CurrentPrincipal, commands: Commands, queries: Queries, on: Today
    ) -> CommandResponse:
        command = command_from(RecordLesson, body, today=on, action_id=action_id, lesson_id=commands.new_id())
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/outcomes",
        status_code=201,
        summary="Record an outcome and the deliverables it stems from",
        responses=COMMAND_ERRORS,
    )
    async def record_outcome(
        action_id: str, body: OutcomeBody, principal: CurrentPrincipal, commands: Commands, queries: Queries, on: Today
    ) -> CommandResponse:
        command = command_from(RecordOutcome, body, today=on, action_id=action_id, outcome_id=commands.new_id())
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/follow-ups",
        status_code=201,
        summary="Record what became of the Action (the follow-up exercise): mechanisms set up and whether they lasted",
        responses=COMMAND_ERRORS,
    )
    async def record_follow_up(
        action_id: str, body: FollowUpBody, principal: CurrentPrincipal, commands: Commands, queries: Queries, on: Today
    ) -> CommandResponse:
        command = command_from(RecordFollowUp, body, today=on, action_id=action_id, follow_up_id=commands.new_id())
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/replications",
        status_code=201,
        summary="Record the Action's practice taken up in another country",
        responses=COMMAND_ERRORS,
    )
    async def record_replication(
        action_id: str, body: ReplicationBody, principal: CurrentPrincipal, commands: Commands, queries: Queries,
        on: Today,
    ) -> CommandResponse:  # fmt: skip
        command = command_from(RecordReplication, body, today=on, action_id=action_id, replication_id=commands.new_id())
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/complementary-actors",
        status_code=201,
        summary="Record another actor's initiative the Action complements (R27)",
        responses=COMMAND_ERRORS,
    )
    async def record_complementary_actor(
        action_id: str, body: ComplementaryActorBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, on: Today,
    ) -> CommandResponse:  # fmt: skip
        command = command_from(
            RecordComplementaryActor, body, today=on, action_id=action_id, actor_id=commands.new_id()
        )
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/activities", status_code=201, summary="Plan an activity (R09)", responses=COMMAND_ERRORS
    )
    async def plan_activity(
        action_id: str,
        body: PlanActivityBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        plan: ActivityPlan = plan_of(body)
        command = PlanActivity(action_id, commands.new_id(), plan, body.reason, body.expected_version)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/deliverables",
        status_code=201,
        summary="Record a deliverable (also after completion); it starts DRAFTED",
        responses=COMMAND_ERRORS,
    )
    async def record_deliverable(
        action_id: str,
        body: RecordDeliverableBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        command = command_from(RecordDeliverable, body, today=on, action_id=action_id, deliverable_id=commands.new_id())
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @actions.post(
        "/{action_id}/completion",
        summary="Complete the Action: every activity not cancelled is held (R20)",
        responses=COMMAND_ERRORS,
    )
    async def complete(
        action_id: str,
        body: CompleteActionBody,
        principal: CurrentPrincipal,
        commands: Commands,
        queries: Queries,
        on: Today,
    ) -> CommandResponse:
        command = command_from(CompleteAction, body, today=on, action_id=action_id)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    @router.get("/topics", tags=["actions"], summary="The topic catalogue Actions are classified with")
    async def topics(_: CurrentPrincipal) -> TopicCatalogue:
        return TopicCatalogue.of_catalogue()

    router.include_router(actions)
    router.include_router(activity_router())
    router.include_router(portfolio_router("actions", portfolio.figures, portfolio.empty, portfolio.IGNORED))
    return router
