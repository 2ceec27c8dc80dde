"""Issue 17 through the graph: a region mismatch warns, an undecided request is amended, an Action is classified."""

from __future__ import annotations

from .conftest import Gql, Stack, submission
from .test_actions_graph import approved_action
from .test_experts_graph import deploy, planned_workshop, register

REQUEST = """{ request { id status eligible countries eligibilityReasons { code } eligibilityWarnings { code }
  warnings { code rule } } errors { code message field } }"""
SUBMIT = f"mutation($input: SubmitRequestInput!) {{ submitRequest(input: $input) {REQUEST} }}"
AMEND = f"mutation($input: AmendRequestInput!) {{ amendRequest(input: $input) {REQUEST} }}"
CLASSIFY = """mutation($input: ClassifyActionInput!) { classifyAction(input: $input) {
  action { id topics crossCutting } errors { code field } } }"""


async def test_a_country_of_another_region_warns_and_the_request_is_amended(gql: Gql, stack: Stack) -> None:
    submitted = (await gql(SUBMIT, input=submission(countries=["CV", "MA"])))["data"]["submitRequest"]["request"]
    assert (submitted["status"], submitted["eligible"], submitted["eligibilityReasons"]) == ("OPEN", True, [])
    assert submitted["eligibilityWarnings"] == [{"code": "COUNTRY_OUTSIDE_REGION"}]  # Morocco is EU Neighbourhood
    amendment = {"id": submitted["id"], "countries": ["CV", "SN"], "region": "AFRICA",
                 "thematicArea": "LEGAL_MIGRATION_MOBILITY", "topic": "Labour migration",
                 "description": "Strategy support with Senegal.", "reason": "Senegal joins", "amendedOn": "2019-03-10"}  # fmt: skip
    amended = (await gql(AMEND, input=amendment))["data"]["amendRequest"]
    assert amended["errors"] == []
    assert (amended["request"]["countries"], amended["request"]["eligibilityWarnings"]) == (["CV", "SN"], [])
    unknown = (await gql(AMEND, input={**amendment, "countries": ["CV", "XX"]}))["data"]["amendRequest"]
    assert [(e["code"], e["field"]) for e in unknown["errors"]] == [("UNKNOWN_COUNTRY", "countries.1")]


async def test_an_action_is_classified_with_topics_and_cross_cutting_issues(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    body = {"actionId": action["id"], "topics": ["LABOUR_MIGRATION_POLICIES"], "crossCutting": ["GENDER"],
            "classifiedOn": "2019-04-05"}  # fmt: skip
    classified = (await gql(CLASSIFY, input=body))["data"]["classifyAction"]
    assert classified["errors"] == []
    assert classified["action"]["topics"] == ["LABOUR_MIGRATION_POLICIES"]
    assert classified["action"]["crossCutting"] == ["GENDER"]
    refused = (await gql(CLASSIFY, input={**body, "topics": ["NOT_A_TOPIC"]}))["data"]["classifyAction"]
    assert refused["errors"] == [{"code": "UNKNOWN_TOPIC", "field": "topics.0"}]


LESSON = """mutation($input: RecordActionLessonInput!) { recordActionLesson(input: $input) {
  action { lessons { kind category summary recordedOn } } errors { code field } } }"""
OUTCOME = """mutation($input: RecordActionOutcomeInput!) { recordActionOutcome(input: $input) {
  action { outcomes { summary capacityLevel deliverableIds observedOn } } errors { code field } } }"""


async def test_lessons_and_outcomes_are_recorded_through_the_graph(gql: Gql, stack: Stack) -> None:
    """Brazil II (2019): the fact-finding mission took two weeks, double the usual, and it paid off."""
    action = await approved_action(gql, stack)
    lesson = {"actionId": action["id"], "kind": "LESSON_LEARNT", "category": "METHODOLOGY",
              "summary": "A fortnight of fact-finding gave the team a full picture", "recordedOn": "2019-05-20"}  # fmt: skip
    recorded = (await gql(LESSON, input=lesson))["data"]["recordActionLesson"]
    assert recorded["errors"] == []
    assert recorded["action"]["lessons"][0]["category"] == "METHODOLOGY"
    outcome = {"actionId": action["id"], "summary": "Officials apply the new interview guide",
               "capacityLevel": "INDIVIDUAL", "observedOn": "2019-06-01"}  # fmt: skip
    observed = (await gql(OUTCOME, input=outcome))["data"]["recordActionOutcome"]
    assert observed["action"]["outcomes"] == [{"summary": "Officials apply the new interview guide",
                                               "capacityLevel": "INDIVIDUAL", "deliverableIds": [],
                                               "observedOn": "2019-06-01"}]  # fmt: skip
    unknown = (await gql(OUTCOME, input={**outcome, "deliverableIds": ["nope"]}))["data"]["recordActionOutcome"]
    assert unknown["errors"] == [{"code": "UNKNOWN_DELIVERABLE", "field": "deliverableIds.0"}]


AFTERMATH = """action { followUps { channel } replications { country requestId summary observedOn }
  complementaryActors { name kind relation initiative recordedOn } } errors { code field }"""
FOLLOW_UP = f"mutation($input: RecordActionFollowUpInput!) {{ recordActionFollowUp(input: $input) {{ {AFTERMATH} }} }}"
REPLICATION = (
    f"mutation($input: RecordActionReplicationInput!) {{ recordActionReplication(input: $input) {{ {AFTERMATH} }} }}"
)
ACTOR = (
    f"mutation($input: RecordComplementaryActorInput!) {{ recordComplementaryActor(input: $input) {{ {AFTERMATH} }} }}"
)


async def test_replication_and_complementary_actors_are_recorded_and_an_unlaunched_action_is_not_followed_up(
    gql: Gql, stack: Stack
) -> None:
    action = await approved_action(gql, stack)
    follow_up = {"actionId": action["id"], "channel": "ROUND_TABLE", "summary": "Too early", "observedOn": "2019-06-01"}
    refused = (await gql(FOLLOW_UP, input=follow_up))["data"]["recordActionFollowUp"]
    assert refused["errors"] == [{"code": "NOT_LAUNCHED", "field": None}]
    replication = {"actionId": action["id"], "country": "MX", "summary": "Mexico asked for a similar protocol",
                   "observedOn": "2019-06-01"}  # fmt: skip
    replicated = (await gql(REPLICATION, input=replication))["data"]["recordActionReplication"]
    assert replicated["errors"] == []
    assert replicated["action"]["replications"] == [{"country": "MX", "requestId": None, "observedOn": "2019-06-01",
                                                     "summary": "Mexico asked for a similar protocol"}]  # fmt: skip
    actor = {"actionId": action["id"], "name": "UNODC", "kind": "INTERNATIONAL_ORGANISATION", "relation": "SYNERGY",
             "recordedOn": "2019-06-02"}  # fmt: skip
    recorded = (await gql(ACTOR, input=actor))["data"]["recordComplementaryActor"]
    assert recorded["action"]["complementaryActors"] == [{"name": "UNODC", "kind": "INTERNATIONAL_ORGANISATION",
                                                          "relation": "SYNERGY", "initiative": None,
                                                          "recordedOn": "2019-06-02"}]  # fmt: skip
    unknown = (await gql(REPLICATION, input={**replication, "country": "XX"}))["data"]["recordActionReplication"]
    assert unknown["errors"] == [{"code": "UNKNOWN_COUNTRY", "field": "country"}]


EVALUATION = """mutation($input: RecordExternalEvaluationInput!) { recordExternalEvaluation(input: $input) {
  evaluation { evaluationId kind countriesVisited findings { criterion } } errors { code field } } }"""
EVALUATIONS = """query($kind: EvaluationKind, $last: Int) {
  externalEvaluations(kind: $kind, last: $last) { totalCount edges { node { title kind actionIds } } } }"""


async def test_external_evaluations_are_recorded_and_listed_through_the_graph(gql: Gql, stack: Stack) -> None:
    """Results-oriented monitoring of early 2018 against the four DAC criteria."""
    rom = {"kind": "RESULTS_ORIENTED_MONITORING", "title": "Results-oriented monitoring", "evaluator": "The EU's ROM",
           "startedOn": "2018-01-15", "endedOn": "2018-03-30",
           "findings": [{"criterion": c, "finding": "Rated good"} for c in
                        ("RELEVANCE", "EFFICIENCY", "EFFECTIVENESS", "SUSTAINABILITY")]}  # fmt: skip
    recorded = (await gql(EVALUATION, input=rom))["data"]["recordExternalEvaluation"]
    assert recorded["errors"] == []
    assert [f["criterion"] for f in recorded["evaluation"]["findings"]] == [
        "RELEVANCE", "EFFICIENCY", "EFFECTIVENESS", "SUSTAINABILITY",
    ]  # fmt: skip
    listed = (await gql(EVALUATIONS, kind="RESULTS_ORIENTED_MONITORING", last=1))["data"]["externalEvaluations"]
    assert listed == {
        "totalCount": 1,
        "edges": [{"node": {"title": "Results-oriented monitoring", "kind": "RESULTS_ORIENTED_MONITORING",
                            "actionIds": []}}],
    }  # fmt: skip
    refused = (await gql(EVALUATION, input={**rom, "countriesVisited": ["XX"]}))["data"]["recordExternalEvaluation"]
    assert refused["errors"] == [{"code": "UNKNOWN_COUNTRY", "field": "countriesVisited.0"}]


CO_FACILITATE = """mutation($input: RecordActivityCoFacilitationInput!) { recordActivityCoFacilitation(input: $input) {
  activity { id coFacilitators { authorityId focalPointId recordedOn } } action { id } errors { code field } } }"""
PLAN_WORKSHOP = """mutation($input: PlanActivityInput!) { planActivity(input: $input) { activity { id version }
  errors { code } } }"""


async def test_a_partner_institution_co_facilitates_an_activity_through_the_graph(gql: Gql, stack: Stack) -> None:
    """The requesting ministry's staff co-facilitate a drafting session; another institution cannot."""
    action = (await gql(f'{{ action(id: "{(await approved_action(gql, stack))["id"]}") {{ id authorityId }} }}'))[
        "data"
    ]["action"]
    plan = {"actionId": action["id"], "activityType": "DRAFTING_SESSION", "startsOn": "2019-05-06",
            "endsOn": "2019-05-08", "placeCountry": "CV", "placeCity": "Praia"}  # fmt: skip
    activity = (await gql(PLAN_WORKSHOP, input=plan))["data"]["planActivity"]["activity"]
    body = {"activityId": activity["id"], "authorityId": action["authorityId"], "focalPointId": "fp-1",
            "recordedOn": "2019-04-20", "expectedVersion": activity["version"]}  # fmt: skip
    recorded = (await gql(CO_FACILITATE, input=body))["data"]["recordActivityCoFacilitation"]
    assert recorded["errors"] == []
    assert recorded["activity"]["coFacilitators"] == [
        {"authorityId": action["authorityId"], "focalPointId": "fp-1", "recordedOn": "2019-04-20"}
    ]
    assert recorded["action"]["id"] == action["id"]
    stale = (await gql(CO_FACILITATE, input=body))["data"]["recordActivityCoFacilitation"]
    assert stale["errors"] == [{"code": "CONCURRENT_MODIFICATION", "field": "expectedVersion"}]
    other = {"activityId": activity["id"], "authorityId": "another-institution"}
    refused = (await gql(CO_FACILITATE, input=other))["data"]["recordActivityCoFacilitation"]
    assert refused["errors"] == [{"code": "NOT_A_PARTNER_INSTITUTION", "field": "authorityId"}]


NOMINATE = """mutation($input: NominateFocalPointInput!) { nominateFocalPoint(input: $input) {
  request { focalPoints { focalPointId name } } errors { code } } }"""
FORMER = """mutation($input: RecordFormerFocalPointInput!) { recordFormerFocalPoint(input: $input) {
  expert { id formerFocalPoints { focalPointId kind recordedOn request { id } } } errors { code field } } }"""
EXPERT_LINKS = "query($id: ID!) { expert(id: $id) { id formerFocalPoints { focalPointId } } }"
DEPLOYED_FIGURE = "{ portfolio { experts { deployed { formerFocalPoints } } } }"


async def test_a_focal_point_who_joins_the_roster_is_linked_and_only_its_readers_of_personal_data_see_it(
    gql: Gql, stack: Stack
) -> None:
    """Cabo Verde's focal point becomes an expert of another Action (South-South exchange)."""
    _, workshop = await planned_workshop(gql, stack)
    request = (await gql(SUBMIT, input=submission()))["data"]["submitRequest"]["request"]
    nominee = {"requestId": request["id"], "kind": "OPERATIONAL", "name": "Demo Focal Point CV",
               "role": "Director General", "institution": "Immigration directorate"}  # fmt: skip
    nominated = (await gql(NOMINATE, input=nominee))["data"]["nominateFocalPoint"]
    [focal_point] = nominated["request"]["focalPoints"]
    expert_id = await register(gql, "Demo Expert CV", "NON_EU_GOVERNMENTAL", "CV")
    await stack.deliver()  # the experts service learns the focal point from mieux.requests.v1
    body = {"expertId": expert_id, "focalPointId": focal_point["focalPointId"], "recordedOn": "2019-04-02"}
    linked = (await gql(FORMER, input=body))["data"]["recordFormerFocalPoint"]
    assert linked["errors"] == []
    assert linked["expert"]["formerFocalPoints"] == [{"focalPointId": focal_point["focalPointId"],
                                                      "kind": "OPERATIONAL", "recordedOn": "2019-04-02",
                                                      "request": {"id": request["id"]}}]  # fmt: skip
    twice = (await gql(FORMER, input=body))["data"]["recordFormerFocalPoint"]
    assert twice["errors"] == [{"code": "FOCAL_POINT_ALREADY_RECORDED", "field": "focalPointId"}]
    unknown = (await gql(FORMER, input={**body, "focalPointId": "nobody"}))["data"]["recordFormerFocalPoint"]
    assert [e["code"] for e in unknown["errors"]] == ["NOT_FOUND"]
    own = (await gql(EXPERT_LINKS, role="expert", claims={"expert_id": expert_id}, id=expert_id))["data"]
    assert own["expert"]["formerFocalPoints"] == [{"focalPointId": focal_point["focalPointId"]}]
    coordinator = {"region": "AFRICA"}
    assert (await deploy(gql, expert_id, workshop))["errors"] == []
    seen = (await gql(EXPERT_LINKS, role="regional_coordinator", claims=coordinator, id=expert_id))["data"]
    assert seen["expert"] == {"id": expert_id, "formerFocalPoints": None}
    figure = (await gql(DEPLOYED_FIGURE, role="reporting"))["data"]["portfolio"]["experts"]["deployed"]
    assert figure == {"formerFocalPoints": 1}
