"""Issue 5 through the graph: roster, candidates, deployments, evaluation, double booking, erasure."""

from __future__ import annotations

from typing import Any

from .conftest import Gql, Stack
from .test_actions_graph import approved_action, mutation

EXPERT_PAYLOAD = """{ expert { id status category personalData { fullName email } } errors { code message field } }"""
DEPLOYMENT_PAYLOAD = """{ deployment { id status expertId } errors { code message field } }"""


DEPLOYMENT_MUTATIONS = {
    "proposeDeployment",
    "confirmDeployment",
    "declineDeployment",
    "cancelDeployment",
    "evaluateExpert",
}


def expert_mutation(name: str, input_type: str) -> str:
    payload = DEPLOYMENT_PAYLOAD if name in DEPLOYMENT_MUTATIONS else EXPERT_PAYLOAD
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {payload} }}"


def expert_input(name: str, category: str, nationality: str, member_state: str | None = None) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "category": category,
        "nationality": nationality,
        "sector": "PUBLIC" if category != "OTHER" else "ACADEMIA",
        "expertise": [{"thematicArea": "LEGAL_MIGRATION_MOBILITY", "topics": []}],
        "languages": [{"language": "en", "level": "C1"}],
    }
    if member_state:
        profile["memberState"] = member_state
        profile["administrationLevel"] = "NATIONAL"
    elif category == "NON_EU_GOVERNMENTAL":
        profile["administrationLevel"] = "NATIONAL"
    email = name.lower().replace(" ", ".") + "@example.org"
    return {"personalData": {"fullName": name, "email": email}, "profile": profile, "registeredOn": "2018-01-10"}


async def register(gql: Gql, *args: Any) -> str:
    body = await gql(expert_mutation("registerExpert", "RegisterExpertInput"), input=expert_input(*args))
    payload = body["data"]["registerExpert"]
    assert payload["errors"] == [], payload
    expert_id: str = payload["expert"]["id"]
    return expert_id


async def agreed_action(gql: Gql, stack: Stack) -> dict[str, Any]:
    action = await approved_action(gql, stack)
    levels = [{"level": lv, "approach": "x"} for lv in ("INDIVIDUAL", "ORGANISATIONAL", "ENABLING_ENVIRONMENT")]
    await gql(
        mutation("draftActionFiche", "DraftActionFicheInput"),
        input={
            "actionId": action["id"],
            "interventionLogic": "logic",
            "institutionalFramework": "framework",
            "capacityLevels": levels,
            "plannedSequence": ["WORKSHOP"],
            "draftedOn": "2019-04-10",
        },
    )
    agreed = await gql(
        mutation("agreeActionFiche", "AgreeActionFicheInput"),
        input={
            "actionId": action["id"],
            "parties": ["MIEUX_TEAM", "STEERING_GROUP", "PARTNER_AUTHORITY"],
            "agreedOn": "2019-04-20",
        },
    )
    assert agreed["data"]["agreeActionFiche"]["errors"] == []
    return action


async def planned_workshop(gql: Gql, stack: Stack, day: int = 10) -> tuple[str, str]:
    action = await agreed_action(gql, stack)
    planned = await gql(
        mutation("planActivity", "PlanActivityInput"),
        input={
            "actionId": action["id"],
            "activityType": "WORKSHOP",
            "startsOn": f"2019-06-{day:02d}",
            "endsOn": f"2019-06-{day + 1:02d}",
            "placeCountry": "CV",
        },
    )
    activity_id: str = planned["data"]["planActivity"]["activity"]["id"]
    await stack.deliver()  # ActivityPlanned reaches the experts service
    return action["id"], activity_id


async def deploy(gql: Gql, expert_id: str, activity_id: str) -> dict[str, Any]:
    proposed = await gql(
        expert_mutation("proposeDeployment", "ProposeDeploymentInput"),
        input={"expertId": expert_id, "activityId": activity_id},
    )
    if proposed["data"]["proposeDeployment"]["errors"]:
        refused: dict[str, Any] = proposed["data"]["proposeDeployment"]
        return refused  # refused already at the proposal (e.g. double booking)
    deployment_id = proposed["data"]["proposeDeployment"]["deployment"]["id"]
    confirmed = await gql(
        expert_mutation("confirmDeployment", "ConfirmDeploymentInput"),
        input={"deploymentId": deployment_id, "confirmedOn": "2019-05-01"},
    )
    payload: dict[str, Any] = confirmed["data"]["confirmDeployment"]
    return payload


async def test_candidates_deployment_holding_and_evaluation(gql: Gql, stack: Stack) -> None:
    eu = await register(gql, "Anna Schmidt", "EU_MS_GOVERNMENTAL", "DE", "DE")
    non_eu = await register(gql, "Kwame Mensah", "NON_EU_GOVERNMENTAL", "GH")
    other = await register(gql, "Lea Rossi", "OTHER", "IT")
    action_id, activity_id = await planned_workshop(gql, stack)

    candidates = await gql(
        """query($a: ID!) { expertCandidates(activityId: $a, languages: ["en"]) {
        totalCount items { rank expertId score reasons { code points } profile { category } } } }""",
        a=activity_id,
    )
    ranked = candidates["data"]["expertCandidates"]["items"]
    assert ranked[0]["expertId"] == eu  # EU Member State administrations first (R18)
    assert {c["expertId"] for c in ranked} == {eu, non_eu, other}
    assert all(c["reasons"] for c in ranked)

    assert (await deploy(gql, eu, activity_id))["deployment"]["status"] == "CONFIRMED"
    again = await gql(
        "query($a: ID!) { expertCandidates(activityId: $a) { totalCount excluded { reason count } } }", a=activity_id
    )
    assert again["data"]["expertCandidates"]["excluded"] == [{"reason": "ALREADY_ON_ACTIVITY", "count": 1}]
    assert (await deploy(gql, non_eu, activity_id))["errors"] == []
    held = await gql(
        mutation("recordActivityHeld", "RecordActivityHeldInput"),
        input={"activityId": activity_id, "heldFrom": "2019-06-10", "heldTo": "2019-06-11", "participantsCount": 20},
    )
    assert held["data"]["recordActivityHeld"]["errors"] == []
    await stack.deliver()  # ActivityHeld completes the deployments

    view = await gql(
        """query($a: ID!, $x: ID!) { activity(id: $a) { deployments { edges { node { id status expert { id category } } } } }
        action(id: $x) { expertComposition { expertsCount byCategory { category count } triangular southSouth
        euMsGovernmentalShare } } }""",
        a=activity_id,
        x=action_id,
    )
    deployments = [edge["node"] for edge in view["data"]["activity"]["deployments"]["edges"]]
    assert {d["status"] for d in deployments} == {"COMPLETED"}
    composition = view["data"]["action"]["expertComposition"]
    assert composition["expertsCount"] == 2
    assert composition["euMsGovernmentalShare"] == 0.5
    evaluated = await gql(
        expert_mutation("evaluateExpert", "EvaluateExpertInput"),
        input={
            "deploymentId": deployments[0]["id"],
            "expertise": 5,
            "communication": 4,
            "preparation": 5,
            "notes": "internal only",
        },
    )
    assert evaluated["data"]["evaluateExpert"]["errors"] == []


async def test_a_confirmed_expert_cannot_be_double_booked(gql: Gql, stack: Stack) -> None:
    expert = await register(gql, "Jan Kowalski", "EU_MS_GOVERNMENTAL", "PL", "PL")
    _, first = await planned_workshop(gql, stack, day=10)
    _, overlapping = await planned_workshop(gql, stack, day=11)
    assert (await deploy(gql, expert, first))["errors"] == []
    refused = await deploy(gql, expert, overlapping)
    assert refused["errors"][0]["code"] == "EXPERT_DOUBLE_BOOKED"


async def test_erasure_removes_personal_data_and_deployments_still_count(gql: Gql, stack: Stack) -> None:
    expert = await register(gql, "Maria Garcia", "EU_MS_GOVERNMENTAL", "ES", "ES")
    action_id, activity_id = await planned_workshop(gql, stack)
    await deploy(gql, expert, activity_id)
    erased = await gql(expert_mutation("eraseExpert", "EraseExpertInput"), input={"expertId": expert})
    assert erased["data"]["eraseExpert"]["expert"]["personalData"] is None
    after = await gql(
        """query($e: ID!, $x: ID!) { expert(id: $e) { status erased personalData { fullName } }
        action(id: $x) { expertComposition { expertsCount } } }""",
        e=expert,
        x=action_id,
    )
    assert after["data"]["expert"] == {"status": "ERASED", "erased": True, "personalData": None}
    assert after["data"]["action"]["expertComposition"]["expertsCount"] == 1


async def test_a_coordinator_sees_profiles_but_not_contact_details(gql: Gql, stack: Stack) -> None:
    expert = await register(gql, "Pierre Martin", "EU_MS_GOVERNMENTAL", "FR", "FR")
    _, activity_id = await planned_workshop(gql, stack)
    await deploy(gql, expert, activity_id)
    africa = await gql(
        "query($e: ID!) { expert(id: $e) { id category personalData { email } } }",
        e=expert,
        role="regional_coordinator",
        claims={"region": "AFRICA"},
    )
    assert africa["data"]["expert"] == {"id": expert, "category": "EU_MS_GOVERNMENTAL", "personalData": None}
    itself = await gql(
        "query($e: ID!) { expert(id: $e) { personalData { email } } }",
        e=expert,
        role="expert",
        claims={"expert_id": expert},
    )
    assert itself["data"]["expert"]["personalData"]["email"] == "pierre.martin@example.org"
