"""The graph as a normalised client cache (Relay, Apollo) uses it: global ids, node refetch within the
caller's access, connections paged both ways, and DataLoader calls flat in the page size."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from gateway.schema.global_ids import parse_global_id, raw_id

from .conftest import SUBMIT, Gql, Stack, submission
from .test_actions_graph import approved_action

PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  requests(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id topic } } } }"""


async def submit(gql: Gql, count: int, prefix: str, **overrides: Any) -> list[str]:
    ids = []
    for i in range(count):
        body = await gql(
            SUBMIT, input=submission(externalReference=f"{prefix}-{i}", receivedOn=f"2019-03-{i + 1:02d}", **overrides)
        )
        ids.append(body["data"]["submitRequest"]["request"]["id"])
    return ids


def topics(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


async def test_ids_are_global_and_every_node_refetches_through_node(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    found = parse_global_id(action["id"])
    assert found is not None and found.type_name == "Action"
    body = await gql(
        """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Action { code request { id } }
        ... on RegionNode { regionCode: code } ... on CountryNode { name } } }""",
        ids=[action["id"], "UmVnaW9uTm9kZTpBRlJJQ0E=", "Q291bnRyeU5vZGU6Q1Y="],
    )
    assert not body.get("errors"), body
    first, region, country = body["data"]["nodes"]
    assert first["id"] == action["id"] and first["code"] == action["code"]
    assert region == {"__typename": "RegionNode", "id": "UmVnaW9uTm9kZTpBRlJJQ0E=", "regionCode": "AFRICA"}
    assert country["name"] == "Cabo Verde"
    request_id = first["request"]["id"]
    again = await gql("query($id: ID!) { node(id: $id) { ... on AssistanceRequest { id topic } } }", id=request_id)
    assert again["data"]["node"]["id"] == request_id
    # raw service ids keep working in arguments
    raw = await gql("query($id: ID!) { action(id: $id) { id } }", id=raw_id(action["id"]))
    assert raw["data"]["action"]["id"] == action["id"]


async def test_a_node_outside_your_access_is_what_the_field_would_be(gql: Gql, stack: Stack) -> None:
    action = await approved_action(gql, stack)
    asia = {"role": "regional_coordinator", "claims": {"region": "ASIA"}}
    query = "query($id: ID!) { node(id: $id) { id } action(id: $id) { id } }"
    hidden = await gql(query, id=action["id"], **asia)
    assert hidden["data"] == {"node": None, "action": None} and not hidden.get("errors")
    refused = await gql(query, id=action["id"], role="expert", claims={"expert_id": "e-1"})
    assert refused["data"] == {"node": None, "action": None}
    assert {e["extensions"]["code"] for e in refused["errors"]} == {"FORBIDDEN"}
    assert sorted(e["path"][0] for e in refused["errors"]) == ["action", "node"]
    malformed = await gql('{ node(id: "not-a-global-id") { id } }')
    assert malformed["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}


async def test_a_connection_pages_forward_and_backward_through_the_read_model(gql: Gql) -> None:
    ids = await submit(gql, 5, "paging")  # newest received first: ids[4] .. ids[0]
    newest_first = list(reversed(ids))
    forward = (await gql(PAGE, first=2))["data"]["requests"]
    assert topics(forward) == newest_first[:2] and forward["totalCount"] == 5
    assert forward["pageInfo"]["hasNextPage"] and not forward["pageInfo"]["hasPreviousPage"]
    tail = (await gql(PAGE, last=2))["data"]["requests"]
    assert topics(tail) == newest_first[3:]
    assert tail["pageInfo"]["hasPreviousPage"] and not tail["pageInfo"]["hasNextPage"]
    back = (await gql(PAGE, last=2, before=tail["pageInfo"]["startCursor"]))["data"]["requests"]
    assert topics(back) == newest_first[1:3]
    assert back["pageInfo"]["hasPreviousPage"] and back["pageInfo"]["hasNextPage"]
    start = (await gql(PAGE, last=5, before=back["pageInfo"]["startCursor"]))["data"]["requests"]
    assert topics(start) == newest_first[:1] and not start["pageInfo"]["hasPreviousPage"]
    both = await gql(PAGE, first=1, last=1)
    assert both["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "last"}


async def test_a_list_under_an_object_pages_both_ways(gql: Gql, stack: Stack) -> None:
    from .test_experts_graph import planned_workshop

    action_id, _ = await planned_workshop(gql, stack)
    query = """query($id: ID!, $last: Int, $before: String) { action(id: $id) { activities(last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor } edges { cursor node { id } } } } }"""
    whole = (await gql(query, id=action_id))["data"]["action"]["activities"]
    assert whole["totalCount"] == len(whole["edges"]) >= 1
    last = (await gql(query, id=action_id, last=1))["data"]["action"]["activities"]
    assert [e["node"]["id"] for e in last["edges"]] == [whole["edges"][-1]["node"]["id"]]
    assert not last["pageInfo"]["hasNextPage"]
    before = (await gql(query, id=action_id, last=1, before=last["pageInfo"]["startCursor"]))["data"]["action"]
    assert [e["node"]["id"] for e in before["activities"]["edges"]] == [e["node"]["id"] for e in whole["edges"][-2:-1]]


LEVELS = """query($n: Int!) { actions(first: $n) { totalCount edges { node { id request { id action { id } }
  activities { totalCount edges { node { id deployments { edges { node { id expert { id } } } } } } }
  deliverables { totalCount } expertComposition { expertsCount } feedback { hasPartnerFeedback } } } } }"""


async def test_dataloader_calls_per_level_are_the_same_for_one_ten_and_a_hundred_actions(
    gql: Gql, stack: Stack, gateway_app: FastAPI
) -> None:
    for i in range(100):
        await approved_action(gql, stack, externalReference=f"level-{i}")
    services = gateway_app.state.services.all()
    seen = []
    for n in (1, 10, 100):
        for client in services:
            client.calls.clear()
        body = await gql(LEVELS, n=n)
        assert not body.get("errors"), body
        assert len(body["data"]["actions"]["edges"]) == n
        seen.append([dict(client.calls) for client in services])
    assert seen[0] == seen[1] == seen[2]
    assert all(count == 1 for calls in seen[0] for count in calls.values())
    assert sum(len(calls) for calls in seen[0]) >= 6  # list, request, action-by-request, activities, ...


async def test_a_hundred_actions_with_activities_deployments_and_experts_is_within_the_cost(gql: Gql) -> None:
    body = await gql("""{ actions(first: 100) { edges { node { id code activities { edges { node { id status
        feedbackSummary { responses } deployments { edges { node { id status expert { id category } } } } } } } } } } }""")
    assert not body.get("errors"), body


async def test_payloads_of_requests_name_their_raw_id_nowhere(gql: Gql) -> None:
    [request_id] = await submit(gql, 1, "payload", countries=["SN"])
    assert parse_global_id(request_id) is not None
    body = await gql("query($id: ID!) { request(id: $id) { authority { id } } }", id=request_id)
    authority = body["data"]["request"]["authority"]["id"]
    found = await gql("query($id: ID!) { node(id: $id) { ... on Authority { id name } } }", id=authority)
    assert found["data"]["node"] == {"id": authority, "name": "Ministry of Labour"}


async def test_propose_deployment_takes_the_experts_expected_version(gql: Gql, stack: Stack) -> None:
    from .test_experts_graph import expert_mutation, planned_workshop, register

    expert = await register(gql, "Ana Silva", "EU_MS_GOVERNMENTAL", "PT", "PT")
    _, activity_id = await planned_workshop(gql, stack)
    version = (await gql("query($e: ID!) { expert(id: $e) { version } }", e=expert))["data"]["expert"]["version"]
    propose = expert_mutation("proposeDeployment", "ProposeDeploymentInput")
    stale = await gql(propose, input={"expertId": expert, "activityId": activity_id, "expectedVersion": version + 5})
    [error] = stale["data"]["proposeDeployment"]["errors"]
    assert error["code"] == "CONCURRENT_MODIFICATION" and error["field"] == "expectedVersion"
    fresh = await gql(propose, input={"expertId": expert, "activityId": activity_id, "expectedVersion": version})
    payload = fresh["data"]["proposeDeployment"]
    assert payload["errors"] == [] and payload["deployment"]["status"] == "PROPOSED"
    assert set(payload) == {"deployment", "errors"}  # a deployment's payload has no expert field to leave empty
