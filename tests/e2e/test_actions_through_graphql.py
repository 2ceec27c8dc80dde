"""On the running stack: an approval travels over Kafka and opens exactly one Action."""

from __future__ import annotations

import time
from typing import Any

import httpx

from .conftest import LaunchedStack
from .graphql_client import GraphQL
from .test_requests_through_graphql import DECIDE, SUBMIT, submission

REQUEST_WITH_ACTION = """query($id: ID!) { request(id: $id) { id status
  action { id code label phase status request { id } } } }"""


def approve(pm: GraphQL, **overrides: Any) -> str:
    request_id: str = pm.data(SUBMIT, input=submission(**overrides))["submitRequest"]["request"]["id"]
    decided = pm.data(
        DECIDE, input={"id": request_id, "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    )["decideRequest"]
    assert decided["errors"] == []
    return request_id


def wait_for_action(pm: GraphQL, request_id: str, timeout: float = 20) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    while True:
        request = pm.data(REQUEST_WITH_ACTION, id=request_id)["request"]
        if request["action"] is not None or time.monotonic() - started > timeout:
            return request, time.monotonic() - started
        time.sleep(0.05)


def test_approving_a_request_opens_its_action(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    request_id = approve(pm, countries=["TH"], region="ASIA", receivedOn="2017-05-02")

    request, waited = wait_for_action(pm, request_id)

    action = request["action"]
    assert action is not None, "no Action was opened"
    print(f"Action visible {waited * 1000:.0f} ms after the approval returned")
    assert action["phase"] == "MIEUX_III"
    assert action["code"].startswith("2017-")
    assert action["label"].startswith("Thailand ")
    assert action["request"]["id"] == request_id

    asia = GraphQL(running_stack.graphql_url, "regional_coordinator", region="ASIA")
    africa = GraphQL(running_stack.graphql_url, "regional_coordinator", region="AFRICA")
    assert (
        asia.data("query($c: String!) { actionByCode(code: $c) { id } }", c=action["code"])["actionByCode"]["id"]
        == action["id"]
    )
    assert africa.data("query($c: String!) { actionByCode(code: $c) { id } }", c=action["code"])["actionByCode"] is None


def test_with_the_consistency_token_the_new_action_is_there_at_once(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    request_id: str = pm.data(SUBMIT, input=submission(countries=["PH"], region="ASIA"))["submitRequest"]["request"][
        "id"
    ]
    decided = pm.data(
        DECIDE, input={"id": request_id, "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    )["decideRequest"]
    response = httpx.post(
        running_stack.graphql_url,
        json={"query": REQUEST_WITH_ACTION, "variables": {"id": request_id}},
        headers={"authorization": f"Bearer {pm.token}", "x-consistency-token": decided["consistencyToken"]},
        timeout=30,
    )
    body = response.json()
    assert body["data"]["request"]["action"] is not None  # no polling: the gateway waited for the actions service
    assert body["extensions"]["consistency"]["caughtUp"] is True
