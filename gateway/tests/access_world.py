"""The small world the access table is walked over, and the pieces a row is made of.

The world: an African Action (requested by the Ministry of Labour of Cabo Verde, the focal point's authority)
and an Asian Action (Thailand), one workshop each, held, with a deliverable; expert E1 deployed in both
regions, E2 in Africa only, E3 never deployed; E1's African deployment evaluated (with internal notes);
six participant responses on the African workshop and three on the Asian one; expert and partner feedback
on the African Action, partner feedback on the Asian one. The regional coordinator is Asia's, so every row
shows its own region next to another one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .conftest import Gql, Stack
from .test_actions_graph import approved_action, mutation
from .test_experts_graph import deploy, expert_mutation, register

PM, COORDINATOR, FOCAL_POINT, EXPERT, REPORTING = (
    "programme_manager",
    "coordinator",
    "focal_point",
    "expert",
    "reporting",
)
ROLES = (PM, COORDINATOR, FOCAL_POINT, EXPERT, REPORTING)
FORBIDDEN, NOT_FOUND = ("FORBIDDEN",), ("NOT_FOUND",)
OK: tuple[str, ...] = ()
THAI_MINISTRY = {"name": "Ministry of Social Development", "acronym": "MSDHS", "type": "NATIONAL_GOVERNMENT"}

DECIDE = """mutation($input: DecideRequestInput!) { decideRequest(input: $input) { request { id } errors { code } } }"""
SUBMIT_BATCH = """mutation($input: SubmitParticipantFeedbackBatchInput!) {
  submitParticipantFeedbackBatch(input: $input) { responseIds errors { code message } } }"""
SUBMIT_ONE = """mutation($input: SubmitParticipantFeedbackInput!) {
  submitParticipantFeedback(input: $input) { responseIds errors { code message } } }"""
SUBMIT_ACTION = """mutation($input: SubmitActionFeedbackInput!) {
  submitActionFeedback(input: $input) { feedback { feedbackId } errors { code message } } }"""


@dataclass
class World:
    africa: dict[str, str] = field(default_factory=dict)  # request, action, activity, deliverable, authority
    asia: dict[str, str] = field(default_factory=dict)
    e1: str = ""  # deployed in Africa and Asia
    e2: str = ""  # deployed in Africa only
    e3: str = ""  # registered, never deployed
    d_e1_africa: str = ""
    d_e2_africa: str = ""
    d_e1_asia: str = ""

    def roles(self) -> dict[str, tuple[str, dict[str, str]]]:
        return {
            PM: ("programme_manager", {}),
            COORDINATOR: ("regional_coordinator", {"region": "ASIA"}),
            FOCAL_POINT: ("focal_point", {"authority_id": self.africa["authority"]}),
            EXPERT: ("expert", {"expert_id": self.e1}),
            REPORTING: ("reporting", {}),
        }


def ok(payload: dict[str, Any], what: str) -> dict[str, Any]:
    assert payload["errors"] == [], f"building the world: {what}: {payload['errors']}"
    return payload


async def action_in(gql: Gql, stack: Stack, region: str, **overrides: Any) -> dict[str, str]:
    """An approved Action with an agreed Fiche, one workshop planned, and a deliverable."""
    action = await approved_action(gql, stack, region=region, **overrides)
    request = await gql("query($r: ID!) { request(id: $r) { authority { id } } }", r=action["request"]["id"])
    levels = [{"level": lv, "approach": "x"} for lv in ("INDIVIDUAL", "ORGANISATIONAL", "ENABLING_ENVIRONMENT")]
    fiche = {
        "interventionLogic": "l",
        "institutionalFramework": "f",
        "capacityLevels": levels,
        "plannedSequence": ["WORKSHOP"],
        "draftedOn": "2019-04-10",
    }
    ok(
        (await gql(mutation("draftActionFiche", "DraftActionFicheInput"), input={"actionId": action["id"], **fiche}))[
            "data"
        ]["draftActionFiche"],
        "draft",
    )
    parties = ["MIEUX_TEAM", "STEERING_GROUP", "PARTNER_AUTHORITY"]
    agreed = await gql(
        mutation("agreeActionFiche", "AgreeActionFicheInput"),
        input={"actionId": action["id"], "parties": parties, "agreedOn": "2019-04-20"},
    )
    ok(agreed["data"]["agreeActionFiche"], "agree")
    deliverable = await gql(
        mutation("recordDeliverable", "RecordDeliverableInput"),
        input={"actionId": action["id"], "kind": "STRATEGY", "title": "Strategy", "recordedOn": "2019-05-01"},
    )
    return {
        "request": action["request"]["id"],
        "action": action["id"],
        "authority": request["data"]["request"]["authority"]["id"],
        "deliverable": ok(deliverable["data"]["recordDeliverable"], "deliverable")["deliverable"]["id"],
    }


async def plan(gql: Gql, action_id: str, starts: str, ends: str, country: str) -> str:
    planned = await gql(
        mutation("planActivity", "PlanActivityInput"),
        input={
            "actionId": action_id,
            "activityType": "WORKSHOP",
            "startsOn": starts,
            "endsOn": ends,
            "placeCountry": country,
        },
    )
    activity_id: str = ok(planned["data"]["planActivity"], "plan")["activity"]["id"]
    return activity_id


async def hold(gql: Gql, activity_id: str, starts: str, ends: str) -> None:
    held = await gql(
        mutation("recordActivityHeld", "RecordActivityHeldInput"),
        input={"activityId": activity_id, "heldFrom": starts, "heldTo": ends, "participantsCount": 10},
    )
    ok(held["data"]["recordActivityHeld"], "held")


def responses(relevances: list[int]) -> list[dict[str, Any]]:
    ratings = {"expertiseQuality": 4, "knowledgeGained": 4, "applicability": 3}
    return [{"ratings": {"relevance": r, **ratings}, "capacityLevel": "INDIVIDUAL"} for r in relevances]


async def build_world(gql: Gql, stack: Stack) -> World:
    world = World()
    world.e1 = await register(gql, "Anna Schmidt", "EU_MS_GOVERNMENTAL", "DE", "DE")
    world.e2 = await register(gql, "Kwame Mensah", "NON_EU_GOVERNMENTAL", "GH")
    world.e3 = await register(gql, "Lea Rossi", "OTHER", "IT")
    world.africa = await action_in(gql, stack, "AFRICA")
    world.asia = await action_in(gql, stack, "ASIA", countries=["TH"], authority=THAI_MINISTRY)
    world.africa["activity"] = await plan(gql, world.africa["action"], "2019-06-10", "2019-06-11", "CV")
    world.asia["activity"] = await plan(gql, world.asia["action"], "2019-07-10", "2019-07-11", "TH")
    await stack.deliver()  # the activities reach the experts and feedback services
    world.d_e1_africa = ok(await deploy(gql, world.e1, world.africa["activity"]), "deploy")["deployment"]["id"]
    world.d_e2_africa = ok(await deploy(gql, world.e2, world.africa["activity"]), "deploy")["deployment"]["id"]
    world.d_e1_asia = ok(await deploy(gql, world.e1, world.asia["activity"]), "deploy")["deployment"]["id"]
    await hold(gql, world.africa["activity"], "2019-06-10", "2019-06-11")
    await hold(gql, world.asia["activity"], "2019-07-10", "2019-07-11")
    await stack.deliver()  # deployments complete; the feedback service learns who was deployed
    evaluation = {
        "deploymentId": world.d_e1_africa,
        "expertise": 5,
        "communication": 4,
        "preparation": 5,
        "notes": "internal only",
    }
    ok(
        (await gql(expert_mutation("evaluateExpert", "EvaluateExpertInput"), input=evaluation))["data"][
            "evaluateExpert"
        ],
        "evaluate",
    )
    for activity, given_on, relevances in (
        (world.africa["activity"], "2019-06-12", [5, 5, 4, 4, 3, 5]),
        (world.asia["activity"], "2019-07-12", [5, 4, 4]),
    ):
        batch = await gql(
            SUBMIT_BATCH, input={"activityId": activity, "givenOn": given_on, "responses": responses(relevances)}
        )
        ok(batch["data"]["submitParticipantFeedbackBatch"], "participant feedback")
    ratings = {"relevance": 5, "effectiveness": 4}
    africa, asia = world.africa["action"], world.asia["action"]
    given = [
        ({"actionId": africa, "source": "EXPERT", "expertId": world.e1, "note": "internal note A"}, PM),
        ({"actionId": africa, "source": "PARTNER", "note": "partner note A"}, FOCAL_POINT),
        ({"actionId": asia, "source": "PARTNER", "note": "internal note S"}, PM),
    ]
    for feedback, role_key in given:
        role, claims = world.roles()[role_key]
        body = await gql(
            SUBMIT_ACTION, role=role, claims=claims, input={**feedback, "ratings": ratings, "givenOn": "2019-07-20"}
        )
        ok(body["data"]["submitActionFeedback"], f"action feedback as {role_key}")
    await stack.deliver()
    return world


# --- observations -------------------------------------------------------------------------------------------


# --- observations -------------------------------------------------------------------------------------------


def shown(value: Any) -> str:
    return "null" if value is None else "shown"


def dig(data: Any, *path: str | int) -> Any:
    for key in path:
        if data is None:
            return None
        data = data[key]
    return data


def nodes(items: Any) -> Any:
    """The nodes of a connection (a plain list passes unchanged)."""
    if isinstance(items, dict) and "edges" in items:
        return [edge["node"] for edge in items["edges"]]
    return items


def ids(items: Any) -> tuple[str, ...] | None:
    return None if items is None else tuple(sorted(i["id"] for i in nodes(items)))


@dataclass
class Row:
    """One row of ACCESS.md: a query (with variables from the world), what to observe, and per role the
    expected (observation, sorted error codes)."""

    name: str
    query: str
    variables: Callable[[World], dict[str, Any]]
    observe: Callable[[Any, World], Any]
    expected: Callable[[World], dict[str, tuple[Any, tuple[str, ...]]]]


def same(value: Any, codes: tuple[str, ...] = OK) -> dict[str, tuple[Any, tuple[str, ...]]]:
    return dict.fromkeys(ROLES, (value, codes))


class Rows(list[Row]):
    """The rows of one part of the table, in order; `add` is the short way to write one."""

    def add(
        self,
        name: str,
        query: str,
        variables: Callable[[World], dict[str, Any]],
        observe: Callable[[Any, World], Any],
        expected: Callable[[World], dict[str, tuple[Any, tuple[str, ...]]]],
    ) -> None:
        self.append(Row(name, query, variables, observe, expected))


def af_as(w: World) -> dict[str, Any]:
    """The African and the Asian Action, as the variables $a and $s."""
    return {"a": w.africa["action"], "s": w.asia["action"]}
