"""Through GraphQL on the running stack: `portfolio` is the services' figures, within access.

`test_demo_portfolio.py` checks each service's figures against the published ones; this checks that the
dashboard query a coordinator's front end sends returns exactly those figures, for the whole programme and for
one region, in one request."""

from __future__ import annotations

from typing import Any

import httpx
from contracts.topics import SERVICES
from service_core.embedded.welcome import dev_token

from .conftest import LaunchedStack
from .graphql_client import GraphQL

DASHBOARD = """query($f: PortfolioFilter) { portfolio(filter: $f) {
  requests { received eligible ineligible approved rejected deferred withdrawn open }
  actions { completed byRegionPhase { region phase opened inPreparation ongoing completed }
            rapidReaction { launched medianDaysToLaunch p90DaysToLaunch launchedWithin90Days overdue } }
  experts { registered { count byCategory { category count } }
            deployed { count memberStates byCategory { category count } euMsGovernmentalShare } }
  feedback { participant { responses } completeness { heldActivities withParticipantFeedback } } } }"""


def service_figures(stack: LaunchedStack, token: str, service: str) -> dict[str, Any]:
    answer = httpx.get(
        stack.service_url(SERVICES.index(service)) + "/portfolio",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    figures: dict[str, Any] = answer.json()["figures"]
    return figures


def test_the_dashboard_query_returns_the_services_figures(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    dashboard = pm.data(DASHBOARD)["portfolio"]
    token = pm.token
    requests = service_figures(running_stack, token, "requests")
    actions = service_figures(running_stack, token, "actions")
    experts = service_figures(running_stack, token, "experts")

    assert dashboard["requests"] == {key: requests[key] for key in dashboard["requests"]}
    assert dashboard["requests"]["received"] >= 147
    assert dashboard["actions"]["completed"] == actions["completed"] >= 109
    assert sum(c["completed"] for c in dashboard["actions"]["byRegionPhase"]) == actions["completed"]
    assert dashboard["experts"]["registered"]["count"] == experts["registered"]["count"] >= 675
    assert dashboard["experts"]["deployed"]["count"] == experts["deployed"]["count"] >= 340
    deployed = {c["category"]: c["count"] for c in dashboard["experts"]["deployed"]["byCategory"]}
    assert deployed["EU_MS_GOVERNMENTAL"] >= 176 and deployed["NON_EU_GOVERNMENTAL"] >= 32 and deployed["OTHER"] >= 132


def test_a_coordinators_dashboard_is_its_regions_share(running_stack: LaunchedStack) -> None:
    whole = GraphQL(running_stack.graphql_url).data(DASHBOARD)["portfolio"]
    africa = GraphQL(running_stack.graphql_url, "regional_coordinator", region="AFRICA").data(DASHBOARD)["portfolio"]
    token = dev_token("regional_coordinator", region="AFRICA")

    assert africa["requests"]["received"] == service_figures(running_stack, token, "requests")["received"]
    assert 0 < africa["requests"]["received"] < whole["requests"]["received"]
    assert {c["region"] for c in africa["actions"]["byRegionPhase"]} == {"AFRICA"}
    africa_cells = [c for c in whole["actions"]["byRegionPhase"] if c["region"] == "AFRICA"]
    assert africa["actions"]["byRegionPhase"] == africa_cells
