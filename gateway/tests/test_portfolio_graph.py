"""Issue 8 in the graph: Query.portfolio and its time series, within the caller's access."""

from __future__ import annotations

from .conftest import SUBMIT, Gql, Stack, submission
from .test_actions_graph import approved_action
from .test_experts_graph import register

PORTFOLIO = """query($f: PortfolioFilter) { portfolio(filter: $f) {
  requests { received eligible ineligible approved open }
  actions { completed actions { opened inPreparation } byRegionPhase { region phase opened }
            rapidReaction { launched overdue } }
  experts { registered { count byCategory { category count } } deployed { count } }
  feedback { participant { responses } completeness { heldActivities } }
  filtersIgnored { service filters } } }"""


async def test_the_portfolio_adds_up_the_services_figures_within_access(gql: Gql, stack: Stack) -> None:
    await approved_action(gql, stack)  # Cabo Verde, received 2019-03-04
    await approved_action(gql, stack, countries=["TH"], region="ASIA", externalReference="th-1")
    await gql(SUBMIT, input=submission(authority={"name": "NGO", "type": "CIVIL_SOCIETY"}, receivedOn="2015-01-05"))
    await register(gql, "Anna Schmidt", "EU_MS_GOVERNMENTAL", "DE", "DE")

    whole = (await gql(PORTFOLIO))["data"]["portfolio"]
    africa = (await gql(PORTFOLIO, role="regional_coordinator", claims={"region": "AFRICA"}))["data"]["portfolio"]
    filtered = (await gql(PORTFOLIO, f={"region": "ASIA", "from": "2019-01-01"}))["data"]["portfolio"]

    assert whole["requests"] == {"received": 3, "eligible": 2, "ineligible": 1, "approved": 2, "open": 1}
    assert whole["actions"]["actions"] == {"opened": 2, "inPreparation": 2}
    assert {(c["region"], c["phase"]) for c in whole["actions"]["byRegionPhase"]} == {
        ("AFRICA", "MIEUX_III"),
        ("ASIA", "MIEUX_III"),
    }
    assert whole["experts"]["registered"]["count"] == 1
    assert {"service": "requests", "filters": ["phase"]} in whole["filtersIgnored"]
    assert africa["requests"]["received"] == 2 and africa["actions"]["actions"]["opened"] == 1
    assert filtered["requests"]["received"] == 1 and filtered["actions"]["actions"]["opened"] == 1


async def test_the_series_buckets_by_year_and_an_expert_may_not_read_figures(gql: Gql, stack: Stack) -> None:
    await approved_action(gql, stack)
    series = await gql("""{ portfolioSeries(granularity: YEAR) { period requests { received }
        actions { actions { opened } } } }""")
    by_period = {p["period"]: p for p in series["data"]["portfolioSeries"]}
    assert by_period["2019"]["requests"]["received"] == 1
    assert by_period["2019"]["actions"]["actions"]["opened"] == 1

    refused = await gql(
        "{ portfolio { requests { received } actions { completed } } }", role="expert", claims={"expert_id": "e-1"}
    )
    assert refused["data"]["portfolio"] == {"requests": None, "actions": None}
    assert {e["extensions"]["code"] for e in refused["errors"]} == {"FORBIDDEN"}
