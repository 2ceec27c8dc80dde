"""Queries and mutations on Actions, activities and deliverables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from gateway.schema.action_inputs import (
    AgreeActionFicheInput,
    CancelActivityInput,
    ChangeDeliverableStatusInput,
    ClassifyActionInput,
    CompleteActionInput,
    DraftActionFicheInput,
    EndorseActionFicheInput,
    PlanActivityInput,
    RecordActionFollowUpInput,
    RecordActionLessonInput,
    RecordActionOutcomeInput,
    RecordActionReplicationInput,
    RecordActivityCoFacilitationInput,
    RecordActivityHeldInput,
    RecordComplementaryActorInput,
    RecordDeliverableInput,
    ReplanActivityInput,
    RescheduleActivityInput,
)
from gateway.schema.actions import Action, ActionFilter, ActionOrder, Activity, Deliverable
from gateway.schema.common import UserError
from gateway.schema.connections import Connection, PageArgs, page_args, remote_connection
from gateway.schema.convert import build, hints_of
from gateway.schema.global_ids import raw_id
from gateway.schema.plumbing import GInfo, load, run_command, split_id, to_body

TOKEN = "Positions this mutation produced; pass to later queries to read your own write."


@strawberry.type(description="The result of a mutation on an Action: its new state, or typed errors.")
class ActionPayload:
    action: Action | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(description=TOKEN)


@strawberry.type(description="The result of a mutation on an activity: the activity and its Action, or typed errors.")
class ActivityPayload:
    activity: Activity | None
    action: Action | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(description=TOKEN)


@strawberry.type(description="The result of a mutation on a deliverable: it and its Action, or typed errors.")
class DeliverablePayload:
    deliverable: Deliverable | None
    action: Action | None
    errors: list[UserError]
    consistency_token: str | None = strawberry.field(description=TOKEN)


async def _command(info: GInfo, path: str, body: dict[str, Any], method: str = "POST") -> tuple[Any, dict[str, Any]]:
    """The command's outcome and the service's answer ({} when refused); the new Action primes its loader."""
    outcome = await run_command(info, "actions", path, body, method)
    result = outcome.result or {}
    if result.get("action"):
        info.context.loader("action").prime(result["action"]["id"], result["action"])
    return outcome, result


def _built(cls: Any, view: dict[str, Any] | None) -> Any:
    return build(cls, view) if view else None


_PARTS = {"action": Action, "activity": Activity, "deliverable": Deliverable}


def _mutation(path: str, input_type: type, payload: type, description: str, method: str = "POST") -> Any:
    """A mutation that sends its input to the command route `path` (its `{…_id}` from the input) and answers
    with `payload`: the parts of the Action the command changed, or the typed errors."""
    path_id = path.split("{", 1)[1].split("}", 1)[0]
    parts = [name for name in _PARTS if name in hints_of(payload)]

    async def resolve(info: GInfo, input: Any) -> Any:
        own_id, body = split_id(input, path_id)
        outcome, result = await _command(info, path.replace(f"{{{path_id}}}", own_id), body, method)
        built = {name: _built(_PARTS[name], result.get(name)) for name in parts}
        return payload(**built, errors=outcome.errors, consistency_token=outcome.token)

    resolve.__annotations__ = {"info": GInfo, "input": input_type, "return": payload}
    return strawberry.mutation(resolver=resolve, description=description)


ActionOrderArg = Annotated[
    ActionOrder | None,
    strawberry.argument(description="One field and a direction; by default latest approved first (`APPROVED_ON`)."),
]


async def action_connection(
    info: GInfo, filters: dict[str, Any], args: PageArgs, order: ActionOrder | None = None
) -> Connection[Action]:
    return await remote_connection(
        info, "actions", "/actions", filters, args, "action", lambda v: build(Action, v), order
    )


def actions_field(description: str, narrowed: Callable[[Any], dict[str, Any]] = lambda _: {}) -> Any:
    """A `actions` connection field (filtered, searched, ordered, paged both ways); `narrowed(node)` fixes filter
    fields for the node it hangs from (a region's or a country's list)."""

    async def actions(
        self: Any,
        info: GInfo,
        filter: ActionFilter | None = None,
        order_by: ActionOrderArg = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Action]:
        filters = to_body(filter or ActionFilter()) | to_body(narrowed(self))
        return await action_connection(info, filters, page_args(info, first, after, last, before), order_by)

    return strawberry.field(resolver=actions, description=description)


@strawberry.type
class ActionQuery:
    @strawberry.field(description="One Action by id; null when unknown or outside your access.")
    async def action(self, info: GInfo, id: strawberry.ID) -> Action | None:
        view = await load(info, "action", raw_id(id))
        return build(Action, view) if view else None

    @strawberry.field(description="One Action by code (YYYY-NN); null when unknown or outside your access.")
    async def action_by_code(self, info: GInfo, code: str) -> Action | None:
        view = await load(info, "action_by_code", code)
        return build(Action, view) if view else None

    actions = actions_field(
        "Actions, latest approved first (or in `orderBy`), filtered and searched; Relay paging "
        "(`first`/`after`, `last`/`before`; a cursor pages the order it came from)."
    )

    @strawberry.field(description="One activity by id.")
    async def activity(self, info: GInfo, id: strawberry.ID) -> Activity | None:
        view = await load(info, "activity", raw_id(id))
        return build(Activity, view) if view else None


@strawberry.type
class ActionMutation:
    """One row per command route of the actions service."""

    draft_action_fiche = _mutation(
        "/actions/{action_id}/fiche",
        DraftActionFicheInput,
        ActionPayload,
        "Draft (a new revision of) the Action Fiche.",
    )
    agree_action_fiche = _mutation(
        "/actions/{action_id}/fiche/agreement",
        AgreeActionFicheInput,
        ActionPayload,
        "The MIEUX team, the steering group and the partner authority agree the Fiche.",
    )
    record_action_lesson = _mutation(
        "/actions/{action_id}/lessons",
        RecordActionLessonInput,
        ActionPayload,
        "Record a lesson learnt or a good practice of the Action.",
    )
    record_action_outcome = _mutation(
        "/actions/{action_id}/outcomes",
        RecordActionOutcomeInput,
        ActionPayload,
        "Record an outcome of the Action and the deliverables it stems from.",
    )
    record_action_follow_up = _mutation(
        "/actions/{action_id}/follow-ups",
        RecordActionFollowUpInput,
        ActionPayload,
        "Record what became of the Action (the follow-up exercise).",
    )
    record_action_replication = _mutation(
        "/actions/{action_id}/replications",
        RecordActionReplicationInput,
        ActionPayload,
        "Record the Action's practice taken up in another country.",
    )
    record_complementary_actor = _mutation(
        "/actions/{action_id}/complementary-actors",
        RecordComplementaryActorInput,
        ActionPayload,
        "Record another actor's initiative the Action complements (R27).",
    )
    classify_action = _mutation(
        "/actions/{action_id}/classification",
        ClassifyActionInput,
        ActionPayload,
        "Classify the Action: topics of the catalogue and cross-cutting issues.",
        method="PUT",
    )
    endorse_action_fiche = _mutation(
        "/actions/{action_id}/fiche/endorsement",
        EndorseActionFicheInput,
        ActionPayload,
        "Record the leadership's endorsement of the Action (R24).",
    )
    plan_activity = _mutation(
        "/actions/{action_id}/activities", PlanActivityInput, ActivityPayload, "Plan an activity of an Action."
    )
    replan_activity = _mutation(
        "/activities/{activity_id}/replanning",
        ReplanActivityInput,
        ActivityPayload,
        "Redesign a planned activity (type, dates, place), with the reason.",
    )
    reschedule_activity = _mutation(
        "/activities/{activity_id}/rescheduling",
        RescheduleActivityInput,
        ActivityPayload,
        "Move a planned activity to new dates, with the reason.",
    )
    cancel_activity = _mutation(
        "/activities/{activity_id}/cancellation",
        CancelActivityInput,
        ActivityPayload,
        "Cancel a planned activity, with the reason.",
    )
    record_activity_held = _mutation(
        "/activities/{activity_id}/held",
        RecordActivityHeldInput,
        ActivityPayload,
        "Record an activity as held (actual dates, participants).",
    )
    record_activity_co_facilitation = _mutation(
        "/activities/{activity_id}/co-facilitation",
        RecordActivityCoFacilitationInput,
        ActivityPayload,
        "Record that a partner institution's staff co-facilitated an activity.",
    )
    record_deliverable = _mutation(
        "/actions/{action_id}/deliverables",
        RecordDeliverableInput,
        DeliverablePayload,
        "Record a deliverable of an Action (also after it ended).",
    )
    change_deliverable_status = _mutation(
        "/deliverables/{deliverable_id}/status",
        ChangeDeliverableStatusInput,
        DeliverablePayload,
        "Move a deliverable's status forward.",
    )
    complete_action = _mutation(
        "/actions/{action_id}/completion",
        CompleteActionInput,
        ActionPayload,
        "Complete the Action (all activities not cancelled are held).",
    )
