"""Hostile documents are measured in one linear pass and refused, each with its own code, the measured value and
the limit, before validation and before any service is called (the services' call counters stay at zero)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from service_core.embedded.welcome import dev_token

from .conftest import Stack, gateway_over

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}


def nested_fragments(levels: int, spreads: int) -> str:
    """The issue's 640-byte shape: each fragment spreads the next one `spreads` times."""
    chain = [f"fragment F{i} on Query {{ {' '.join([f'...F{i + 1}'] * spreads)} }}" for i in range(levels - 1)]
    return "\n".join(["query { ...F0 }", *chain, f"fragment F{levels - 1} on Query {{ requests {{ totalCount }} }}"])


class Gateway:
    def __init__(self, app: FastAPI, http: httpx.AsyncClient) -> None:
        self.app = app
        self.http = http

    async def post(self, query: str, **variables: Any) -> dict[str, Any]:
        for client in self.app.state.services.all():
            client.calls.clear()
        content = json.dumps({"query": query, "variables": variables})  # escapes lone surrogates as JSON allows
        headers = {**AUTH, "content-type": "application/json"}
        response = await self.http.post("/graphql", content=content, headers=headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def service_calls(self) -> int:
        return sum(sum(client.calls.values()) for client in self.app.state.services.all())


@pytest.fixture
async def gateway(stack: Stack) -> AsyncIterator[Gateway]:
    async with gateway_over(stack) as (app, http):
        yield Gateway(app, http)


def codes(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {error["extensions"]["code"]: error["extensions"] for error in body["errors"]}


async def test_nested_fragment_spreads_are_costed_once_per_fragment_and_refused(gateway: Gateway) -> None:
    issue_shape = nested_fragments(levels=8, spreads=10)
    assert len(issue_shape) < 700
    one_level_more = nested_fragments(levels=12, spreads=10)  # 10^11 expanded fields: only a linear pass ends

    for query in (issue_shape, one_level_more):
        body = await gateway.post(query)
        found = codes(body)
        assert found["TOO_MANY_ROOT_FIELDS"]["measured"] >= 10**7
        assert found["COST_LIMIT_EXCEEDED"]["measured"] > found["COST_LIMIT_EXCEEDED"]["limit"] == 10_000
        assert body["data"] is None
    assert gateway.service_calls() == 0


async def test_three_hundred_aliased_schema_fields_are_refused_before_validation(gateway: Gateway) -> None:
    issue_shape = "{ " + " ".join(f"s{i}: __schema {{ types {{ name fields {{ name }} }} }}" for i in range(300)) + " }"
    compact = "{ " + " ".join(f"s{i}: __schema {{ __typename }}" for i in range(300)) + " }"

    assert codes(await gateway.post(issue_shape))["TOO_MANY_TOKENS"]["measured"] == 3902  # the parser stopped early
    found = codes(await gateway.post(compact))

    assert found["TOO_MANY_ALIASES"] == {"code": "TOO_MANY_ALIASES", "measured": 300, "limit": 30}
    assert found["TOO_MANY_ROOT_FIELDS"]["measured"] == 300


async def test_introspection_counts_towards_depth(gateway: Gateway) -> None:
    of_type = "ofType { " * 14 + "name" + " }" * 14
    body = await gateway.post(f"{{ __schema {{ types {{ fields {{ type {{ {of_type} }} }} }} }} }}")
    assert codes(body)["DEPTH_LIMIT_EXCEEDED"] == {"code": "DEPTH_LIMIT_EXCEEDED", "measured": 18, "limit": 15}


async def test_graphiql_introspection_query_passes_in_development(gateway: Gateway) -> None:
    from graphql import get_introspection_query

    body = await gateway.post(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_introspection_is_refused_when_disabled_and_typename_still_works(stack: Stack) -> None:
    async with gateway_over(stack, graphql_introspection=False) as (app, http):
        gateway = Gateway(app, http)
        refused = await gateway.post('{ __type(name: "Query") { name } }')
        typename = await gateway.post("{ __typename }")
    assert codes(refused)["INTROSPECTION_DISABLED"]["measured"] == 1
    assert typename == {"data": {"__typename": "Query"}}


async def test_two_hundred_aliased_candidate_rankings_are_refused(stack: Stack, gateway: Gateway) -> None:
    rankings = " ".join(f"c{i}: expertCandidates(activityId: $a) {{ totalCount }}" for i in range(200))
    query = f"query($a: ID!) {{ {rankings} }}"

    assert set(codes(await gateway.post(query, a="a-1"))) == {"TOO_MANY_TOKENS"}  # 2,400 tokens
    # even where aliases and root fields are allowed, each ranking weighs what ranking the roster costs
    async with gateway_over(stack, max_aliases=1000, max_root_fields=1000, max_tokens=10_000) as (app, http):
        generous = Gateway(app, http)
        found = codes(await generous.post(query, a="a-1"))
        assert set(found) == {"COST_LIMIT_EXCEEDED"}
        assert found["COST_LIMIT_EXCEEDED"]["measured"] >= 200 * 250
        assert generous.service_calls() == 0
    assert gateway.service_calls() == 0


async def test_a_quarterly_series_from_year_one_to_9999_is_refused_naming_the_date(gateway: Gateway) -> None:
    query = """query($filter: PortfolioFilter) { portfolioSeries(filter: $filter, granularity: QUARTER) {
      period requests { received } } }"""

    body = await gateway.post(query, filter={"from": "0001-01-01", "to": "9999-12-31"})
    too_late = await gateway.post(query, filter={"from": "2019-01-01", "to": "9999-12-31"})

    assert codes(body)["DATE_OUT_OF_RANGE"]["field"] == "filter.from"
    assert codes(too_late)["DATE_OUT_OF_RANGE"]["field"] == "filter.to"
    assert gateway.service_calls() == 0


async def test_a_series_asking_for_every_figure_of_every_quarter_is_too_costly(gateway: Gateway) -> None:
    figures = (
        "requests { received eligible approved } actions { byRegionPhase { region phase opened } "
        "byThematicAreaPhase { thematicArea phase opened } activitiesByType { activityType held } "
        "deliverables { kind status count } }"
    )
    body = await gateway.post(f"{{ portfolioSeries(granularity: QUARTER) {{ period {figures} }} }}")
    yearly = await gateway.post(f"{{ portfolioSeries(granularity: YEAR) {{ period {figures} }} }}")
    assert codes(body)["COST_LIMIT_EXCEEDED"]["measured"] > 10_000
    assert "errors" not in yearly


async def test_too_many_tokens_and_too_many_bytes_are_refused_with_their_counts(gateway: Gateway) -> None:
    many_tokens = "{ requests { " + " ".join(["a"] * 3000) + " } }"
    long_comment = "{ requests { totalCount } }\n#" + "x" * 40_000

    tokens = codes(await gateway.post(many_tokens))["TOO_MANY_TOKENS"]
    size = codes(await gateway.post(long_comment))["DOCUMENT_TOO_LARGE"]

    assert tokens["limit"] == 2000 and tokens["measured"] > 2000
    assert size == {"code": "DOCUMENT_TOO_LARGE", "measured": len(long_comment), "limit": 32_768}
    assert gateway.service_calls() == 0


async def test_repeated_directives_are_refused(gateway: Gateway) -> None:
    query = "{ requests { totalCount " + "@include(if: true) " * 40 + "} }"
    assert codes(await gateway.post(query))["TOO_MANY_DIRECTIVES"] == {
        "code": "TOO_MANY_DIRECTIVES",
        "measured": 40,
        "limit": 30,
    }


async def test_a_document_nested_beyond_the_parsers_reach_is_too_deep_not_internal(stack: Stack) -> None:
    deep = "{ requests " + "{ a " * 2500 + "}" * 2501
    async with gateway_over(stack, max_tokens=100_000, max_document_bytes=65_536) as (app, http):
        body = await Gateway(app, http).post(deep)
    assert codes(body)["DEPTH_LIMIT_EXCEEDED"]["measured"] == 2501


async def test_control_characters_and_lone_surrogates_are_refused_naming_the_argument(gateway: Gateway) -> None:
    submit = "mutation($input: SubmitRequestInput!) { submitRequest(input: $input) { errors { code } } }"
    submission = {
        "authority": {"name": "Ministry", "type": "NATIONAL_GOVERNMENT"},
        "countries": ["CV"],
        "region": "AFRICA",
        "thematicArea": "LEGAL_MIGRATION_MOBILITY",
        "topic": "Labour",
        "description": "Support.",
        "receivedOn": "2019-03-04",
    }
    nul = await gateway.post(submit, input={**submission, "topic": "Labour\x00migration"})
    surrogate = await gateway.post(submit, input={**submission, "authority": {"name": "Min\ud800", "type": "X"}})
    literal = await gateway.post('{ actionByCode(code: "MX\\u0007") { id } }')

    assert codes(nul)["INVALID_CHARACTER"]["field"] == "input.topic"
    assert codes(surrogate)["INVALID_CHARACTER"]["field"] == "input.authority.name"
    assert codes(literal)["INVALID_CHARACTER"]["field"] == "code"
    assert gateway.service_calls() == 0
    tab_and_newline = await gateway.post(submit, input={**submission, "description": "Line one\n\tLine two"})
    assert tab_and_newline["data"]["submitRequest"]["errors"] == []


async def test_path_segments_cannot_climb_to_another_route(gateway: Gateway) -> None:
    body = await gateway.post(
        '{ byDots: actionByCode(code: "..") { id } bySlash: request(id: "../requests/x") { id } '
        'deployment(id: "a/../../b") { id } dot: action(id: ".") { id } }'
    )
    assert body == {"data": {"byDots": None, "bySlash": None, "deployment": None, "dot": None}}


async def test_an_empty_id_finds_nothing_and_an_empty_command_id_is_a_typed_error(gateway: Gateway) -> None:
    body = await gateway.post('{ request(id: "") { id } actionByCode(code: "") { id } deployment(id: "") { id } }')
    assert body == {"data": {"request": None, "actionByCode": None, "deployment": None}}
    mutation = await gateway.post(
        'mutation { suspendExpert(input: {expertId: "", reason: UNAVAILABLE}) { errors { code field } } }'
    )
    assert [e["code"] for e in mutation["data"]["suspendExpert"]["errors"]] in (["NOT_FOUND"], ["VALIDATION_ERROR"])


async def test_refusals_are_logged_at_info_not_error(gateway: Gateway, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        await gateway.post(nested_fragments(levels=8, spreads=10))
    refusals = [r for r in caplog.records if "TOO_MANY_ROOT_FIELDS" in r.getMessage()]
    assert refusals and all(r.levelno == logging.INFO for r in refusals)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
