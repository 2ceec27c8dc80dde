"""Routes of the roster: register, read, update, suspend, reactivate, erase personal data."""

from __future__ import annotations

from typing import Annotated

from contracts.events.experts import ExpertCategory, Sector
from contracts.events.requests import Region, ThematicArea
from contracts.views.experts import ExpertStatus
from fastapi import APIRouter, Depends, Query
from service_core.app import CurrentPrincipal
from service_core.application import Result
from service_core.auth import Principal
from service_core.inputs import ProgrammeDate
from service_core.page_params import LISTED, PageRequest, ordering, page_request, values
from service_core.paging import MAX_SEARCH, Order

from experts_service.adapters.views import ORDERS, ExpertFilter
from experts_service.application.handlers import Register, ServedAsFocalPoint, change_personal_data, expert_id_for
from experts_service.application.queries import ExpertQueries
from experts_service.domain.commands import (
    ErasePersonalData,
    ReactivateExpert,
    RegisterExpert,
    SuspendExpert,
    UpdateProfile,
)
from experts_service.entrypoints.deps import COMMAND_ERRORS, ERRORS, Commands, Queries, Today
from experts_service.entrypoints.schemas import (
    ErasureBody,
    FormerFocalPointBody,
    IdsBody,
    PersonalDataIn,
    ReactivationBody,
    RegisterExpertBody,
    SuspensionBody,
    UpdateProfileBody,
    personal_data_of,
    profile_of,
)
from experts_service.entrypoints.views import ExpertBatch, ExpertCommandResponse, ExpertPage, ExpertView

Country = Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")]


Language = Annotated[str | None, Query(pattern=r"^[a-z]{2}$", description="ISO 639-1")]


async def _answer(queries: ExpertQueries, principal: Principal, result: Result) -> ExpertCommandResponse:
    view = ExpertView.from_row(await queries.get(principal, result.stream_id))
    return ExpertCommandResponse(expert=view, version=result.version, position=result.position)


def expert_router() -> APIRouter:
    router = APIRouter(prefix="/experts", tags=["experts"])

    @router.post("", status_code=201, summary="Register an expert in the roster (EAR)", responses=COMMAND_ERRORS)
    async def register(
        body: RegisterExpertBody, principal: CurrentPrincipal, commands: Commands, queries: Queries, today: Today
    ) -> ExpertCommandResponse:
        command = RegisterExpert(expert_id_for(body.external_reference, commands.new_id), profile_of(body.profile),
                                 body.registered_on or today)  # fmt: skip
        result = await commands.handle(Register(command, personal_data_of(body.personal_data)), principal)
        return await _answer(queries, principal, result)

    @router.get(
        "",
        summary="List experts visible to the token, newest registered first (or in `order_by`), filtered, searched",
        responses=ERRORS,
    )
    async def list_experts(
        principal: CurrentPrincipal,
        paging: Annotated[PageRequest, Depends(page_request)],
        order: Annotated[Order, Depends(ordering(ORDERS))],
        queries: Queries,
        category: ExpertCategory | None = None,
        member_state: Country = None,
        nationality: Country = None,
        sector: Sector | None = None,
        thematic_area: ThematicArea | None = None,
        topic: Annotated[str | None, Query(max_length=80)] = None,
        language: Language = None,
        working_language: Annotated[str | None, Query(pattern=r"^[a-z]{2}$", description="at B2 or above")] = None,
        certification: Annotated[str | None, Query(max_length=64)] = None,
        available_from: ProgrammeDate | None = None,
        available_to: ProgrammeDate | None = None,
        deployed: Annotated[bool | None, Query(description="has a confirmed or completed deployment")] = None,
        status: Annotated[str | None, Query(pattern=r"^(ACTIVE|SUSPENDED|ERASED)$")] = None,
        deployed_in_region: Region | None = None,
        region_in: Annotated[list[Region] | None, LISTED] = None,
        status_in: Annotated[list[ExpertStatus] | None, LISTED] = None,
        search: Annotated[
            str | None,
            Query(
                max_length=MAX_SEARCH,
                description="words of the name, organisation or CV (personal data: "
                "programme managers and the expert; PERSONAL_DATA_HIDDEN for the others)",
            ),
        ] = None,
    ) -> ExpertPage:
        filters = ExpertFilter(
            category=category, member_state=member_state, nationality=nationality, sector=sector,
            thematic_area=thematic_area, topic=topic, language=language, working_language=working_language,
            certification=certification, available_from=available_from, available_to=available_to,
            deployed=deployed, status=status, deployed_in_region=deployed_in_region, region_in=values(region_in),
            status_in=values(status_in), search=search,
        )  # fmt: skip
        page = await queries.page(principal, filters, paging.limit, paging.position, order)
        return ExpertPage(
            items=[ExpertView.from_row(row) for row in page.rows],
            cursors=page.cursors,
            total_count=page.total_count,
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            next_cursor=page.next_cursor,
        )

    @router.post("/batch", summary="Read many experts by id (DataLoaders): one item per id", responses=ERRORS)
    async def batch(body: IdsBody, principal: CurrentPrincipal, queries: Queries) -> ExpertBatch:
        rows = await queries.batch(principal, body.ids)
        return ExpertBatch(items=[ExpertView.from_row(row) if row else None for row in rows])

    @router.get("/{expert_id}", summary="One expert", responses=COMMAND_ERRORS)
    async def get_expert(expert_id: str, principal: CurrentPrincipal, queries: Queries) -> ExpertView:
        return ExpertView.from_row(await queries.get(principal, expert_id))

    @router.put("/{expert_id}/profile", summary="Replace the expert's profile", responses=COMMAND_ERRORS)
    async def update_profile(
        expert_id: str, body: UpdateProfileBody, principal: CurrentPrincipal, commands: Commands, queries: Queries,
        today: Today,
    ) -> ExpertCommandResponse:  # fmt: skip
        command = UpdateProfile(expert_id, profile_of(body.profile), body.updated_on or today, body.expected_version)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @router.put(
        "/{expert_id}/personal-data", summary="Replace the expert's personal data (not an event)",
        responses=COMMAND_ERRORS,
    )  # fmt: skip
    async def update_personal_data(
        expert_id: str, body: PersonalDataIn, principal: CurrentPrincipal, commands: Commands, queries: Queries
    ) -> ExpertView:
        await change_personal_data(commands, expert_id, personal_data_of(body), principal)
        return ExpertView.from_row(await queries.get(principal, expert_id))

    @router.post("/{expert_id}/suspension", summary="Suspend the expert", responses=COMMAND_ERRORS)
    async def suspend(
        expert_id: str, body: SuspensionBody, principal: CurrentPrincipal, commands: Commands, queries: Queries,
        today: Today,
    ) -> ExpertCommandResponse:  # fmt: skip
        command = SuspendExpert(expert_id, body.reason, body.suspended_on or today, body.expected_version)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @router.post("/{expert_id}/reactivation", summary="Reactivate a suspended expert", responses=COMMAND_ERRORS)
    async def reactivate(
        expert_id: str, body: ReactivationBody, principal: CurrentPrincipal, commands: Commands, queries: Queries,
        today: Today,
    ) -> ExpertCommandResponse:  # fmt: skip
        command = ReactivateExpert(expert_id, body.reactivated_on or today, body.expected_version)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @router.post(
        "/{expert_id}/erasure", summary="Erase the expert's personal data for good, on request",
        responses=COMMAND_ERRORS,
    )  # fmt: skip
    async def erase(
        expert_id: str, body: ErasureBody, principal: CurrentPrincipal, commands: Commands, queries: Queries,
        today: Today,
    ) -> ExpertCommandResponse:  # fmt: skip
        command = ErasePersonalData(expert_id, body.erased_on or today, body.expected_version)
        return await _answer(queries, principal, await commands.handle(command, principal))

    @router.post(
        "/{expert_id}/former-focal-points", status_code=201, responses=COMMAND_ERRORS,
        summary="Record that the expert served as a focal point of a request (known from mieux.requests.v1)",
    )  # fmt: skip
    async def record_former_focal_point(
        expert_id: str, body: FormerFocalPointBody, principal: CurrentPrincipal, commands: Commands,
        queries: Queries, today: Today,
    ) -> ExpertCommandResponse:  # fmt: skip
        command = ServedAsFocalPoint(expert_id, body.focal_point_id, body.recorded_on or today, body.expected_version)
        return await _answer(queries, principal, await commands.handle(command, principal))

    return router
