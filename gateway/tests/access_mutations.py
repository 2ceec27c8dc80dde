"""The mutation cells of ACCESS.md: one mutation by one role at a time, in order (they change the world)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .access_world import (
    COORDINATOR,
    EXPERT,
    FOCAL_POINT,
    PM,
    REPORTING,
    ROLES,
    THAI_MINISTRY,
    World,
    plan,
    responses,
)
from .conftest import Gql, Stack, submission
from .test_experts_graph import expert_input


def m(name: str, input_type: str, selection: str = "") -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection} errors {{ code }} }} }}"


@dataclass
class Cell:
    """One mutation by one role, in order (they change the world): "ok" or the first error code expected."""

    row: str
    role: str
    query: str
    input: Callable[[World, dict[str, Any]], dict[str, Any]]
    expected: str
    keep: str | None = None  # remember the payload under this name (ids for later cells)


def mutation_cells() -> list[Cell]:
    submit = m("submitRequest", "SubmitRequestInput", "request { id }")
    decide = m("decideRequest", "DecideRequestInput")
    deliverable = m("recordDeliverable", "RecordDeliverableInput")
    complete = m("completeAction", "CompleteActionInput")
    register_ = m("registerExpert", "RegisterExpertInput")
    suspend = m("suspendExpert", "SuspendExpertInput")
    propose = m("proposeDeployment", "ProposeDeploymentInput", "deployment { id }")
    confirm = m("confirmDeployment", "ConfirmDeploymentInput")
    cancel = m("cancelDeployment", "CancelDeploymentInput")
    evaluate = m("evaluateExpert", "EvaluateExpertInput")
    participant = m("submitParticipantFeedback", "SubmitParticipantFeedbackInput")
    action_feedback = m("submitActionFeedback", "SubmitActionFeedbackInput")
    asian = submission(countries=["TH"], region="ASIA", authority=THAI_MINISTRY)
    cells: list[Cell] = []

    def cell(
        row: str,
        role: str,
        query: str,
        input: Callable[[World, dict[str, Any]], dict[str, Any]],
        expected: str,
        keep: str | None = None,
    ) -> None:
        cells.append(Cell(row, role, query, input, expected, keep))

    # requests: submit; decide (withdraw and nominate take the same checks)
    cell("submitRequest", PM, submit, lambda w, k: submission(), "ok", keep="open_africa")
    cell("submitRequest", PM, submit, lambda w, k: asian, "ok", keep="open_asia")
    cell("submitRequest (own region)", COORDINATOR, submit, lambda w, k: asian, "ok")
    cell("submitRequest (other region)", COORDINATOR, submit, lambda w, k: submission(), "FORBIDDEN")
    cell("submitRequest (own authority)", FOCAL_POINT, submit, lambda w, k: submission(), "ok")
    cell("submitRequest (other authority)", FOCAL_POINT, submit, lambda w, k: asian, "FORBIDDEN")
    cell("submitRequest", EXPERT, submit, lambda w, k: submission(), "FORBIDDEN")
    cell("submitRequest", REPORTING, submit, lambda w, k: submission(), "FORBIDDEN")

    def deferral(key: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: {
            "id": k[key]["request"]["id"],
            "decision": "DEFER",
            "reason": "x",
            "decidedOn": "2019-05-05",
        }

    cell("decideRequest (own region)", COORDINATOR, decide, deferral("open_asia"), "ok")
    cell("decideRequest (other region)", COORDINATOR, decide, deferral("open_africa"), "NOT_FOUND")
    cell("decideRequest (own authority)", FOCAL_POINT, decide, deferral("open_africa"), "FORBIDDEN")
    cell("decideRequest", EXPERT, decide, deferral("open_africa"), "FORBIDDEN")
    cell("decideRequest", REPORTING, decide, deferral("open_africa"), "FORBIDDEN")
    cell("decideRequest", PM, decide, deferral("open_africa"), "ok")

    # Action commands (Fiche, activities, deliverables, completion) share one check; recordDeliverable stands in
    def new_deliverable(region: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: {
            "actionId": getattr(w, region)["action"],
            "kind": "ROADMAP",
            "title": "Roadmap",
            "recordedOn": "2019-08-01",
        }

    cell("recordDeliverable", PM, deliverable, new_deliverable("africa"), "ok")
    cell("recordDeliverable (own region)", COORDINATOR, deliverable, new_deliverable("asia"), "ok")
    cell("recordDeliverable (other region)", COORDINATOR, deliverable, new_deliverable("africa"), "NOT_FOUND")
    cell("recordDeliverable (own authority)", FOCAL_POINT, deliverable, new_deliverable("africa"), "FORBIDDEN")
    cell("recordDeliverable", EXPERT, deliverable, new_deliverable("africa"), "FORBIDDEN")
    cell("recordDeliverable", REPORTING, deliverable, new_deliverable("africa"), "FORBIDDEN")
    cell(
        "completeAction with overrideReason (own region)",
        COORDINATOR,
        complete,
        lambda w, k: {"actionId": w.asia["action"], "overrideReason": "x"},
        "FORBIDDEN",
    )

    # roster: register, update, suspend, reactivate, erase share one check
    def roster_entry(person: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: expert_input(person, "OTHER", "IT")

    for role in ROLES:
        expected = "ok" if role == PM else "FORBIDDEN"
        person = f"Roster {role.replace('_', ' ').title()}"
        cell("registerExpert", role, register_, roster_entry(person), expected)
    cell("suspendExpert", COORDINATOR, suspend, lambda w, k: {"expertId": w.e3, "reason": "OTHER"}, "FORBIDDEN")

    # deployments: propose and cancel (staff of the region), confirm and decline (the expert), evaluate (PM)
    cell(
        "proposeDeployment (own region)",
        COORDINATOR,
        propose,
        lambda w, k: {"expertId": w.e3, "activityId": w.asia["planned"]},
        "ok",
        keep="d3",
    )
    cell(
        "proposeDeployment (other region)",
        COORDINATOR,
        propose,
        lambda w, k: {"expertId": w.e3, "activityId": w.africa["planned"]},
        "NOT_FOUND",
    )
    for role in (FOCAL_POINT, EXPERT, REPORTING):
        cell(
            "proposeDeployment",
            role,
            propose,
            lambda w, k: {"expertId": w.e3, "activityId": w.africa["planned"]},
            "FORBIDDEN",
        )
    cell(
        "proposeDeployment",
        PM,
        propose,
        lambda w, k: {"expertId": w.e1, "activityId": w.africa["planned"]},
        "ok",
        keep="d4",
    )

    def deployment(key: str, **extra: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: {"deploymentId": k[key]["deployment"]["id"], **extra}

    for role in (COORDINATOR, FOCAL_POINT, REPORTING):
        cell("confirmDeployment", role, confirm, deployment("d3"), "FORBIDDEN")
    cell("confirmDeployment (another expert's)", EXPERT, confirm, deployment("d3"), "NOT_FOUND")
    cell("confirmDeployment (own)", EXPERT, confirm, deployment("d4"), "ok")
    cell(
        "cancelDeployment (other region)",
        COORDINATOR,
        cancel,
        deployment("d4", reason="PROGRAMME_DECISION"),
        "NOT_FOUND",
    )
    for role in (FOCAL_POINT, EXPERT, REPORTING):
        cell("cancelDeployment", role, cancel, deployment("d4", reason="PROGRAMME_DECISION"), "FORBIDDEN")
    cell("cancelDeployment (own region)", COORDINATOR, cancel, deployment("d3", reason="PROGRAMME_DECISION"), "ok")
    scores = {"expertise": 4, "communication": 4, "preparation": 4}
    for role in ROLES:
        cell(
            "evaluateExpert",
            role,
            evaluate,
            lambda w, k: {"deploymentId": w.d_e1_asia, **scores},
            "ok" if role == PM else "FORBIDDEN",
        )

    # participant feedback (held activities)
    def one_response(region: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: {"activityId": getattr(w, region)["activity"], "givenOn": "2019-07-15", **responses([4])[0]}

    cell("submitParticipantFeedback", PM, participant, one_response("asia"), "ok")
    # only MIEUX staff enter participant responses: one who could add its own could difference a summary
    cell("submitParticipantFeedback (own region)", COORDINATOR, participant, one_response("asia"), "FORBIDDEN")
    cell("submitParticipantFeedback (other region)", COORDINATOR, participant, one_response("africa"), "FORBIDDEN")
    cell("submitParticipantFeedback (own authority)", FOCAL_POINT, participant, one_response("africa"), "FORBIDDEN")
    cell("submitParticipantFeedback (other authority)", FOCAL_POINT, participant, one_response("asia"), "FORBIDDEN")
    cell("submitParticipantFeedback", EXPERT, participant, one_response("africa"), "FORBIDDEN")
    cell("submitParticipantFeedback", REPORTING, participant, one_response("africa"), "FORBIDDEN")

    # Action feedback: EXPERT source (the expert, or a PM on its behalf), PARTNER source (focal point, or staff)
    def given(region: str, source: str, **extra: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: {
            "actionId": getattr(w, region)["action"],
            "source": source,
            "ratings": {"relevance": 4},
            "givenOn": "2019-07-25",
            **extra,
        }

    cell("submitActionFeedback EXPERT (own, deployed)", EXPERT, action_feedback, given("asia", "EXPERT"), "ok")
    cell(
        "submitActionFeedback EXPERT (for another expert)",
        EXPERT,
        action_feedback,
        lambda w, k: given("africa", "EXPERT", expertId=w.e2)(w, k),
        "FORBIDDEN",
    )

    def given_for_e1(region: str) -> Callable[[World, dict[str, Any]], dict[str, Any]]:
        return lambda w, k: given(region, "EXPERT", expertId=w.e1)(w, k)

    for role in (COORDINATOR, FOCAL_POINT, REPORTING):
        region = "asia" if role == COORDINATOR else "africa"
        cell(
            "submitActionFeedback EXPERT",
            role,
            action_feedback,
            given_for_e1(region),
            "FORBIDDEN",
        )
    cell(
        "submitActionFeedback PARTNER (other region)",
        COORDINATOR,
        action_feedback,
        given("africa", "PARTNER"),
        "NOT_FOUND",
    )
    cell(
        "submitActionFeedback PARTNER (own region; past the access check)",
        COORDINATOR,
        action_feedback,
        given("asia", "PARTNER"),
        "ACTION_FEEDBACK_ALREADY_GIVEN",
    )
    cell(
        "submitActionFeedback PARTNER (other authority)",
        FOCAL_POINT,
        action_feedback,
        given("asia", "PARTNER"),
        "NOT_FOUND",
    )
    cell("submitActionFeedback PARTNER", EXPERT, action_feedback, given("asia", "PARTNER"), "FORBIDDEN")
    cell("submitActionFeedback PARTNER", REPORTING, action_feedback, given("asia", "PARTNER"), "FORBIDDEN")
    return cells


async def run_mutations(gql: Gql, stack: Stack, world: World) -> list[str]:
    world.africa["planned"] = await plan(gql, world.africa["action"], "2019-09-10", "2019-09-11", "CV")
    world.asia["planned"] = await plan(gql, world.asia["action"], "2019-10-10", "2019-10-11", "TH")
    await stack.deliver()
    roles = world.roles()
    kept: dict[str, Any] = {}
    failures: list[str] = []
    for cell in mutation_cells():
        role, claims = roles[cell.role]
        body = await gql(cell.query, role=role, claims=claims, input=cell.input(world, kept))
        if body.get("errors") or not body.get("data"):
            failures.append(f"[{cell.row}] {cell.role}: GraphQL errors {body.get('errors')}")
            continue
        payload = next(iter(body["data"].values()))
        got = payload["errors"][0]["code"] if payload["errors"] else "ok"
        if got != cell.expected:
            failures.append(f"[{cell.row}] {cell.role}: expected {cell.expected}, got {got} {payload['errors']}")
        if cell.keep:
            kept[cell.keep] = payload
    return failures
