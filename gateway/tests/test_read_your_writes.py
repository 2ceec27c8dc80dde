"""Read-your-writes across services: a query given a mutation's consistency token waits for the services it
reads, up to a bound it reports."""

from __future__ import annotations

import asyncio

import httpx

from .conftest import SUBMIT, Gql, Stack, submission

APPROVE = """mutation($input: DecideRequestInput!) { decideRequest(input: $input) { consistencyToken
  errors { code } } }"""
WITH_ACTION = "query($id: ID!) { request(id: $id) { status action { id code } } }"


async def approve(gql: Gql) -> tuple[str, str]:
    request = (await gql(SUBMIT, input=submission()))["data"]["submitRequest"]["request"]
    decided = await gql(
        APPROVE, input={"id": request["id"], "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    )
    token: str = decided["data"]["decideRequest"]["consistencyToken"]
    return request["id"], token


async def test_with_the_token_the_new_action_is_read_at_once(gql: Gql, stack: Stack) -> None:
    request_id, token = await approve(gql)

    async def broker_later() -> None:
        await asyncio.sleep(0.3)  # the approval reaches the actions service a little later
        await stack.deliver()

    delivery = asyncio.create_task(broker_later())
    body = await gql(WITH_ACTION, id=request_id, consistency=token)
    await delivery

    assert body["data"]["request"]["action"] is not None
    report = body["extensions"]["consistency"]
    assert report["caughtUp"] is True and report["pending"] == {}
    assert report["waitedMs"]["actions"] >= 250  # it waited for the actions service
    assert report["waitedMs"]["requests"] < 250  # the requests service reads its own writes


async def test_past_the_bound_the_query_answers_and_says_what_is_still_pending(gql: Gql, stack: Stack) -> None:
    request_id, token = await approve(gql)  # nothing delivers the approval this time
    body = await gql(WITH_ACTION, id=request_id, consistency=token)
    report = body["extensions"]["consistency"]
    assert body["data"]["request"]["action"] is None
    assert report["caughtUp"] is False
    assert list(report["pending"]["actions"]) == ["requests"]
    assert report["boundMs"] == 5000


async def test_a_malformed_token_is_a_clear_400(http: httpx.AsyncClient) -> None:
    from service_core.embedded.welcome import dev_token

    response = await http.post(
        "/graphql",
        json={"query": "{ requests { totalCount } }"},
        headers={"authorization": f"Bearer {dev_token('programme_manager')}", "x-consistency-token": "not-a-token"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {
        "code": "BAD_CONSISTENCY_TOKEN",
        "field": "x-consistency-token",
    }
