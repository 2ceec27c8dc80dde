"""The command routes, one row each: path, body, command, summary. Every one takes the id in its path, builds
its command from the body (`command_from`) and answers with the Action after it (`answer`); an activity or a
deliverable is addressed by its own id and the route finds its Action first."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contracts.bodies import actions as bodies
from fastapi import APIRouter
from pydantic import BaseModel
from service_core.app import CurrentPrincipal
from service_core.bodies import command_from

from actions_service.domain import commands as c
from actions_service.entrypoints.deps import COMMAND_ERRORS, Commands, Queries, Today, answer
from actions_service.entrypoints.views import CommandResponse

# Path ids other than the Action's: the read model and the name of what they address.
_OWNED = {"activity_id": ("activity_view", "activity"), "deliverable_id": ("deliverable_view", "deliverable")}


@dataclass(frozen=True, slots=True)
class CommandRoute:
    name: str  # the endpoint's name (its OpenAPI operation id starts with it)
    path: str  # relative to the router's prefix; its one parameter is the id it addresses
    body: type[BaseModel]
    command: type[Any]
    summary: str
    created: str | None = None  # the command field that gets a new id: the route creates something (201)
    method: str = "post"

    @property
    def path_id(self) -> str:
        return self.path.split("{", 1)[1].split("}", 1)[0]


ACTION_ROUTES = (
    CommandRoute("draft_fiche", "/{action_id}/fiche", bodies.DraftFicheBody, c.DraftFiche,
                 "Draft a revision of the Action Fiche (R05, R06)"),
    CommandRoute("agree_fiche", "/{action_id}/fiche/agreement", bodies.AgreeFicheBody, c.AgreeFiche,
                 "MIEUX team, steering group and partner authority agree the Fiche (R05)"),
    CommandRoute("endorse_fiche", "/{action_id}/fiche/endorsement", bodies.EndorseFicheBody, c.EndorseFiche,
                 "The requesting institution's leadership endorsed the Action (R24)"),
    CommandRoute("classify", "/{action_id}/classification", bodies.ClassificationBody, c.ClassifyAction,
                 "Topics of the catalogue and cross-cutting issues the Action works on (replaces the earlier ones)",
                 method="put"),
    CommandRoute("record_lesson", "/{action_id}/lessons", bodies.LessonBody, c.RecordLesson,
                 "Record a lesson learnt or a good practice", created="lesson_id"),
    CommandRoute("record_outcome", "/{action_id}/outcomes", bodies.OutcomeBody, c.RecordOutcome,
                 "Record an outcome and the deliverables it stems from", created="outcome_id"),
    CommandRoute("record_follow_up", "/{action_id}/follow-ups", bodies.FollowUpBody, c.RecordFollowUp,
                 "Record what became of the Action (the follow-up exercise): mechanisms set up and whether they "
                 "lasted", created="follow_up_id"),
    CommandRoute("record_replication", "/{action_id}/replications", bodies.ReplicationBody, c.RecordReplication,
                 "Record the Action's practice taken up in another country", created="replication_id"),
    CommandRoute("record_complementary_actor", "/{action_id}/complementary-actors", bodies.ComplementaryActorBody,
                 c.RecordComplementaryActor, "Record another actor's initiative the Action complements (R27)",
                 created="actor_id"),
    CommandRoute("plan_activity", "/{action_id}/activities", bodies.PlanActivityBody, c.PlanActivity,
                 "Plan an activity (R09)", created="activity_id"),
    CommandRoute("record_deliverable", "/{action_id}/deliverables", bodies.RecordDeliverableBody,
                 c.RecordDeliverable, "Record a deliverable (also after completion); it starts DRAFTED",
                 created="deliverable_id"),
    CommandRoute("complete", "/{action_id}/completion", bodies.CompleteActionBody, c.CompleteAction,
                 "Complete the Action: every activity not cancelled is held (R20)"),
)  # fmt: skip
ACTIVITY_ROUTES = (
    CommandRoute("replan", "/{activity_id}/replanning", bodies.ReplanActivityBody, c.ReplanActivity,
                 "Redesign a planned activity, with the reason (R11)"),
    CommandRoute("reschedule", "/{activity_id}/rescheduling", bodies.RescheduleActivityBody, c.RescheduleActivity,
                 "Move a planned activity to new dates (R11)"),
    CommandRoute("cancel", "/{activity_id}/cancellation", bodies.CancelActivityBody, c.CancelActivity,
                 "Cancel a planned activity, with the reason (R07, R11)"),
    CommandRoute("hold", "/{activity_id}/held", bodies.HoldActivityBody, c.HoldActivity,
                 "Mark an activity held: actual dates, participants; the first one launches the Action (R10)"),
    CommandRoute("co_facilitate", "/{activity_id}/co-facilitation", bodies.CoFacilitationBody,
                 c.RecordCoFacilitation, "Record that a partner institution's staff co-facilitated the activity"),
)  # fmt: skip
DELIVERABLE_ROUTES = (
    CommandRoute("change_status", "/{deliverable_id}/status", bodies.DeliverableStatusBody,
                 c.ChangeDeliverableStatus, "Move a deliverable forward (skips allowed), with level and date (R26)"),
)  # fmt: skip


def add_command_routes(router: APIRouter, routes: Sequence[CommandRoute]) -> None:
    for route in routes:
        router.add_api_route(
            route.path,
            _endpoint(route),
            methods=[route.method.upper()],
            name=route.name,
            summary=route.summary,
            status_code=201 if route.created else 200,
            responses=COMMAND_ERRORS,
            response_model=CommandResponse,
        )


def _endpoint(route: CommandRoute) -> Any:
    path_id = route.path_id

    async def endpoint(**values: Any) -> CommandResponse:
        principal, commands, queries, on = values["principal"], values["commands"], values["queries"], values["on"]
        given = {path_id: values[path_id]}
        if path_id in _OWNED:
            given["action_id"] = await queries.action_of(principal, *_OWNED[path_id], values[path_id])
        if route.created:
            given[route.created] = commands.new_id()
        command: Any = command_from(route.command, values["body"], today=on, **given)
        return await answer(queries, principal, await commands.handle(command, principal), on)

    # FastAPI reads what to inject from the signature: the path id, the body, the caller and the services.
    parameter = inspect.Parameter
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            parameter(path_id, parameter.KEYWORD_ONLY, annotation=str),
            parameter("body", parameter.KEYWORD_ONLY, annotation=route.body),
            parameter("principal", parameter.KEYWORD_ONLY, annotation=CurrentPrincipal),
            parameter("commands", parameter.KEYWORD_ONLY, annotation=Commands),
            parameter("queries", parameter.KEYWORD_ONLY, annotation=Queries),
            parameter("on", parameter.KEYWORD_ONLY, annotation=Today),
        ],
        return_annotation=CommandResponse,
    )
    endpoint.__name__ = route.name
    return endpoint
