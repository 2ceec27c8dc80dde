"""Issue 6 through the graph: participant feedback after holding, exact summaries, completion needs expert and
partner feedback, a regional review with suppression."""

from __future__ import annotations

from typing import Any

from .conftest import Gql, Stack
from .test_actions_graph import mutation
from .test_experts_graph import deploy, planned_workshop, register

SUBMIT_ONE = """mutation($input: SubmitParticipantFeedbackInput!) { submitParticipantFeedback(input: $input) {
  responseIds summary { responses } errors { code message field } } }"""
SUBMIT_BATCH = """mutation($input: SubmitParticipantFeedbackBatchInput!) { submitParticipantFeedbackBatch(input: $input) {
  responseIds summary { responses suppressed criteria { criterion responses mean distribution } }
  errors { code message field } } }"""
SUBMIT_ACTION = """mutation($input: SubmitActionFeedbackInput!) { submitActionFeedback(input: $input) {
  feedback { feedbackId source } errors { code message field } } }"""


def response(relevance: int, quality: int = 4) -> dict[str, Any]:
    return {
        "ratings": {"relevance": relevance, "expertiseQuality": quality, "knowledgeGained": 4, "applicability": 3},
        "capacityLevel": "INDIVIDUAL",
        "comment": "Secret comment text",
    }


async def held_workshop(gql: Gql, stack: Stack, expert: str | None = None) -> tuple[str, str]:
    action_id, activity_id = await planned_workshop(gql, stack)
    if expert:
        await deploy(gql, expert, activity_id)
    held = await gql(
        mutation("recordActivityHeld", "RecordActivityHeldInput"),
        input={"activityId": activity_id, "heldFrom": "2019-06-10", "heldTo": "2019-06-11", "participantsCount": 12},
    )
    assert held["data"]["recordActivityHeld"]["errors"] == []
    return action_id, activity_id


async def test_feedback_before_the_activity_is_held_is_refused(gql: Gql, stack: Stack) -> None:
    _, activity_id = await planned_workshop(gql, stack)
    refused = await gql(SUBMIT_ONE, input={"activityId": activity_id, **response(5)})
    assert refused["data"]["submitParticipantFeedback"]["errors"][0]["code"] == "ACTIVITY_NOT_HELD"


async def test_twelve_responses_give_a_summary_right_to_the_decimal(gql: Gql, stack: Stack) -> None:
    _, activity_id = await held_workshop(gql, stack)
    await stack.deliver()
    relevance = [5, 5, 4, 4, 4, 3, 5, 4, 2, 5, 4, 4]  # mean 49/12 = 4.0833 -> 4.08
    batch = await gql(
        SUBMIT_BATCH,
        input={"activityId": activity_id, "givenOn": "2019-06-11", "responses": [response(r) for r in relevance]},
    )
    payload = batch["data"]["submitParticipantFeedbackBatch"]
    assert payload["errors"] == [] and len(payload["responseIds"]) == 12
    stats = {c["criterion"]: c for c in payload["summary"]["criteria"]}
    assert stats["RELEVANCE"]["mean"] == 4.08
    assert stats["RELEVANCE"]["distribution"] == [0, 1, 1, 6, 4]
    assert stats["EXPERTISE_QUALITY"]["mean"] == 4.0

    bad = await gql(
        SUBMIT_BATCH,
        input={
            "activityId": activity_id,
            "responses": [response(5), {**response(5), "ratings": {**response(5)["ratings"], "relevance": 9}}],
        },
    )
    assert bad["data"]["submitParticipantFeedbackBatch"]["errors"][0]["field"].startswith("responses.1")
    summary = await gql("query($a: ID!) { activity(id: $a) { feedbackSummary { responses } } }", a=activity_id)
    assert summary["data"]["activity"]["feedbackSummary"]["responses"] == 12  # all or nothing


async def test_an_action_completes_only_with_expert_and_partner_feedback(gql: Gql, stack: Stack) -> None:
    expert = await register(gql, "Eva Novak", "EU_MS_GOVERNMENTAL", "SI", "SI")
    action_id, _ = await held_workshop(gql, stack, expert)
    await stack.deliver()
    refused = await gql(mutation("completeAction", "CompleteActionInput"), input={"actionId": action_id})
    assert refused["data"]["completeAction"]["errors"][0]["code"] == "ACTION_FEEDBACK_MISSING"

    ratings = {"relevance": 5, "effectiveness": 4, "sustainability": 4}
    from_expert = await gql(
        SUBMIT_ACTION,
        input={
            "actionId": action_id,
            "source": "EXPERT",
            "expertId": expert,
            "ratings": ratings,
            "goodPracticeFeatures": ["OWNERSHIP"],
        },
    )
    from_partner = await gql(
        SUBMIT_ACTION,
        input={
            "actionId": action_id,
            "source": "PARTNER",
            "ratings": ratings,
            "capacityLevelsReached": ["ORGANISATIONAL"],
        },
    )
    assert from_expert["data"]["submitActionFeedback"]["errors"] == []
    assert from_partner["data"]["submitActionFeedback"]["errors"] == []
    await stack.deliver()  # ActionFeedbackSubmitted reaches the actions service

    done = await gql(mutation("completeAction", "CompleteActionInput"), input={"actionId": action_id})
    assert done["data"]["completeAction"]["errors"] == []
    feedback = await gql(
        """query($x: ID!) { action(id: $x) { status feedback { hasExpertFeedback
        hasPartnerFeedback expertFeedback { source } } } }""",
        x=action_id,
    )
    assert feedback["data"]["action"]["status"] == "COMPLETED"
    assert feedback["data"]["action"]["feedback"]["hasPartnerFeedback"] is True


async def test_a_quarterly_review_suppresses_a_small_cell_for_a_coordinator(gql: Gql, stack: Stack) -> None:
    _, activity_id = await held_workshop(gql, stack)
    await stack.deliver()
    batch = await gql(
        SUBMIT_BATCH,
        input={
            "activityId": activity_id,
            "givenOn": "2019-06-12",
            "responses": [response(5), response(4), response(4)],
        },
    )
    assert batch["data"]["submitParticipantFeedbackBatch"]["errors"] == [], batch
    query = """query($r: Region) { review(period: "2019-Q2", region: $r) { periodKind suppressedCells
        participant { responses criteria { criterion mean suppressed } } } }"""

    answer = await gql(query, r="AFRICA")
    assert "errors" not in answer, answer
    full = answer["data"]["review"]
    seen_by_coordinator = await gql(query, r="AFRICA", role="regional_coordinator", claims={"region": "AFRICA"})
    assert "errors" not in seen_by_coordinator, seen_by_coordinator
    coordinator = seen_by_coordinator["data"]

    assert full["periodKind"] == "QUARTER" and full["participant"]["responses"] == 3
    relevance = next(c for c in full["participant"]["criteria"] if c["criterion"] == "RELEVANCE")
    assert relevance["mean"] == 4.33
    seen = next(c for c in coordinator["review"]["participant"]["criteria"] if c["criterion"] == "RELEVANCE")
    assert seen == {"criterion": "RELEVANCE", "mean": None, "suppressed": True}
    completeness = await gql("{ feedbackCompleteness(region: AFRICA) { activities { held withFeedback share } } }")
    assert completeness["data"]["feedbackCompleteness"]["activities"]["withFeedback"] >= 1
