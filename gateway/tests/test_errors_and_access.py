"""Typed errors, input errors with codes and fields, limits, and region scoping through the graph."""

from __future__ import annotations

import httpx
from gateway.app import build_schema
from gateway.limits import QueryLimits

from .conftest import SUBMIT, Gql, submission

DECIDE = """mutation($input: DecideRequestInput!) {
  decideRequest(input: $input) { request { id status } errors { code message field } consistencyToken }
}"""


async def test_a_refused_command_comes_back_as_a_typed_error(gql: Gql) -> None:
    cso_2015 = submission(authority={"name": "Rights NGO", "type": "CIVIL_SOCIETY"}, receivedOn="2015-05-05")
    request = (await gql(SUBMIT, input=cso_2015))["data"]["submitRequest"]["request"]
    assert request["eligible"] is False

    refused = (
        await gql(DECIDE, input={"id": request["id"], "decision": "APPROVE", "reason": "x", "decidedOn": "2015-06-01"})
    )["data"]["decideRequest"]

    assert refused == {"request": None, "errors": [refused["errors"][0]], "consistencyToken": None}
    assert refused["errors"][0]["code"] == "REQUEST_NOT_ELIGIBLE"


async def test_service_validation_errors_name_the_graphql_field(gql: Gql) -> None:
    payload = (await gql(SUBMIT, input=submission(receivedOn="2019-01-01", countries=["ZZ"])))["data"]
    error = payload["submitRequest"]["errors"][0]  # a well-formed code no country has: the service refuses it
    assert error["code"] == "UNKNOWN_COUNTRY"
    assert error["field"].startswith("countries")


async def test_a_malformed_country_code_is_refused_before_execution(gql: Gql) -> None:
    body = await gql(SUBMIT, input=submission(countries=["zz"]))
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and body["data"] is None
    assert error["extensions"]["field"].startswith("input.countries")


async def test_an_invalid_enum_is_refused_before_execution_with_code_and_field(gql: Gql) -> None:
    body = await gql(SUBMIT, input=submission(region="MARS"))
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "input.region"
    assert body["data"] is None


async def test_a_malformed_literal_in_the_document_is_bad_user_input_with_the_parsers_reason() -> None:
    schema = build_schema()
    for literal, reason in (
        ('country: "xx"', "alpha-2"),
        ("country: 1", "alpha-2"),
        ('receivedFrom: "soon"', "isoformat"),
    ):
        result = await schema.execute(f"{{ requests(filter: {{ {literal} }}) {{ totalCount }} }}")
        assert result.errors is not None, literal  # refused in validation: no context, no resolver reached
        [error] = result.errors
        assert error.extensions is not None and error.extensions["code"] == "BAD_USER_INPUT", (literal, error.message)
        assert reason in error.message


async def test_a_query_deeper_than_the_limit_is_refused_before_execution() -> None:
    schema = build_schema(QueryLimits(max_depth=3))
    # a connection's `edges { node }` are no level of their own: requests > action > request > authority
    deep = "{ requests { edges { node { action { request { authority { id } } } } } } }"
    result = await schema.execute(deep)  # no context: it must not get as far as a resolver
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "DEPTH_LIMIT_EXCEEDED", "measured": 4, "limit": 3}


async def test_first_beyond_the_cap_is_refused_naming_the_argument(gql: Gql) -> None:
    body = await gql("{ requests(first: 5000) { totalCount } }")
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}


async def test_no_token_or_a_bad_token_is_401(http: httpx.AsyncClient) -> None:
    for headers in ({}, {"authorization": "Bearer not.a.jwt"}, {"authorization": "Basic abc"}):
        response = await http.post("/graphql", json={"query": "{ requests { totalCount } }"}, headers=headers)
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_asia_coordinator_neither_lists_fetches_nor_decides_an_african_request(gql: Gql) -> None:
    african = (await gql(SUBMIT, input=submission()))["data"]["submitRequest"]["request"]
    asian = (await gql(SUBMIT, input=submission(countries=["TH"], region="ASIA")))["data"]["submitRequest"]["request"]
    asia = {"role": "regional_coordinator", "claims": {"region": "ASIA"}}

    fetched = await gql("query($id: ID!) { request(id: $id) { id } }", id=african["id"], **asia)
    listed = await gql("{ requests { totalCount edges { node { id region } } } }", **asia)
    decided = await gql(
        DECIDE, input={"id": african["id"], "decision": "REJECT", "reason": "x", "decidedOn": "2019-05-05"}, **asia
    )

    assert fetched["data"]["request"] is None
    assert [e["node"]["id"] for e in listed["data"]["requests"]["edges"]] == [asian["id"]]
    assert decided["data"]["decideRequest"]["errors"][0]["code"] in {"NOT_FOUND", "FORBIDDEN"}
    still_open = await gql("query($id: ID!) { request(id: $id) { status } }", id=african["id"])
    assert still_open["data"]["request"]["status"] == "OPEN"


async def test_approval_returns_the_new_state_and_a_consistency_token(gql: Gql) -> None:
    request = (await gql(SUBMIT, input=submission()))["data"]["submitRequest"]["request"]
    approved = (
        await gql(
            DECIDE, input={"id": request["id"], "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
        )
    )["data"]["decideRequest"]
    assert approved["errors"] == []
    assert approved["request"] == {"id": request["id"], "status": "APPROVED"}
    assert approved["consistencyToken"]


async def test_graphiql_opens_without_a_token_in_development(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
