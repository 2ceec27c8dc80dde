"""Issue 8 on the running stack: the demo portfolio, loaded by `make run`, gives the published figures.

The stack is shared with the other end-to-end tests, which add their own requests, Actions and experts.
Their records are found through the list APIs (they are not the demo's: not among the demo's ids) and
added to the published figures; everything else must match exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from actions_service.application.policies import action_id_for
from contracts.events.experts import EU_MEMBER_STATES
from contracts.reference.organisations import organisation
from contracts.reference.topics import TopicFamily, codes_of
from contracts.topics import SERVICES
from experts_service.application.handlers import expert_id_for
from mieux_demo.model import COMPLETED
from mieux_demo.plan import DEPLOYED_EU_MS, REGION_PHASE, portfolio
from mieux_demo.themes import countries_reached
from requests_service.application.handlers import new_request_id
from service_core.embedded.welcome import dev_token

from .conftest import LaunchedStack

PHASES = ("MIEUX_I", "MIEUX_II", "MIEUX_III")
PLAN = portfolio()
DEMO_REQUESTS = {new_request_id(p.reference) for p in (*PLAN.actions, *PLAN.others)}
DEMO_ACTIONS = {action_id_for(new_request_id(p.reference)) for p in PLAN.actions}
DEMO_EXPERTS = {expert_id_for(e.reference) for e in PLAN.experts}


class Service:
    def __init__(self, stack: LaunchedStack, name: str, token: str) -> None:
        self.url = stack.service_url(SERVICES.index(name))
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **params: Any) -> Any:
        answer = httpx.get(self.url + path, params=params, headers=self.headers, timeout=30)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def every(self, path: str) -> Iterator[dict[str, Any]]:
        cursor: str | None = None
        while True:
            page = self.get(path, limit=100, **({"cursor": cursor} if cursor else {}))
            yield from page["items"]
            if not page["has_next_page"]:
                return
            cursor = page["next_cursor"]


@pytest.fixture(scope="module")
def pm(running_stack: LaunchedStack) -> dict[str, Service]:
    token = dev_token("programme_manager")
    return {name: Service(running_stack, name, token) for name in SERVICES}


def test_the_request_funnel_counts_the_147_demo_requests(pm: dict[str, Service]) -> None:
    others = [r for r in pm["requests"].every("/requests") if r["id"] not in DEMO_REQUESTS]
    extra = Counter(r["status"] for r in others)
    figures = pm["requests"].get("/portfolio")["figures"]
    assert figures["received"] == 147 + len(others)
    assert figures["approved"] == 121 + extra["APPROVED"]
    assert (figures["rejected"], figures["deferred"], figures["withdrawn"]) == (
        12 + extra["REJECTED"], 3 + extra["DEFERRED"], 6 + extra["WITHDRAWN"],
    )  # fmt: skip
    assert figures["ineligible"] == 4 + sum(1 for r in others if not r["eligible"])


def test_109_completed_actions_in_the_published_region_phase_table(pm: dict[str, Service]) -> None:
    others = [a for a in pm["actions"].every("/actions") if a["id"] not in DEMO_ACTIONS]
    extra = Counter((a["region"], a["phase"]) for a in others if a["status"] == "COMPLETED")
    figures = pm["actions"].get("/portfolio")["figures"]
    table = {(c["region"], c["phase"]): c["completed"] for c in figures["by_region_phase"] if c["completed"]}
    published = Counter({(r, PHASES[p]): n for r, row in REGION_PHASE.items() for p, n in enumerate(row)})
    assert table == dict(published + extra)
    assert figures["completed"] == 109 + sum(extra.values())
    areas = Counter(c["thematic_area"] for c in figures["by_thematic_area_phase"] for _ in range(c["completed"]))
    extra_areas = Counter(a["thematic_area"] for a in others if a["status"] == "COMPLETED")
    assert areas == Counter({"IRREGULAR_MIGRATION_THB": 41, "HORIZONTAL": 27, "LEGAL_MIGRATION_MOBILITY": 19,
                             "MIGRATION_DEVELOPMENT": 15, "INTERNATIONAL_PROTECTION_ASYLUM": 7}) + extra_areas  # fmt: skip
    assert figures["rapid_reaction"]["overdue"] >= 3  # the three demo Actions still in preparation


def test_675_experts_registered_and_340_deployed_split_176_32_132_from_22_member_states(
    pm: dict[str, Service],
) -> None:
    others = [e for e in pm["experts"].every("/experts") if e["id"] not in DEMO_EXPERTS]
    figures = pm["experts"].get("/portfolio")["figures"]
    assert figures["registered"]["count"] == 675 + len(others)
    deployed_others = [e for e in others if e["deployed"]]
    extra = Counter(e["category"] for e in deployed_others)
    deployed = {c["category"]: c["count"] for c in figures["deployed"]["by_category"]}
    assert figures["deployed"]["count"] == 340 + len(deployed_others)
    assert deployed == {
        "EU_MS_GOVERNMENTAL": 176 + extra["EU_MS_GOVERNMENTAL"],
        "NON_EU_GOVERNMENTAL": 32 + extra["NON_EU_GOVERNMENTAL"],
        "OTHER": 132 + extra["OTHER"],
    }
    states = set(DEPLOYED_EU_MS) | {e["member_state"] for e in deployed_others if e["member_state"]}
    assert figures["deployed"]["member_states"] == len(states) >= 22
    if not deployed_others:
        assert figures["deployed"]["eu_ms_governmental_share"] == round(176 / 340, 4)
    non_eu = [e for e in deployed_others if e["nationality"] not in EU_MEMBER_STATES and not e["member_state"]]
    assert figures["deployed"]["non_eu"] == 79 + len(non_eu)  # "up to 79 experts from outside the EU" (L920)


def test_every_held_demo_activity_has_participant_feedback_and_every_completed_action_its_action_feedback(
    pm: dict[str, Service],
) -> None:
    figures = pm["feedback"].get("/portfolio")["figures"]
    assert figures["completeness"]["held_activities"] >= sum(len(a.held) for a in PLAN.actions)
    assert figures["action_level"]["partner_responses"] >= sum(1 for a in PLAN.actions if a.outcome == COMPLETED)
    assert figures["participant"]["criteria"][0]["mean"] is not None


def test_a_regional_coordinator_sees_its_regions_share_only(
    running_stack: LaunchedStack, pm: dict[str, Service]
) -> None:
    africa = {
        name: Service(running_stack, name, dev_token("regional_coordinator", region="AFRICA")) for name in SERVICES
    }
    requests = africa["requests"].get("/portfolio")
    others = [r for r in pm["requests"].every("/requests") if r["id"] not in DEMO_REQUESTS and r["region"] == "AFRICA"]
    demo = sum(1 for p in (*PLAN.actions, *PLAN.others) if p.region == "AFRICA")
    assert requests["scope"]["regions"] == ["AFRICA"]
    assert requests["figures"]["received"] == demo + len(others)
    actions = africa["actions"].get("/portfolio")["figures"]
    assert {c["region"] for c in actions["by_region_phase"]} == {"AFRICA"}
    other_completed = [
        a for a in pm["actions"].every("/actions")
        if a["id"] not in DEMO_ACTIONS and a["region"] == "AFRICA" and a["status"] == "COMPLETED"
    ]  # fmt: skip
    assert actions["completed"] == sum(REGION_PHASE["AFRICA"]) + len(other_completed) == 51 + len(other_completed)
    experts = africa["experts"].get("/portfolio")["figures"]
    everyone = pm["experts"].get("/portfolio")["figures"]
    assert 0 < experts["deployed"]["count"] < everyone["deployed"]["count"]
    assert 0 < experts["registered"]["count"] < everyone["registered"]["count"]
    feedback = africa["feedback"].get("/portfolio")["figures"]
    assert (
        0
        < feedback["participant"]["responses"]
        < pm["feedback"].get("/portfolio")["figures"]["participant"]["responses"]
    )


def test_the_report_s_topic_figures_and_countries_reached(pm: dict[str, Service]) -> None:
    """27 of the 109 completed Actions on THB (L1800), 12 on labour migration (L1855), more than 120 countries."""
    others = [a for a in pm["actions"].every("/actions") if a["id"] not in DEMO_ACTIONS]
    done = [a for a in others if a["status"] == "COMPLETED"]
    thb, labour = set(codes_of(TopicFamily.THB)), set(codes_of(TopicFamily.LABOUR_MIGRATION))
    themes = pm["actions"].get("/portfolio")["figures"]["themes"]
    assert themes["thb_completed"] == 27 + sum(1 for a in done if thb & set(a["topics"]))
    assert themes["labour_migration_completed"] == 12 + sum(1 for a in done if labour & set(a["topics"]))
    reached = countries_reached(list(PLAN.actions)) | {c for a in others for c in a["countries"]}
    assert len(countries_reached(list(PLAN.actions))) == 124
    assert themes["countries_reached"] == len(reached | _members(others))


def _members(actions: list[dict[str, Any]]) -> set[str]:
    found = (organisation(a["regional_organisation"]) for a in actions if a["regional_organisation"])
    return {c for o in found if o is not None for c in o.members}


def test_the_case_studies_carry_the_report_s_labels_and_triangular_flags(pm: dict[str, Service]) -> None:
    by_key = {p.key: action_id_for(new_request_id(p.reference)) for p in PLAN.actions}
    labels = {key: pm["actions"].get(f"/actions/{by_key[key]}")["label"] for key in (
        "cs05-west-africa", "cs04-south-east-asia", "cs02-peru-3", "cs08-cabo-verde-4", "cs16-brazil-2")}  # fmt: skip
    assert labels == {"cs05-west-africa": "West Africa I", "cs04-south-east-asia": "South-East Asia I",
                      "cs02-peru-3": "Peru III", "cs08-cabo-verde-4": "Cabo Verde IV", "cs16-brazil-2": "Brazil II"}  # fmt: skip
    flags = {key: pm["experts"].get(f"/actions/{by_key[key]}/composition")["triangular"] for key in (
        "cs13-mauritius-1", "cs14-malawi-1", "cs15-madagascar-1")}  # fmt: skip
    assert flags == {"cs13-mauritius-1": True, "cs14-malawi-1": True, "cs15-madagascar-1": False}
    malawi = pm["actions"].get(f"/actions/{by_key['cs14-malawi-1']}")
    assert [(x["kind"], x["category"]) for x in malawi["lessons"]] == [("GOOD_PRACTICE", "OUTCOME")]
    [outcome] = malawi["outcomes"]
    [policy] = outcome["deliverable_ids"]  # the outcome stems from the policy, an output
    assert pm["actions"].get(f"/deliverables/{policy}")["title"] == "Diaspora Engagement Policy"
