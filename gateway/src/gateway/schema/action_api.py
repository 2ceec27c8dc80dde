"""Queries and mutations on Actions, activities and deliverables."""

from __future__ import annotations

from typing import Any

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
    RecordActivityHeldInput,
    RecordComplementaryActorInput,
    RecordDeliverableInput,
    ReplanActivityInput,
    RescheduleActivityInput,
)
from gateway.schema.actions import Action, ActionFilter, Activity, Deliverable
from gateway.schema.common import UserError
from gateway.schema.connections import Connection, PageArgs, page_args, remote_connection
from gateway.schema.convert import build
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


async def _action_command(info: GInfo, path: str, body: dict[str, Any], method: str = "POST") -> ActionPayload:
    outcome, result = await _command(info, path, body, method)
    return ActionPayload(
        action=_built(Action, result.get("action")), errors=outcome.errors, consistency_token=outcome.token
    )


async def _activity_command(info: GInfo, path: str, body: dict[str, Any]) -> ActivityPayload:
    outcome, result = await _command(info, path, body)
    return ActivityPayload(
        activity=_built(Activity, result.get("activity")),
        action=_built(Action, result.get("action")),
        errors=outcome.errors,
        consistency_token=outcome.token,
    )


async def _deliverable_command(info: GInfo, path: str, body: dict[str, Any]) -> DeliverablePayload:
    outcome, result = await _command(info, path, body)
    return DeliverablePayload(
        deliverable=_built(Deliverable, result.get("deliverable")),
        action=_built(Action, result.get("action")),
        errors=outcome.errors,
        consistency_token=outcome.token,
    )


async def action_connection(info: GInfo, filters: dict[str, Any], args: PageArgs) -> Connection[Action]:
    return await remote_connection(info, "actions", "/actions", filters, args, "action", lambda v: build(Action, v))


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

    @strawberry.field(
        description="Actions, latest approved first, filtered; Relay paging (`first`/`after`, `last`/`before`)."
    )
    async def actions(
        self,
        info: GInfo,
        filter: ActionFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Action]:
        args = page_args(info, first, after, last, before)
        return await action_connection(info, to_body(filter or ActionFilter()), args)

    @strawberry.field(description="One activity by id.")
    async def activity(self, info: GInfo, id: strawberry.ID) -> Activity | None:
        view = await load(info, "activity", raw_id(id))
        return build(Activity, view) if view else None


@strawberry.type
class ActionMutation:
    @strawberry.mutation(description="Draft (a new revision of) the Action Fiche.")
    async def draft_action_fiche(self, info: GInfo, input: DraftActionFicheInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/fiche", body)

    @strawberry.mutation(description="The MIEUX team, the steering group and the partner authority agree the Fiche.")
    async def agree_action_fiche(self, info: GInfo, input: AgreeActionFicheInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/fiche/agreement", body)

    @strawberry.mutation(description="Record a lesson learnt or a good practice of the Action.")
    async def record_action_lesson(self, info: GInfo, input: RecordActionLessonInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/lessons", body)

    @strawberry.mutation(description="Record an outcome of the Action and the deliverables it stems from.")
    async def record_action_outcome(self, info: GInfo, input: RecordActionOutcomeInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/outcomes", body)

    @strawberry.mutation(description="Record what became of the Action (the follow-up exercise).")
    async def record_action_follow_up(self, info: GInfo, input: RecordActionFollowUpInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/follow-ups", body)

    @strawberry.mutation(description="Record the Action's practice taken up in another country.")
    async def record_action_replication(self, info: GInfo, input: RecordActionReplicationInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/replications", body)

    @strawberry.mutation(description="Record another actor's initiative the Action complements (R27).")
    async def record_complementary_actor(self, info: GInfo, input: RecordComplementaryActorInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/complementary-actors", body)

    @strawberry.mutation(description="Classify the Action: topics of the catalogue and cross-cutting issues.")
    async def classify_action(self, info: GInfo, input: ClassifyActionInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/classification", body, method="PUT")

    @strawberry.mutation(description="Record the leadership's endorsement of the Action (R24).")
    async def endorse_action_fiche(self, info: GInfo, input: EndorseActionFicheInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/fiche/endorsement", body)

    @strawberry.mutation(description="Plan an activity of an Action.")
    async def plan_activity(self, info: GInfo, input: PlanActivityInput) -> ActivityPayload:
        action_id, body = split_id(input, "action_id")
        return await _activity_command(info, f"/actions/{action_id}/activities", body)

    @strawberry.mutation(description="Redesign a planned activity (type, dates, place), with the reason.")
    async def replan_activity(self, info: GInfo, input: ReplanActivityInput) -> ActivityPayload:
        activity_id, body = split_id(input, "activity_id")
        return await _activity_command(info, f"/activities/{activity_id}/replanning", body)

    @strawberry.mutation(description="Move a planned activity to new dates, with the reason.")
    async def reschedule_activity(self, info: GInfo, input: RescheduleActivityInput) -> ActivityPayload:
        activity_id, body = split_id(input, "activity_id")
        return await _activity_command(info, f"/activities/{activity_id}/rescheduling", body)

    @strawberry.mutation(description="Cancel a planned activity, with the reason.")
    async def cancel_activity(self, info: GInfo, input: CancelActivityInput) -> ActivityPayload:
        activity_id, body = split_id(input, "activity_id")
        return await _activity_command(info, f"/activities/{activity_id}/cancellation", body)

    @strawberry.mutation(description="Record an activity as held (actual dates, participants).")
    async def record_activity_held(self, info: GInfo, input: RecordActivityHeldInput) -> ActivityPayload:
        activity_id, body = split_id(input, "activity_id")
        return await _activity_command(info, f"/activities/{activity_id}/held", body)

    @strawberry.mutation(description="Record a deliverable of an Action (also after it ended).")
    async def record_deliverable(self, info: GInfo, input: RecordDeliverableInput) -> DeliverablePayload:
        action_id, body = split_id(input, "action_id")
        return await _deliverable_command(info, f"/actions/{action_id}/deliverables", body)

    @strawberry.mutation(description="Move a deliverable's status forward.")
    async def change_deliverable_status(self, info: GInfo, input: ChangeDeliverableStatusInput) -> DeliverablePayload:
        deliverable_id, body = split_id(input, "deliverable_id")
        return await _deliverable_command(info, f"/deliverables/{deliverable_id}/status", body)

    @strawberry.mutation(description="Complete the Action (all activities not cancelled are held).")
    async def complete_action(self, info: GInfo, input: CompleteActionInput) -> ActionPayload:
        action_id, body = split_id(input, "action_id")
        return await _action_command(info, f"/actions/{action_id}/completion", body)
