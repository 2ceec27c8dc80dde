"""The whole graph from any entry point: region and country nodes; a service that is down yields partial data."""

from __future__ import annotations

import httpx
from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings
from service_core.embedded.welcome import dev_token

from .conftest import Gql, Stack
from .test_experts_graph import planned_workshop


async def test_region_and_country_nodes_reach_requests_and_actions(gql: Gql, stack: Stack) -> None:
    action_id, _ = await planned_workshop(gql, stack)
    body = await gql("""{ region(code: AFRICA) { code requests { totalCount } actions { totalCount
        edges { node { id activities { totalCount } } } } experts { totalCount } }
        country(code: "cv") { code name region actions { totalCount } requests { totalCount } } }""")
    region, country = body["data"]["region"], body["data"]["country"]
    assert region["requests"]["totalCount"] == 1 and region["actions"]["totalCount"] == 1
    assert region["actions"]["edges"][0]["node"]["id"] == action_id
    assert country == {
        "code": "CV",
        "name": country["name"],
        "region": "AFRICA",
        "actions": {"totalCount": 1},
        "requests": {"totalCount": 1},
    }
    asia = await gql(
        "{ region(code: AFRICA) { actions { totalCount } } }", role="regional_coordinator", claims={"region": "ASIA"}
    )
    assert asia["data"]["region"]["actions"]["totalCount"] == 0
    unknown = await gql('{ country(code: "ZZ") { code } }')
    assert unknown["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "code"}


async def test_with_the_experts_service_down_the_action_comes_back_with_an_error_on_deployments(
    gql: Gql, stack: Stack
) -> None:
    action_id, _ = await planned_workshop(gql, stack)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    transports: dict[str, httpx.AsyncBaseTransport] = {
        name: httpx.ASGITransport(app=service.app) for name, service in stack.services.items()
    }
    transports["experts"] = httpx.MockTransport(refuse)
    app = create_gateway_app(GatewaySettings(), transports=transports)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as http,
    ):
        response = await http.post(
            "/graphql",
            json={
                "query": """query($x: ID!) { action(id: $x) { id code
            activities { edges { node { id activityType deployments { totalCount } } } } } }""",
                "variables": {"x": action_id},
            },
            headers={"authorization": f"Bearer {dev_token('programme_manager')}"},
        )
    body = response.json()
    activity = body["data"]["action"]["activities"]["edges"][0]["node"]
    assert body["data"]["action"]["id"] == action_id
    assert activity["activityType"] == "WORKSHOP" and activity["deployments"] is None
    [error] = body["errors"]
    assert error["path"][-1] == "deployments"
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE" and error["extensions"]["service"] == "experts"
