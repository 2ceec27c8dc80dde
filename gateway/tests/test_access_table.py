"""Walks every row of gateway/ACCESS.md through GraphQL, for every role, over one small world.

The world: an African Action (requested by the Ministry of Labour of Cabo Verde, the focal point's authority)
and an Asian Action (Thailand), one workshop each, held, with a deliverable; expert E1 deployed in both
regions, E2 in Africa only, E3 never deployed; E1's African deployment evaluated (with internal notes);
six participant responses on the African workshop and three on the Asian one; expert and partner feedback
on the African Action, partner feedback on the Asian one. The regional coordinator is Asia's, so every row
shows its own region next to another one.

Each cell is an observation of what the graph returns (a compact value and the error codes) compared with
the table; every mismatch is collected and reported together, one line per row and role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .conftest import Gql, Stack, submission
from .test_actions_graph import approved_action, mutation
from .test_experts_graph import deploy, expert_input, expert_mutation, register

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
  submitActionFeedback(input: $input) { feedback { id } errors { code message } } }"""


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


def shown(value: Any) -> str:
    return "null" if value is None else "shown"


def dig(data: Any, *path: str | int) -> Any:
    for key in path:
        if data is None:
            return None
        data = data[key]
    return data


def ids(items: Any) -> tuple[str, ...] | None:
    return None if items is None else tuple(sorted(i["id"] for i in items))


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


def read_rows() -> list[Row]:
    rows: list[Row] = []

    def row(
        name: str,
        query: str,
        variables: Callable[[World], dict[str, Any]],
        observe: Callable[[Any, World], Any],
        expected: Callable[[World], dict[str, tuple[Any, tuple[str, ...]]]],
    ) -> None:
        rows.append(Row(name, query, variables, observe, expected))

    af_as = lambda w: {"a": w.africa["action"], "s": w.asia["action"]}  # noqa: E731
    row(
        "request by id (African, Asian)",
        "query($a: ID!, $s: ID!) { a: request(id: $a) { id } s: request(id: $s) { id } }",
        lambda w: {"a": w.africa["request"], "s": w.asia["request"]},
        lambda d, w: (shown(dig(d, "a")), shown(dig(d, "s"))),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (("null", "shown"), OK),
            FOCAL_POINT: (("shown", "null"), OK),
            EXPERT: (("null", "null"), FORBIDDEN),
            REPORTING: (("null", "null"), FORBIDDEN),
        },
    )
    row(
        "requests connection, region(AFRICA).requests",
        "{ requests { totalCount } region(code: AFRICA) { requests { totalCount } } }",
        lambda w: {},
        lambda d, w: (dig(d, "requests", "totalCount"), dig(d, "region", "requests", "totalCount")),
        lambda w: {
            PM: ((2, 1), OK),
            COORDINATOR: ((1, 0), OK),
            FOCAL_POINT: ((1, 1), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "Action by id (African, Asian)",
        "query($a: ID!, $s: ID!) { a: action(id: $a) { id } s: action(id: $s) { id } }",
        af_as,
        lambda d, w: (shown(dig(d, "a")), shown(dig(d, "s"))),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (("null", "shown"), OK),
            FOCAL_POINT: (("shown", "null"), OK),
            EXPERT: (("null", "null"), FORBIDDEN),
            REPORTING: (("null", "null"), FORBIDDEN),
        },
    )
    row(
        "actions connection, region(AFRICA).actions, country(CV).actions",
        """{ actions { totalCount } region(code: AFRICA) { actions { totalCount } }
             country(code: "CV") { actions { totalCount } } }""",
        lambda w: {},
        lambda d, w: (
            dig(d, "actions", "totalCount"),
            dig(d, "region", "actions", "totalCount"),
            dig(d, "country", "actions", "totalCount"),
        ),
        lambda w: {
            PM: ((2, 1, 1), OK),
            COORDINATOR: ((1, 0, 0), OK),
            FOCAL_POINT: ((1, 1, 1), OK),
            EXPERT: ((None, None, None), FORBIDDEN),
            REPORTING: ((None, None, None), FORBIDDEN),
        },
    )
    row(
        "Action through its request (request.action)",
        "query($a: ID!, $s: ID!) { a: request(id: $a) { action { id } } s: request(id: $s) { action { id } } }",
        lambda w: {"a": w.africa["request"], "s": w.asia["request"]},
        lambda d, w: (shown(dig(d, "a", "action")), shown(dig(d, "s", "action"))),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (("null", "shown"), OK),
            FOCAL_POINT: (("shown", "null"), OK),
            EXPERT: (("null", "null"), FORBIDDEN),
            REPORTING: (("null", "null"), FORBIDDEN),
        },
    )
    row(
        "activity by id, and Action.activities",
        """query($a: ID!, $s: ID!, $x: ID!, $y: ID!) { a: activity(id: $a) { id } s: activity(id: $s) { id }
             x: action(id: $x) { activities { id } } y: action(id: $y) { activities { id } } }""",
        lambda w: {
            "a": w.africa["activity"],
            "s": w.asia["activity"],
            "x": w.africa["action"],
            "y": w.asia["action"],
        },
        lambda d, w: (
            shown(dig(d, "a")),
            shown(dig(d, "s")),
            ids(dig(d, "x", "activities")) is not None,
            ids(dig(d, "y", "activities")) is not None,
        ),
        lambda w: {
            PM: (("shown", "shown", True, True), OK),
            COORDINATOR: (("null", "shown", False, True), OK),
            FOCAL_POINT: (("shown", "null", True, False), OK),
            EXPERT: (("null", "null", False, False), FORBIDDEN),
            REPORTING: (("null", "null", False, False), FORBIDDEN),
        },
    )
    row(
        "deliverables (Action.deliverables)",
        "query($a: ID!, $s: ID!) { a: action(id: $a) { deliverables { id } } s: action(id: $s) { deliverables { id } } }",
        af_as,
        lambda d, w: (ids(dig(d, "a", "deliverables")), ids(dig(d, "s", "deliverables"))),
        lambda w: {
            PM: (((w.africa["deliverable"],), (w.asia["deliverable"],)), OK),
            COORDINATOR: ((None, (w.asia["deliverable"],)), OK),
            FOCAL_POINT: (((w.africa["deliverable"],), None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    expert_fields = "id deploymentRegions deploymentsCompleted evaluationsCount averageScore"
    row(
        "expert profile by id (E1 both regions, E2 Africa, E3 never deployed)",
        f"query($e1: ID!, $e2: ID!, $e3: ID!) {{ e1: expert(id: $e1) {{ {expert_fields} }} e2: expert(id: $e2) {{ id }}"
        " e3: expert(id: $e3) { id } }",
        lambda w: {"e1": w.e1, "e2": w.e2, "e3": w.e3},
        lambda d, w: (
            None
            if dig(d, "e1") is None
            else (
                tuple(d["e1"]["deploymentRegions"]),
                d["e1"]["deploymentsCompleted"],
                d["e1"]["evaluationsCount"],
                shown(d["e1"]["averageScore"]),
            ),
            shown(dig(d, "e2")),
            shown(dig(d, "e3")),
        ),
        lambda w: {
            PM: (((("AFRICA", "ASIA"), 2, 1, "shown"), "shown", "shown"), OK),
            # an Asia coordinator sees E1 only as far as Asia goes: its region, deployment and (no) evaluation there
            COORDINATOR: (((("ASIA",), 1, 0, "null"), "null", "null"), OK),
            FOCAL_POINT: ((None, "null", "null"), FORBIDDEN),
            EXPERT: (((("AFRICA", "ASIA"), 2, 1, "shown"), "null", "null"), OK),
            REPORTING: ((None, "null", "null"), FORBIDDEN),
        },
    )
    row(
        "experts connection, region(AFRICA).experts",
        "{ experts { totalCount } region(code: AFRICA) { experts { totalCount edges { node { id } } } } }",
        lambda w: {},
        lambda d, w: (dig(d, "experts", "totalCount"), dig(d, "region", "experts", "totalCount")),
        lambda w: {
            PM: ((3, 2), OK),
            # another region's experts are an empty list for a coordinator (it would tell where they were deployed)
            COORDINATOR: ((1, 0), OK),
            FOCAL_POINT: ((None, None), FORBIDDEN),
            EXPERT: ((1, 1), OK),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "expert personal data (expert(E1).personalData, deployment.expert.personalData)",
        """query($e: ID!, $d: ID!) { expert(id: $e) { personalData { email } }
             deployment(id: $d) { expert { personalData { email } } } }""",
        lambda w: {"e": w.e1, "d": w.d_e1_asia},
        lambda d, w: (
            dig(d, "expert", "personalData", "email"),
            dig(d, "deployment", "expert", "personalData", "email"),
        ),
        lambda w: {
            PM: (("anna.schmidt@example.org", "anna.schmidt@example.org"), OK),
            COORDINATOR: ((None, None), OK),
            FOCAL_POINT: ((None, None), FORBIDDEN),
            EXPERT: (("anna.schmidt@example.org", "anna.schmidt@example.org"), OK),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "deployment by id (E1 Africa with evaluation notes, E1 Asia, E2 Africa)",
        """query($a: ID!, $s: ID!, $o: ID!) { a: deployment(id: $a) { id evaluation { expertise notes } }
             s: deployment(id: $s) { id } o: deployment(id: $o) { id } }""",
        lambda w: {"a": w.d_e1_africa, "s": w.d_e1_asia, "o": w.d_e2_africa},
        lambda d, w: (
            None if dig(d, "a") is None else (d["a"]["evaluation"]["expertise"], d["a"]["evaluation"]["notes"]),
            shown(dig(d, "s")),
            shown(dig(d, "o")),
        ),
        lambda w: {
            PM: (((5, "internal only"), "shown", "shown"), OK),
            COORDINATOR: ((None, "shown", "null"), OK),
            FOCAL_POINT: (((5, None), "null", "shown"), OK),
            EXPERT: (((5, None), "shown", "null"), OK),
            REPORTING: ((None, "null", "null"), FORBIDDEN),
        },
    )
    row(
        "deployments of an expert (expert(E1).deployments)",
        "query($e: ID!) { expert(id: $e) { deployments { id } } }",
        lambda w: {"e": w.e1},
        lambda d, w: ids(dig(d, "expert", "deployments")),
        lambda w: {
            PM: (tuple(sorted((w.d_e1_africa, w.d_e1_asia))), OK),
            COORDINATOR: ((w.d_e1_asia,), OK),
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (tuple(sorted((w.d_e1_africa, w.d_e1_asia))), OK),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "deployments of an activity (activity.deployments)",
        "query($a: ID!, $s: ID!) { a: activity(id: $a) { deployments { id } } s: activity(id: $s) { deployments { id } } }",
        lambda w: {"a": w.africa["activity"], "s": w.asia["activity"]},
        lambda d, w: (ids(dig(d, "a", "deployments")), ids(dig(d, "s", "deployments"))),
        lambda w: {
            PM: ((tuple(sorted((w.d_e1_africa, w.d_e2_africa))), (w.d_e1_asia,)), OK),
            COORDINATOR: ((None, (w.d_e1_asia,)), OK),
            FOCAL_POINT: ((tuple(sorted((w.d_e1_africa, w.d_e2_africa))), None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "deployment -> expert, deployment -> activity (E1's African deployment)",
        "query($d: ID!) { deployment(id: $d) { expert { id } activity { id } } }",
        lambda w: {"d": w.d_e1_africa},
        lambda d, w: (
            None
            if dig(d, "deployment") is None
            else (shown(d["deployment"]["expert"]), shown(d["deployment"]["activity"]))
        ),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (None, OK),
            FOCAL_POINT: (("null", "shown"), FORBIDDEN),
            EXPERT: (("shown", "null"), FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "an African Action through an expert's deployments (expert(E1).deployments.activity.action)",
        "query($e: ID!) { expert(id: $e) { deployments { activity { action { id } } } } }",
        lambda w: {"e": w.e1},
        lambda d, w: (
            None
            if dig(d, "expert", "deployments") is None
            else tuple(sorted(str(dig(x, "activity", "action", "id")) for x in d["expert"]["deployments"]))
        ),
        lambda w: {
            PM: (tuple(sorted((w.africa["action"], w.asia["action"]))), OK),
            COORDINATOR: ((w.asia["action"],), OK),
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (("None", "None"), FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "candidate list (expertCandidates on the Asian, then the African activity)",
        """query($s: ID!) { expertCandidates(activityId: $s) { totalCount items { expertId profile { category } } } }""",
        lambda w: {"s": w.asia["activity"]},
        lambda d, w: (
            None
            if dig(d, "expertCandidates") is None
            else tuple(sorted(i["expertId"] for i in d["expertCandidates"]["items"]))
        ),
        lambda w: {
            PM: (tuple(sorted((w.e2, w.e3))), OK),
            COORDINATOR: (tuple(sorted((w.e2, w.e3))), OK),  # profiles of experts it cannot fetch by id
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (None, FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "candidate list of another region's activity",
        "query($a: ID!) { expertCandidates(activityId: $a) { totalCount } }",
        lambda w: {"a": w.africa["activity"]},
        lambda d, w: dig(d, "expertCandidates", "totalCount"),
        lambda w: {
            PM: (1, OK),
            COORDINATOR: (None, NOT_FOUND),
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (None, FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "expert composition (Action.expertComposition)",
        """query($a: ID!, $s: ID!) { a: action(id: $a) { expertComposition { expertsCount } }
             s: action(id: $s) { expertComposition { expertsCount } } }""",
        af_as,
        lambda d, w: (
            dig(d, "a", "expertComposition", "expertsCount"),
            dig(d, "s", "expertComposition", "expertsCount"),
        ),
        lambda w: {
            PM: ((2, 1), OK),
            COORDINATOR: ((None, 1), OK),
            FOCAL_POINT: ((2, None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    summary = "feedbackSummary { responses suppressed criteria { criterion mean } }"
    row(
        "activity feedback summary (6 responses in Africa, 3 in Asia)",
        f"query($a: ID!, $s: ID!) {{ a: activity(id: $a) {{ {summary} }} s: activity(id: $s) {{ {summary} }} }}",
        lambda w: {"a": w.africa["activity"], "s": w.asia["activity"]},
        lambda d, w: tuple(
            None
            if dig(d, k, "feedbackSummary") is None
            else (
                d[k]["feedbackSummary"]["responses"],
                d[k]["feedbackSummary"]["suppressed"],
                d[k]["feedbackSummary"]["criteria"][0]["mean"],
            )
            for k in ("a", "s")
        ),
        lambda w: {
            PM: (((6, False, 4.33), (3, False, 4.33)), OK),
            COORDINATOR: ((None, (3, True, None)), OK),
            FOCAL_POINT: (((6, False, 4.33), None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    feedback = "feedback { expertFeedback { expertId note } partnerFeedback { note } expertsDeployed }"
    row(
        "Action feedback (Action.feedback, with the internal notes)",
        f"query($a: ID!, $s: ID!) {{ a: action(id: $a) {{ {feedback} }} s: action(id: $s) {{ {feedback} }} }}",
        af_as,
        lambda d, w: tuple(
            None
            if dig(d, k, "feedback") is None
            else (
                tuple((i["expertId"], i["note"]) for i in d[k]["feedback"]["expertFeedback"]),
                dig(d, k, "feedback", "partnerFeedback", "note"),
                len(d[k]["feedback"]["expertsDeployed"]),
            )
            for k in ("a", "s")
        ),
        lambda w: {
            PM: (((((w.e1, "internal note A"),), "partner note A", 2), ((), "internal note S", 1)), OK),
            COORDINATOR: ((None, ((), None, 1)), OK),
            FOCAL_POINT: (((((w.e1, None),), None, 2), None), OK),
            EXPERT: ((None, None), FORBIDDEN),  # DEPARTS: the service would show E1 its own item; no path here
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    review = """review(period: "2019", region: $r) { region participant { responses suppressed }
                actionLevel { responses suppressed } }"""

    def review_of(d: Any, w: World) -> Any:
        r = dig(d, "review")
        return (
            None
            if r is None
            else (
                r["region"],
                r["participant"]["responses"],
                r["participant"]["suppressed"],
                r["actionLevel"]["responses"],
                r["actionLevel"]["suppressed"],
            )
        )

    Seen = tuple[str | None, int, bool, int, bool] | None

    def review_row(region: str | None, pm: Seen, coordinator: Seen, reporting: Seen) -> None:
        row(
            f"review of 2019, region {region}",
            f"query($r: Region) {{ {review} }}",
            lambda w: {"r": region},
            review_of,
            lambda w: {
                PM: (pm, OK),
                COORDINATOR: (coordinator, FORBIDDEN if coordinator is None else OK),
                FOCAL_POINT: (None, FORBIDDEN),
                EXPERT: (None, FORBIDDEN),
                REPORTING: (reporting, OK),
            },
        )

    review_row(None, (None, 9, False, 3, False), ("ASIA", 3, True, 1, True), (None, 9, False, 3, True))
    review_row("ASIA", ("ASIA", 3, False, 1, False), ("ASIA", 3, True, 1, True), ("ASIA", 3, True, 1, True))
    review_row("AFRICA", ("AFRICA", 6, False, 2, False), None, ("AFRICA", 6, False, 2, True))
    completeness = """feedbackCompleteness(region: $r) { activities { held withFeedback }
                      actions { due items { actionId expertsWithoutFeedback } } }"""

    def completeness_of(d: Any, w: World) -> Any:
        c = dig(d, "feedbackCompleteness")
        if c is None:
            return None
        items = c["actions"]["items"]
        return (
            c["activities"]["held"],
            c["actions"]["due"],
            tuple(sorted(i["actionId"] for i in items)),
            tuple(sorted(e for i in items for e in i["expertsWithoutFeedback"])),
        )

    row(
        "feedback completeness (all regions)",
        f"query($r: Region) {{ {completeness} }}",
        lambda w: {"r": None},
        completeness_of,
        lambda w: {
            PM: ((2, 2, tuple(sorted((w.africa["action"], w.asia["action"]))), tuple(sorted((w.e2, w.e1)))), OK),
            COORDINATOR: ((1, 1, (w.asia["action"],), (w.e1,)), OK),
            FOCAL_POINT: ((1, 1, (w.africa["action"],), (w.e2,)), OK),
            EXPERT: (None, FORBIDDEN),
            # aggregates only: the counts, no ids of Actions or experts
            REPORTING: ((2, 2, (), ()), OK),
        },
    )
    row(
        "feedback completeness of another region (AFRICA)",
        f"query($r: Region) {{ {completeness} }}",
        lambda w: {"r": "AFRICA"},
        completeness_of,
        lambda w: {
            PM: ((1, 1, (w.africa["action"],), (w.e2,)), OK),
            COORDINATOR: ((0, 0, (), ()), OK),
            FOCAL_POINT: ((1, 1, (w.africa["action"],), (w.e2,)), OK),
            EXPERT: (None, FORBIDDEN),
            REPORTING: ((1, 1, (), ()), OK),
        },
    )
    row(
        "portfolio figures (requests received, Actions opened)",
        "{ portfolio { requests { received } actions { actions { opened } } } }",
        lambda w: {},
        lambda d, w: (dig(d, "portfolio", "requests", "received"), dig(d, "portfolio", "actions", "actions", "opened")),
        lambda w: {
            PM: ((2, 2), OK),
            COORDINATOR: ((1, 1), OK),
            FOCAL_POINT: ((1, 1), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((2, 2), OK),
        },
    )
    return rows


async def walk(gql: Gql, world: World, rows: list[Row]) -> list[str]:
    failures: list[str] = []
    roles = world.roles()
    for row in rows:
        expected = row.expected(world)
        for role_key in ROLES:
            role, claims = roles[role_key]
            body = await gql(row.query, role=role, claims=claims, **row.variables(world))
            codes = tuple(sorted({str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []}))
            got = (row.observe(body.get("data"), world), codes)
            if got != expected[role_key]:
                failures.append(f"[{row.name}] {role_key}: expected {expected[role_key]!r}, got {got!r}")
    return failures


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
    cell("submitParticipantFeedback (own region)", COORDINATOR, participant, one_response("asia"), "ok")
    cell("submitParticipantFeedback (other region)", COORDINATOR, participant, one_response("africa"), "NOT_FOUND")
    cell("submitParticipantFeedback (own authority)", FOCAL_POINT, participant, one_response("africa"), "ok")
    cell("submitParticipantFeedback (other authority)", FOCAL_POINT, participant, one_response("asia"), "NOT_FOUND")
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


async def test_every_row_of_the_access_table(gql: Gql, stack: Stack) -> None:
    world = await build_world(gql, stack)
    failures = await walk(gql, world, read_rows())
    failures += await run_mutations(gql, stack, world)
    assert not failures, "cells that differ from ACCESS.md:\n" + "\n".join(failures)
