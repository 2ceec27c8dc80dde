"""Issue 4 through the graph: approve -> Action; Fiche, seven activities, deliverable, completion; refusals."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from .conftest import SUBMIT, Gql, Stack, submission

DECIDE = """mutation($input: DecideRequestInput!) { decideRequest(input: $input) { errors { code } } }"""
ACTION_FIELDS = """id code label phase status region launchedOn launchedLate daysToLaunchFromApproval
  daysToLaunchFromRequest activitiesHeld warnings { code rule } request { id status }"""
ACTIVITY = "activity { id status activityType }"
DELIVERABLE = "deliverable { id status history { status level changedOn } }"
# each mutation's payload has only the fields it fills
ACTIVITY_MUTATIONS = {"planActivity", "replanActivity", "rescheduleActivity", "cancelActivity", "recordActivityHeld"}
DELIVERABLE_MUTATIONS = {"recordDeliverable", "changeDeliverableStatus"}


def mutation(name: str, input_type: str) -> str:
    part = ACTIVITY if name in ACTIVITY_MUTATIONS else DELIVERABLE if name in DELIVERABLE_MUTATIONS else ""
    payload = f"{{ action {{ {ACTION_FIELDS} }} {part} errors {{ code message field }} }}"
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {payload} }}"


async def approved_action(gql: Gql, stack: Stack, **overrides: Any) -> dict[str, Any]:
    request = (await gql(SUBMIT, input=submission(**overrides)))["data"]["submitRequest"]["request"]
    decided = await gql(
        DECIDE, input={"id": request["id"], "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    )
    assert decided["data"]["decideRequest"]["errors"] == []
    await stack.deliver()
    body = await gql(f'{{ request(id: "{request["id"]}") {{ id action {{ {ACTION_FIELDS} }} }} }}')
    action: dict[str, Any] = body["data"]["request"]["action"]
    return action


async def test_an_approved_request_has_its_action_with_code_and_phase(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    assert action["code"].startswith("2019-")
    assert action["label"] == "Cabo Verde I"
    assert action["phase"] == "MIEUX_III"
    assert action["status"] == "IN_PREPARATION"
    by_code = await gql("query($c: String!) { actionByCode(code: $c) { id request { status } } }", c=action["code"])
    assert by_code["data"]["actionByCode"]["id"] == action["id"]
    assert by_code["data"]["actionByCode"]["request"]["status"] == "APPROVED"


async def test_an_action_from_fiche_to_completion(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    aid = action["id"]
    drafted = await gql(
        mutation("draftActionFiche", "DraftActionFicheInput"),
        input={
            "actionId": aid,
            "interventionLogic": "Strengthen the labour migration framework",
            "institutionalFramework": "Ministry of Labour leads",
            "capacityLevels": [
                {"level": level, "approach": "training"}
                for level in ("INDIVIDUAL", "ORGANISATIONAL", "ENABLING_ENVIRONMENT")
            ],
            "plannedSequence": ["FACT_FINDING_MISSION", "WORKSHOP"],
            "draftedOn": "2019-04-10",
            "objective": "A labour migration policy the ministry adopts",
        },
    )
    assert drafted["data"]["draftActionFiche"]["errors"] == []
    fiche = await gql(f'{{ action(id: "{aid}") {{ fiche {{ objective revision status }} }} }}')
    assert fiche["data"]["action"]["fiche"] == {
        "objective": "A labour migration policy the ministry adopts",
        "revision": 1,
        "status": "DRAFTED",
    }
    partial = await gql(
        mutation("agreeActionFiche", "AgreeActionFicheInput"),
        input={"actionId": aid, "parties": ["MIEUX_TEAM", "STEERING_GROUP"], "agreedOn": "2019-04-20"},
    )
    assert partial["data"]["agreeActionFiche"]["errors"][0]["code"] == "FICHE_PARTIES_INCOMPLETE"
    agreed = await gql(
        mutation("agreeActionFiche", "AgreeActionFicheInput"),
        input={
            "actionId": aid,
            "parties": ["MIEUX_TEAM", "STEERING_GROUP", "PARTNER_AUTHORITY"],
            "agreedOn": "2019-04-20",
        },
    )
    assert agreed["data"]["agreeActionFiche"]["errors"] == []

    types = [
        "FACT_FINDING_MISSION",
        "WORKSHOP",
        "DRAFTING_SESSION",
        "STUDY_VISIT",
        "TRAINING",
        "WORKSHOP",
        "CONFERENCE",
    ]
    activities = []
    for month, kind in enumerate(types, start=5):
        planned = await gql(
            mutation("planActivity", "PlanActivityInput"),
            input={
                "actionId": aid,
                "activityType": kind,
                "startsOn": f"2019-{month:02d}-10",
                "endsOn": f"2019-{month:02d}-12",
                "placeCountry": "CV",
                "placeCity": "Praia",
                "plannedParticipants": 20,
            },
        )
        assert planned["data"]["planActivity"]["errors"] == [], planned
        activities.append(planned["data"]["planActivity"]["activity"]["id"])

    early = await gql(mutation("completeAction", "CompleteActionInput"), input={"actionId": aid})
    assert early["data"]["completeAction"]["errors"][0]["code"] == "ACTIVITIES_PENDING"

    for month, activity_id in enumerate(activities, start=5):
        held = await gql(
            mutation("recordActivityHeld", "RecordActivityHeldInput"),
            input={
                "activityId": activity_id,
                "heldFrom": f"2019-{month:02d}-10",
                "heldTo": f"2019-{month:02d}-12",
                "participantsCount": 18,
            },
        )
        assert held["data"]["recordActivityHeld"]["errors"] == [], held

    recorded = await gql(
        mutation("recordDeliverable", "RecordDeliverableInput"),
        input={
            "actionId": aid,
            "kind": "POLICY",
            "title": "National labour migration policy",
            "recordedOn": "2019-11-01",
        },
    )
    deliverable = recorded["data"]["recordDeliverable"]["deliverable"]
    adopted = await gql(
        mutation("changeDeliverableStatus", "ChangeDeliverableStatusInput"),
        input={
            "deliverableId": deliverable["id"],
            "status": "ADOPTED",
            "level": "GOVERNMENTAL",
            "changedOn": "2019-12-01",
        },
    )
    assert adopted["data"]["changeDeliverableStatus"]["deliverable"]["status"] == "ADOPTED"
    backwards = await gql(
        mutation("changeDeliverableStatus", "ChangeDeliverableStatusInput"),
        input={
            "deliverableId": deliverable["id"],
            "status": "VALIDATED",
            "level": "TECHNICAL",
            "changedOn": "2019-12-02",
        },
    )
    assert backwards["data"]["changeDeliverableStatus"]["errors"][0]["code"] == "DELIVERABLE_STATUS_NOT_FORWARD"

    no_feedback = await gql(
        mutation("completeAction", "CompleteActionInput"), input={"actionId": aid, "completedOn": "2019-12-15"}
    )
    assert no_feedback["data"]["completeAction"]["errors"][0]["code"] == "ACTION_FEEDBACK_MISSING"
    completed = await gql(
        mutation("completeAction", "CompleteActionInput"),
        input={"actionId": aid, "completedOn": "2019-12-15", "overrideReason": "feedback arrives on paper later"},
    )
    action = completed["data"]["completeAction"]["action"]
    assert completed["data"]["completeAction"]["errors"] == []
    assert action["status"] == "COMPLETED"
    assert action["activitiesHeld"] == 7
    assert action["launchedOn"] == "2019-05-10"
    assert action["daysToLaunchFromApproval"] == 39  # approved 2019-04-01, first activity 2019-05-10
    assert action["daysToLaunchFromRequest"] == 67  # received 2019-03-04
    assert action["launchedLate"] is False
    assert {w["code"] for w in action["warnings"]}.isdisjoint(
        {"TOO_MANY_ACTIVITIES", "FIRST_ACTIVITY_NOT_FACT_FINDING"}
    )


async def test_holding_a_cancelled_activity_is_refused(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    planned = await gql(
        mutation("planActivity", "PlanActivityInput"),
        input={
            "actionId": action["id"],
            "activityType": "WORKSHOP",
            "startsOn": "2019-06-01",
            "endsOn": "2019-06-02",
            "remote": True,
        },
    )
    activity_id = planned["data"]["planActivity"]["activity"]["id"]
    warned = planned["data"]["planActivity"]["action"]["warnings"]
    assert "FIRST_ACTIVITY_NOT_FACT_FINDING" in {w["code"] for w in warned}
    await gql(
        mutation("cancelActivity", "CancelActivityInput"),
        input={"activityId": activity_id, "reason": "partner request"},
    )
    held = await gql(
        mutation("recordActivityHeld", "RecordActivityHeldInput"),
        input={"activityId": activity_id, "heldFrom": "2019-06-01", "heldTo": "2019-06-02", "participantsCount": 5},
    )
    assert held["data"]["recordActivityHeld"]["errors"][0]["code"] == "ACTIVITY_CANCELLED"


async def test_nested_lists_cost_one_call_per_level(gql: Gql, stack: Stack, gateway_app: FastAPI) -> None:
    for i in range(4):
        await approved_action(gql, stack, externalReference=f"nest-{i}")
    calls = [gateway_app.state.services.requests.calls, gateway_app.state.services.actions.calls]
    for counter in calls:
        counter.clear()
    body = await gql(
        "{ actions(first: 10) { totalCount edges { node { id activities { edges { node { id } } }"
        " deliverables { totalCount }"
        " request { id action { id } } } } } }"
    )
    assert body["data"]["actions"]["totalCount"] == 4
    assert calls[0] == {"/requests/batch": 1}
    assert calls[1] == {
        "/actions": 1,
        "/activities/batch-by-action": 1,
        "/deliverables/batch-by-action": 1,
        "/actions/batch-by-request": 1,
    }


async def test_an_asia_coordinator_cannot_reach_an_african_action(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    asia = {"role": "regional_coordinator", "claims": {"region": "ASIA"}}
    fetched = await gql(f'{{ action(id: "{action["id"]}") {{ id }} }}', **asia)
    listed = await gql("{ actions { totalCount } }", **asia)
    planned = await gql(
        mutation("planActivity", "PlanActivityInput"),
        input={
            "actionId": action["id"],
            "activityType": "WORKSHOP",
            "startsOn": "2019-06-01",
            "endsOn": "2019-06-02",
            "remote": True,
        },
        **asia,
    )
    assert fetched["data"]["action"] is None
    assert listed["data"]["actions"]["totalCount"] == 0
    assert planned["data"]["planActivity"]["errors"][0]["code"] in {"NOT_FOUND", "FORBIDDEN"}
