"""Through GraphQL only, against the running stack: submit, assess, decide, publish."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer
from gateway.schema.global_ids import raw_id

from .conftest import LaunchedStack
from .graphql_client import GraphQL

REQUEST_FIELDS = """
  id status eligible region thematicArea receivedOn countries version
  authority { id name type }
  eligibilityReasons { code message }
  decision { decision reason decidedOn }
  focalPoints { focalPointId kind name }
"""
SUBMIT = f"""
mutation($input: SubmitRequestInput!) {{
  submitRequest(input: $input) {{ request {{ {REQUEST_FIELDS} }} errors {{ code message field }} consistencyToken }}
}}"""
DECIDE = f"""
mutation($input: DecideRequestInput!) {{
  decideRequest(input: $input) {{ request {{ {REQUEST_FIELDS} }} errors {{ code message field }} consistencyToken }}
}}"""
NOMINATE = f"""
mutation($input: NominateFocalPointInput!) {{
  nominateFocalPoint(input: $input) {{ request {{ {REQUEST_FIELDS} }} errors {{ code message field }} }}
}}"""
GET = f"query($id: ID!) {{ request(id: $id) {{ {REQUEST_FIELDS} }} }}"
LIST = "query($f: RequestFilter) { requests(filter: $f, first: 100) { totalCount edges { node { id region } } } }"


def submission(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "authority": {
            "name": "Directorate-General for Immigration",
            "acronym": f"DGI-{uuid.uuid4().hex[:6]}",
            "type": "NATIONAL_GOVERNMENT",
        },
        "countries": ["CV"],
        "region": "AFRICA",
        "thematicArea": "LEGAL_MIGRATION_MOBILITY",
        "topic": "Labour migration strategy",
        "description": "Support drafting a national labour migration strategy.",
        "receivedOn": "2019-03-04",
    }
    base.update(overrides)
    return base


async def published(stack: LaunchedStack, expected_subjects: set[str], timeout: float = 30) -> list[Any]:
    consumer = AIOKafkaConsumer(
        "mieux.requests.v1",
        bootstrap_servers=stack.bootstrap_servers,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
            seen = {(r.key.decode(), dict(r.headers)["ce_type"].decode()) for r in records}
            if all((s, "eu.mieux.requests.RequestApproved.v1") in seen for s in expected_subjects):
                break
    finally:
        await consumer.stop()
    return records


def test_a_request_from_submission_to_approval_on_the_stream(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)

    eligible = pm.data(SUBMIT, input=submission())["submitRequest"]
    ineligible = pm.data(
        SUBMIT,
        input=submission(
            authority={"name": "Migrant Rights Network", "type": "CIVIL_SOCIETY"},
            receivedOn="2015-06-01",
        ),
    )["submitRequest"]

    assert eligible["errors"] == [] and eligible["request"]["eligible"] is True
    assert eligible["request"]["status"] == "OPEN"
    assert ineligible["request"]["eligible"] is False
    assert ineligible["request"]["status"] == "INELIGIBLE"
    assert ineligible["request"]["eligibilityReasons"], "an ineligible request says why"

    request_id = eligible["request"]["id"]
    nominated = pm.data(
        NOMINATE,
        input={
            "requestId": request_id,
            "kind": "OPERATIONAL",
            "name": "Ana Tavares Personal",
            "role": "Head of unit",
            "institution": "Directorate-General for Immigration",
        },
    )
    assert nominated["nominateFocalPoint"]["errors"] == []

    approved = pm.data(
        DECIDE, input={"id": request_id, "decision": "APPROVE", "reason": "fits the remit", "decidedOn": "2019-04-10"}
    )["decideRequest"]
    assert approved["errors"] == []
    assert approved["request"]["status"] == "APPROVED"
    assert approved["consistencyToken"]

    refused = pm.data(
        DECIDE,
        input={"id": ineligible["request"]["id"], "decision": "APPROVE", "reason": "try", "decidedOn": "2015-07-01"},
    )["decideRequest"]
    assert refused["request"] is None
    assert refused["errors"][0]["code"] == "REQUEST_NOT_ELIGIBLE"

    request_id = raw_id(request_id)  # the graph's global id; the stream carries the service's own
    records = asyncio.run(published(running_stack, {request_id}))
    approvals = [
        r
        for r in records
        if r.key.decode() == request_id and dict(r.headers)["ce_type"] == b"eu.mieux.requests.RequestApproved.v1"
    ]
    assert len(approvals) >= 1
    headers = {k: v.decode() for k, v in approvals[0].headers}
    assert headers["ce_specversion"] == "1.0"
    assert headers["ce_source"] == "/mieux/requests"
    assert headers["ce_subject"] == request_id
    assert headers["content-type"] == "application/json"
    assert json.loads(approvals[0].value)["request_id"] == request_id
    everything = b"".join((r.value or b"") + b"".join(v for _, v in r.headers) for r in records)
    assert b"Ana Tavares Personal" not in everything, "personal data on the stream"


def test_bad_input_gets_a_clear_error_and_changes_nothing(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    before = pm.data(LIST)["requests"]["totalCount"]

    bad_enum = pm(SUBMIT, input=submission(region="ATLANTIS"))
    bad_country = pm.data(SUBMIT, input=submission(countries=["XX"]))["submitRequest"]
    bad_date = pm(SUBMIT, input=submission(receivedOn="2019-13-45"))
    missing_field = pm(SUBMIT, input={k: v for k, v in submission().items() if k != "topic"})

    assert bad_enum["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "region" in bad_enum["errors"][0]["extensions"]["field"]
    assert bad_country["request"] is None and bad_country["errors"][0]["field"].startswith("countries")
    assert bad_date["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert missing_field["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.topic"}
    assert "Traceback" not in json.dumps([bad_enum, bad_date, missing_field])
    assert pm.data(LIST)["requests"]["totalCount"] == before

    unknown = pm.data(
        DECIDE, input={"id": "no-such-request", "decision": "APPROVE", "reason": "x", "decidedOn": "2020-01-01"}
    )["decideRequest"]
    assert unknown["errors"][0]["code"] == "NOT_FOUND"

    no_token = httpx.post(running_stack.graphql_url, json={"query": "{ requests { totalCount } }"}, timeout=10)
    assert no_token.status_code == 401
    assert no_token.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_coordinator_sees_and_decides_only_its_own_region(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    african = pm.data(SUBMIT, input=submission())["submitRequest"]["request"]
    asia = GraphQL(running_stack.graphql_url, "regional_coordinator", region="ASIA")

    assert asia.data(GET, id=african["id"])["request"] is None
    listed = asia.data(LIST)["requests"]["edges"]
    assert all(edge["node"]["region"] == "ASIA" for edge in listed)
    decided = asia.data(
        DECIDE, input={"id": african["id"], "decision": "APPROVE", "reason": "x", "decidedOn": "2019-05-01"}
    )["decideRequest"]
    assert decided["request"] is None and decided["errors"][0]["code"] in {"NOT_FOUND", "FORBIDDEN"}
    assert pm.data(GET, id=african["id"])["request"]["status"] == "OPEN"
