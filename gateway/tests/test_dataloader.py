"""One batch call per type per query level, whatever the number of results."""

from __future__ import annotations

from fastapi import FastAPI
from service_core.embedded.welcome import dev_token

from .conftest import SUBMIT, Gql, Stack, gateway_over, submission

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}


async def submit_many(gql: Gql, count: int) -> list[str]:
    ids = []
    for i in range(count):
        body = await gql(SUBMIT, input=submission(externalReference=f"dl-{i}"))
        ids.append(body["data"]["submitRequest"]["request"]["id"])
    return ids


def aliased_lookups(ids: list[str]) -> str:
    return "{ " + " ".join(f'r{i}: request(id: "{rid}") {{ id topic }}' for i, rid in enumerate(ids)) + " }"


async def test_the_number_of_service_calls_does_not_grow_with_the_results(gql: Gql, gateway_app: FastAPI) -> None:
    ids = await submit_many(gql, 12)
    calls = gateway_app.state.services.requests.calls

    for wanted in (ids[:2], ids):
        calls.clear()
        body = await gql(aliased_lookups(wanted))
        assert not body.get("errors")
        assert [body["data"][f"r{i}"]["id"] for i in range(len(wanted))] == wanted
        assert calls == {"/requests/batch": 1}


async def test_an_unknown_id_reads_as_null_in_the_same_batch(gql: Gql, gateway_app: FastAPI) -> None:
    [known] = await submit_many(gql, 1)
    calls = gateway_app.state.services.requests.calls
    calls.clear()
    body = await gql(aliased_lookups([known, "no-such-id"]))
    assert body["data"] == {"r0": {"id": known, "topic": "Labour migration"}, "r1": None}
    assert calls == {"/requests/batch": 1}


async def test_a_list_answers_from_one_call_and_pages_with_cursors(gql: Gql, gateway_app: FastAPI) -> None:
    await submit_many(gql, 5)
    calls = gateway_app.state.services.requests.calls
    calls.clear()
    query = """query($after: String) { requests(first: 3, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"""
    first = (await gql(query))["data"]["requests"]
    second = (await gql(query, after=first["pageInfo"]["endCursor"]))["data"]["requests"]

    assert first["totalCount"] == second["totalCount"] == 5
    assert first["pageInfo"]["hasNextPage"] is True and second["pageInfo"]["hasNextPage"] is False
    seen = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert len(seen) == len(set(seen)) == 5
    assert calls == {"/requests": 2}


async def test_more_keys_than_a_service_batch_takes_are_split_into_several_calls(gql: Gql, stack: Stack) -> None:
    [known] = await submit_many(gql, 1)
    ids = [known] + [f"missing-{i}" for i in range(600)]
    # 601 keys at one level takes an operator who raised the limits on aliases and root fields
    generous = {"max_aliases": 1000, "max_root_fields": 1000, "max_tokens": 20_000, "max_document_bytes": 65_536}
    async with gateway_over(stack, max_cost=100_000, **generous) as (app, http):
        calls = app.state.services.requests.calls
        answer = await http.post("/graphql", json={"query": aliased_lookups(ids)}, headers=AUTH)
    body = answer.json()
    assert not body.get("errors"), body.get("errors")
    assert body["data"]["r0"]["id"] == known and body["data"]["r600"] is None
    assert calls == {"/requests/batch": 2}  # 500 + 101 keys
