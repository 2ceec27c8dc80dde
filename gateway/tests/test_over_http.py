"""GraphQL over HTTP: GET for queries (never mutations), `application/graphql-response+json` with the draft's
status codes, `application/json` as before."""

from __future__ import annotations

import json

import httpx
from service_core.embedded.welcome import dev_token

from .conftest import SUBMIT, submission

AUTH = {"authorization": f"Bearer {dev_token('programme_manager')}"}
GRAPHQL_RESPONSE = {"accept": "application/graphql-response+json, application/json;q=0.9", **AUTH}


async def test_a_query_over_get_answers_like_post(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": "{ requests(first: 1) { totalCount } }"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"requests": {"totalCount": 0}}}
    assert response.headers["content-type"].startswith("application/json")


async def test_a_mutation_over_get_is_refused_and_runs_nothing(http: httpx.AsyncClient) -> None:
    params = {"query": SUBMIT, "variables": json.dumps({"input": submission()})}
    response = await http.get("/graphql", params=params, headers=AUTH)
    assert response.status_code == 405
    listed = await http.post("/graphql", json={"query": "{ requests { totalCount } }"}, headers=AUTH)
    assert listed.json()["data"]["requests"]["totalCount"] == 0


async def test_graphql_response_json_gives_request_errors_a_4xx_and_no_data(http: httpx.AsyncClient) -> None:
    invalid = await http.post("/graphql", json={"query": "{ requests { nope } }"}, headers=GRAPHQL_RESPONSE)
    assert invalid.status_code == 400
    assert invalid.headers["content-type"].startswith("application/graphql-response+json")
    body = invalid.json()
    assert "data" not in body and body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    unparsable = await http.get("/graphql", params={"query": "{ requests {"}, headers=GRAPHQL_RESPONSE)
    assert unparsable.status_code == 400 and "data" not in unparsable.json()
    ok = await http.post("/graphql", json={"query": "{ requests { totalCount } }"}, headers=GRAPHQL_RESPONSE)
    assert ok.status_code == 200 and ok.json() == {"data": {"requests": {"totalCount": 0}}}
    assert ok.headers["content-type"].startswith("application/graphql-response+json")
    # a field error once execution started: 200, with `data`
    refused = await http.post(
        "/graphql",
        json={"query": '{ request(id: "x") { id } requests { totalCount } }'},
        headers={**GRAPHQL_RESPONSE, "authorization": f"Bearer {dev_token('expert', expert_id='e-1')}"},
    )
    assert refused.status_code == 200 and "data" in refused.json()
    anonymous = await http.post(
        "/graphql", json={"query": "{ requests { totalCount } }"}, headers={"accept": GRAPHQL_RESPONSE["accept"]}
    )
    assert anonymous.status_code == 401 and "data" not in anonymous.json()


async def test_application_json_keeps_the_old_shape(http: httpx.AsyncClient) -> None:
    invalid = await http.post("/graphql", json={"query": "{ requests { nope } }"}, headers=AUTH)
    assert invalid.status_code == 200 and invalid.json()["data"] is None
