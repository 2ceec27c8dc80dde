"""Queries and mutations on experts, deployments and candidates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.common import UserError, clamp_first, graphql_error
from gateway.schema.connections import Connection, PageArgs, page_args, remote_connection
from gateway.schema.convert import build
from gateway.schema.enums import ExclusionReason
from gateway.schema.expert_inputs import (
    CancelDeploymentInput,
    ConfirmDeploymentInput,
    DeclineDeploymentInput,
    EraseExpertInput,
    EvaluateExpertInput,
    ProposeDeploymentInput,
    ReactivateExpertInput,
    RecordFormerFocalPointInput,
    RegisterExpertInput,
    SuspendExpertInput,
    UpdateExpertProfileInput,
)
from gateway.schema.experts import (
    Candidate,
    CandidateList,
    Deployment,
    ExclusionCount,
    Expert,
    ExpertFilter,
    ExpertOrder,
)
from gateway.schema.global_ids import raw_id
from gateway.schema.plumbing import GInfo, load, run_command, segment, split_id, to_body

TOKEN = "Positions this mutation produced; pass to later queries to read your own write."


@strawberry.type(description="The result of a mutation on an expert: its new state, or typed errors.")
class ExpertPayload:
    expert: Expert | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(description=TOKEN)


@strawberry.type(description="The result of a mutation on a deployment: its new state, or typed errors.")
class DeploymentPayload:
    deployment: Deployment | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(description=TOKEN)


async def _expert_command(info: GInfo, path: str, body: dict[str, Any], method: str = "POST") -> ExpertPayload:
    outcome = await run_command(info, "experts", path, body, method=method)
    view = (outcome.result or {}).get("expert")
    if view:
        info.context.loader("expert").prime(view["id"], view)
    return ExpertPayload(
        expert=build(Expert, view) if view else None, errors=outcome.errors, consistency_token=outcome.token
    )


async def _deployment_command(info: GInfo, path: str, body: dict[str, Any]) -> DeploymentPayload:
    outcome = await run_command(info, "experts", path, body)
    view = (outcome.result or {}).get("deployment")
    return DeploymentPayload(
        deployment=build(Deployment, view) if view else None, errors=outcome.errors, consistency_token=outcome.token
    )


def _mutation(path: str, input_type: type, payload: type, description: str, method: str = "POST") -> Any:
    """A mutation that sends its input to the command route `path` (its `{…_id}`, if any, from the input) and
    answers with `payload`: the expert or the deployment the command changed, or the typed errors."""
    path_id = path.split("{", 1)[1].split("}", 1)[0] if "{" in path else None

    async def resolve(info: GInfo, input: Any) -> Any:
        if path_id is None:
            route, body = path, to_body(input)
        else:
            own_id, body = split_id(input, path_id)
            route = path.replace(f"{{{path_id}}}", own_id)
        if payload is ExpertPayload:
            return await _expert_command(info, route, body, method)
        return await _deployment_command(info, route, body)

    resolve.__annotations__ = {"info": GInfo, "input": input_type, "return": payload}
    return strawberry.mutation(resolver=resolve, description=description)


ExpertOrderArg = Annotated[
    ExpertOrder | None,
    strawberry.argument(description="One field and a direction; by default newest registered first (`REGISTERED_ON`)."),
]


async def expert_connection(
    info: GInfo, filters: dict[str, Any], args: PageArgs, order: ExpertOrder | None = None
) -> Connection[Expert]:
    return await remote_connection(
        info, "experts", "/experts", filters, args, "expert", lambda v: build(Expert, v), order
    )


MAX_LANGUAGES = 20  # a ranking asks for the few languages an activity is held in


def experts_field(description: str, narrowed: Callable[[Any], dict[str, Any]] = lambda _: {}) -> Any:
    """A `experts` connection field (filtered, searched, ordered, paged both ways); `narrowed(node)` fixes filter
    fields for the node it hangs from (a region's or a country's list)."""

    async def experts(
        self: Any,
        info: GInfo,
        filter: ExpertFilter | None = None,
        order_by: ExpertOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Expert]:
        filters = to_body(filter or ExpertFilter()) | to_body(narrowed(self))
        return await expert_connection(info, filters, page_args(info, first, after, last, before), order_by)

    return strawberry.field(resolver=experts, description=description)


@strawberry.type
class ExpertQuery:
    @strawberry.field(description="One expert; personal data only for programme managers and the expert themself.")
    async def expert(self, info: GInfo, id: strawberry.ID) -> Expert | None:
        view = await load(info, "expert", raw_id(id))
        return build(Expert, view) if view else None

    experts = experts_field(
        "The roster, newest registered first (or in `orderBy`), filtered and searched; Relay paging "
        "(`first`/`after`, `last`/`before`; a cursor pages the order it came from)."
    )

    @strawberry.field(
        description="Experts ranked for an activity by thematic fit, language, availability and category (EU "
        "Member State administrations first, R18), with the reasons; never a suspended or double-booked one."
    )
    async def expert_candidates(
        self, info: GInfo, activity_id: strawberry.ID, languages: list[str] | None = None, first: int | None = None
    ) -> CandidateList:
        ctx = info.context
        if languages is not None and len(languages) > MAX_LANGUAGES:
            raise GraphQLError(
                f"at most {MAX_LANGUAGES} languages", extensions={"code": "TOO_MANY_ITEMS", "field": "languages"}
            )
        params: dict[str, Any] = {"language": languages or [], "limit": clamp_first(first, ctx.max_page_size)}
        try:
            found = await ctx.client("experts").get(f"/activities/{segment(raw_id(activity_id))}/candidates", params)
        except (ServiceError, ServiceUnavailable) as exc:
            raise graphql_error(exc) from exc
        return CandidateList(
            items=[build(Candidate, item) for item in found["items"]],
            total_count=int(found["total_count"]),
            excluded=[ExclusionCount(reason=ExclusionReason(k), count=v) for k, v in sorted(found["excluded"].items())],
        )

    @strawberry.field(description="One deployment.")
    async def deployment(self, info: GInfo, id: strawberry.ID) -> Deployment | None:
        view = await load(info, "deployment", raw_id(id))
        return build(Deployment, view) if view else None


@strawberry.type
class ExpertMutation:
    register_expert = _mutation(
        "/experts",
        RegisterExpertInput,
        ExpertPayload,
        "Register an expert in the roster (personal data stays in the service).",
    )
    update_expert_profile = _mutation(
        "/experts/{expert_id}/profile",
        UpdateExpertProfileInput,
        ExpertPayload,
        "Replace an expert's published profile.",
        method="PUT",
    )
    suspend_expert = _mutation(
        "/experts/{expert_id}/suspension",
        SuspendExpertInput,
        ExpertPayload,
        "Suspend an expert (no new proposals; open ones are cancelled).",
    )
    reactivate_expert = _mutation(
        "/experts/{expert_id}/reactivation", ReactivateExpertInput, ExpertPayload, "Reactivate a suspended expert."
    )
    erase_expert = _mutation(
        "/experts/{expert_id}/erasure",
        EraseExpertInput,
        ExpertPayload,
        "Erase an expert's personal data for good, on request.",
    )
    record_former_focal_point = _mutation(
        "/experts/{expert_id}/former-focal-points",
        RecordFormerFocalPointInput,
        ExpertPayload,
        "Record that an expert served as a partner's focal point (programme managers).",
    )
    propose_deployment = _mutation(
        "/deployments", ProposeDeploymentInput, DeploymentPayload, "Propose an expert for a planned activity."
    )
    confirm_deployment = _mutation(
        "/deployments/{deployment_id}/confirmation",
        ConfirmDeploymentInput,
        DeploymentPayload,
        "Confirm a proposed deployment (refused if it overlaps a confirmed one).",
    )
    decline_deployment = _mutation(
        "/deployments/{deployment_id}/decline",
        DeclineDeploymentInput,
        DeploymentPayload,
        "Decline a proposed deployment.",
    )
    cancel_deployment = _mutation(
        "/deployments/{deployment_id}/cancellation",
        CancelDeploymentInput,
        DeploymentPayload,
        "Cancel a deployment (the expert withdrew, or a programme decision).",
    )
    evaluate_expert = _mutation(
        "/deployments/{deployment_id}/evaluation",
        EvaluateExpertInput,
        DeploymentPayload,
        "Evaluate the expert after a completed deployment (EMM).",
    )
