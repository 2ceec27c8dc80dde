"""On the running stack: the demo portfolio, loaded by `make run`, gives the published figures.

The stack is shared with the other end-to-end tests, which add their own requests, Actions and experts.
Their records are found through the list APIs (they are not the demo's: not among the demo's ids) and
added to the published figures; everything else must match exactly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from actions_service.application.policies import action_id_for
from actions_service.domain.naming import action_code, action_label, ordinal_scope
from contracts.events.experts import EU_MEMBER_STATES, ExpertCategory
from contracts.reference.organisations import organisation
from contracts.reference.topics import TopicFamily, codes_of
from contracts.topics import SERVICES
from experts_service.application.handlers import expert_id_for
from experts_service.domain.composition import Deployed, compose
from feedback_service.domain.stats import mean_of
from mieux_demo import bodies, paths
from mieux_demo.case_studies.aftermath import EVALUATIONS
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

    def post(self, path: str, body: Any) -> Any:
        answer = httpx.post(self.url + path, json=body, headers=self.headers, timeout=30)
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


def test_the_feedback_figures_are_the_demo_s_responses_exactly(pm: dict[str, Service]) -> None:
    """The demo's participant batches and Action feedback are fixed by the plan (seeded by Action and place),
    so every feedback figure is known: the plan's, plus what the other end-to-end tests recorded."""
    others = _others_feedback(pm)
    figures = pm["feedback"].get("/portfolio")["figures"]
    participant = figures["participant"]
    held = [(plan, i, a) for plan in PLAN.actions for i, a in enumerate(plan.activities) if a.held and not a.cancelled]
    batches = [bodies.participant_batch(plan, i, a)["responses"] for plan, i, a in held]
    assert participant["responses"] == sum(len(b) for b in batches) + others.responses
    assert participant["activities"] == len(held) + others.activities_with_responses
    demo = _distributions(r["ratings"] for batch in batches for r in batch)
    for criterion in participant["criteria"]:
        distribution = [a + b for a, b in zip(demo[criterion["criterion"]], others.participant[criterion["criterion"]],
                                               strict=True)]  # fmt: skip
        assert (criterion["distribution"], criterion["mean"]) == (distribution, mean_of(distribution))

    completed = [plan for plan in PLAN.actions if plan.outcome == COMPLETED]
    experts = {plan.key: [expert_id_for(r) for r in dict.fromkeys(plan.experts)] for plan in completed}
    action_level = figures["action_level"]
    assert action_level["expert_responses"] == sum(map(len, experts.values())) + others.expert_responses
    assert action_level["partner_responses"] == len(completed) + others.partner_responses
    assert action_level["actions"] == len(completed) + others.actions_with_feedback
    given = [bodies.action_feedback(plan, "EXPERT", plan.completed_on, expert)["ratings"]
             for plan in completed for expert in experts[plan.key]]  # fmt: skip
    given += [bodies.action_feedback(plan, "PARTNER", plan.completed_on, None)["ratings"] for plan in completed]
    demo = _distributions(given)
    for criterion in action_level["criteria"]:
        distribution = [a + b for a, b in zip(demo[criterion["criterion"]], others.action_level[criterion["criterion"]],
                                               strict=True)]  # fmt: skip
        assert criterion["distribution"] == distribution

    completeness = figures["completeness"]
    assert completeness["held_activities"] == len(held) + others.held
    assert completeness["with_participant_feedback"] == len(held) + others.activities_with_responses
    gaps = pm["feedback"].get("/completeness")["actions"]
    assert not DEMO_ACTIONS & {gap["action_id"] for gap in gaps["items"]}  # every demo Action's feedback is in
    missing = (completeness["missing_expert_feedback"], completeness["missing_partner_feedback"])
    assert missing == (gaps["missing_expert_feedback"], gaps["missing_partner_feedback"])
    assert missing == (sum(g["missing_expert_feedback"] for g in gaps["items"]),
                       sum(g["missing_partner_feedback"] for g in gaps["items"]))  # fmt: skip


@dataclass
class OthersFeedback:
    """What the other end-to-end tests on this stack recorded (their Actions are not the demo's)."""

    responses: int = 0
    activities_with_responses: int = 0
    held: int = 0
    participant: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 5))
    expert_responses: int = 0
    partner_responses: int = 0
    actions_with_feedback: int = 0
    action_level: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 5))


def _others_feedback(pm: dict[str, Service]) -> OthersFeedback:
    found = OthersFeedback()
    actions = [a for a in pm["actions"].every("/actions") if a["id"] not in DEMO_ACTIONS]
    for chunk in (actions[i : i + 100] for i in range(0, len(actions), 100)):
        lists = pm["actions"].post("/activities/batch-by-action", {"action_ids": [a["id"] for a in chunk]})["items"]
        held = [activity["id"] for activities in lists for activity in activities if activity["status"] == "HELD"]
        found.held += len(held)
        summaries = pm["feedback"].post("/summaries/batch-by-activity", {"activity_ids": held})["items"] if held else []
        for summary in (s for s in summaries if s and s["responses"]):
            found.responses += summary["responses"]
            found.activities_with_responses += 1
            for criterion in summary["criteria"]:
                found.participant[criterion["criterion"]] = [
                    a + b
                    for a, b in zip(found.participant[criterion["criterion"]], criterion["distribution"], strict=True)
                ]
    for chunk in (actions[i : i + 100] for i in range(0, len(actions), 100)):
        batch = pm["feedback"].post("/action-feedback/batch-by-action", {"action_ids": [a["id"] for a in chunk]})[
            "items"
        ]
        for feedback in (f for f in batch if f):
            items = [*feedback["expert_feedback"], *filter(None, [feedback["partner_feedback"]])]
            found.expert_responses += len(feedback["expert_feedback"])
            found.partner_responses += feedback["partner_feedback"] is not None
            found.actions_with_feedback += bool(items)
            for name, counts in _distributions(i["ratings"] for i in items).items():
                found.action_level[name] = [a + b for a, b in zip(found.action_level[name], counts, strict=True)]
    return found


def _distributions(ratings: Iterable[dict[str, int | None]]) -> dict[str, list[int]]:
    """Counts of 1..5 per criterion (upper-case, as the figures name them)."""
    found: dict[str, list[int]] = defaultdict(lambda: [0] * 5)
    for given in ratings:
        for name, value in given.items():
            if value is not None:
                found[name.upper()][value - 1] += 1
    return found


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


def test_the_case_studies_carry_the_report_s_labels_codes_and_triangular_flags(pm: dict[str, Service]) -> None:
    by_key = {p.key: action_id_for(new_request_id(p.reference)) for p in PLAN.actions}
    views = {p.key: pm["actions"].get(f"/actions/{by_key[p.key]}") for p in PLAN.actions}
    labels = {key: views[key]["label"] for key in (
        "cs05-west-africa", "cs04-south-east-asia", "cs02-peru-3", "cs08-cabo-verde-4", "cs16-brazil-2")}  # fmt: skip
    assert labels == {"cs05-west-africa": "West Africa I", "cs04-south-east-asia": "South-East Asia I",
                      "cs02-peru-3": "Peru III", "cs08-cabo-verde-4": "Cabo Verde IV", "cs16-brazil-2": "Brazil II"}  # fmt: skip
    mexico = next(p.key for p in PLAN.actions if p.case_study and views[p.key]["label"] == "Mexico II")
    assert views[mexico]["code"] == "2016-01"
    # every demo Action named as the loader's order makes it: codes within the receipt year, labels within the scope
    assert {key: (v["code"], v["label"]) for key, v in views.items()} == _names_in_loading_order()

    experts = {e.reference: e.spec for e in PLAN.experts}
    flags = {p.key: pm["experts"].get(f"/actions/{by_key[p.key]}/composition")["triangular"]
             for p in PLAN.actions if p.case_study}  # fmt: skip
    assert flags == {
        p.key: compose(p.key, p.countries, [_deployed(r, experts[r]) for r in dict.fromkeys(p.experts)]).triangular
        for p in PLAN.actions if p.case_study
    }  # fmt: skip
    assert {k for k, flag in flags.items() if flag} == {
        "cs02-peru-3",
        "cs04-south-east-asia",
        "cs05-west-africa",
        "cs06-belarus-1",
        "cs13-mauritius-1",
        "cs14-malawi-1",
    }  # the six the report calls triangular (Mauritius and Malawi without an expert of the partner country)

    malawi = views["cs14-malawi-1"]
    assert [(x["kind"], x["category"]) for x in malawi["lessons"]] == [("GOOD_PRACTICE", "OUTCOME")]
    [outcome] = malawi["outcomes"]
    [policy] = outcome["deliverable_ids"]  # the outcome stems from the policy, an output
    assert pm["actions"].get(f"/deliverables/{policy}")["title"] == "Diaspora Engagement Policy"
    for plan in (p for p in PLAN.actions if p.case_study):
        assert [x["summary"] for x in views[plan.key]["lessons"]] == [x.summary for x in plan.lessons], plan.key
        assert [x["summary"] for x in views[plan.key]["outcomes"]] == [x.summary for x in plan.outcomes], plan.key


def _names_in_loading_order() -> dict[str, tuple[str, str]]:
    """The code (R29) and label (R30) of every demo Action when approvals are read in the loader's order."""
    in_year: Counter[int] = Counter()
    in_scope: Counter[str] = Counter()
    names = {}
    for plan in sorted(PLAN.actions, key=lambda p: (p.approved_on, p.reference)):
        scope = ordinal_scope(plan.countries, plan.regional_organisation)
        in_year[plan.received_on.year] += 1
        in_scope[scope] += 1
        names[plan.key] = (action_code(plan.received_on.year, in_year[plan.received_on.year]),
                           action_label(scope, in_scope[scope]))  # fmt: skip
    return names


def _deployed(reference: str, spec: Any) -> Deployed:
    member_state = spec.nationality if spec.category == "EU_MS_GOVERNMENTAL" else None
    return Deployed(reference, ExpertCategory(spec.category), spec.nationality, member_state, completed=True)


def test_the_demo_takes_every_path_of_an_action_s_course(pm: dict[str, Service]) -> None:
    """Rescheduled and replanned activities with their reasons, cancelled ones, declined proposals, experts on
    several Actions, evaluations, endorsed Fiches and both kinds of focal point."""
    by_key = {p.key: action_id_for(new_request_id(p.reference)) for p in PLAN.actions}
    ids = [by_key[p.key] for p in PLAN.actions]
    activities = dict(zip(ids, _batched(pm["actions"], "/activities/batch-by-action", "action_ids", ids), strict=True))
    kinds: Counter[str] = Counter()
    for plan in PLAN.actions:
        for planned, activity in zip(plan.activities, _in_plan_order(plan, activities[by_key[plan.key]]), strict=True):
            changes = {(m["kind"], m["reason"]) for m in activity["modifications"]}
            if planned.moved_from:
                assert ("RESCHEDULED", paths.RESCHEDULE_REASON) in changes and activity["starts_on"] == str(
                    planned.starts_on
                )
                kinds["rescheduled"] += 1
            if planned.replanned_from:
                assert ("REPLANNED", paths.REPLAN_REASON) in changes and activity["activity_type"] == planned.type
                kinds["replanned"] += 1
            if planned.cancelled:
                assert activity["status"] == "CANCELLED" and any(k == "CANCELLED" and r for k, r in changes)
                kinds["cancelled"] += 1
    assert (
        kinds
        == {
            "rescheduled": sum(1 for p in PLAN.actions for a in p.activities if a.moved_from),
            "replanned": sum(1 for p in PLAN.actions for a in p.activities if a.replanned_from),
            "cancelled": sum(1 for p in PLAN.actions for a in p.activities if a.cancelled),
        }
        and min(kinds.values()) > 0
    )

    deployments = [d for lists in _batched(pm["experts"], "/deployments/batch-by-activity", "activity_ids",
                                           [a["id"] for found in activities.values() for a in found]) for d in lists]  # fmt: skip
    declined = {(d["expert_id"], d["action_id"]) for d in deployments if d["status"] == "DECLINED"}
    assert declined == {(expert_id_for(r), by_key[p.key]) for p in PLAN.actions for _, r in p.declined} != set()
    assert all(d["decline_reason"] == "NOT_AVAILABLE" for d in deployments if d["status"] == "DECLINED")
    serving = Counter(
        e for e, _ in {(d["expert_id"], d["action_id"]) for d in deployments if d["status"] == "COMPLETED"}
    )
    planned_serving = Counter(expert_id_for(r) for p in PLAN.actions if p.held for r in dict.fromkeys(p.experts))
    assert serving == planned_serving and max(serving.values()) >= 2  # some experts served several Actions
    evaluated = {by_key[p.key] for p in PLAN.actions if p.evaluated}
    for deployment in deployments:
        if deployment["status"] == "COMPLETED":
            assert (deployment["evaluation"] is not None) == (deployment["action_id"] in evaluated), deployment["id"]

    requests = _batched(pm["requests"], "/requests/batch", "ids", [new_request_id(p.reference) for p in PLAN.actions])
    assert all({"OPERATIONAL", "STRATEGIC"} <= {fp["kind"] for fp in r["focal_points"]} for r in requests)
    fiches = {p.key: pm["actions"].get(f"/actions/{by_key[p.key]}")["fiche"] for p in PLAN.actions if p.endorsed}
    assert all(f is not None and f["endorsed_revision"] for f in fiches.values())


def _batched(service: Service, path: str, name: str, ids: list[str]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(ids), 100):
        found.extend(service.post(path, {name: ids[start : start + 100]})["items"])
    return found


def _in_plan_order(plan: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_slot = {(a["activity_type"], a["starts_on"]): a for a in found}
    return [by_slot[(a.type, str(a.starts_on))] for a in plan.activities]


def test_what_followed_the_case_studies_their_co_facilitation_former_focal_points_and_evaluations(
    pm: dict[str, Service],
) -> None:
    """Follow-ups, replications and complementary actors as the plan has them; the partner's focal point on the
    activities it co-facilitated; experts who had been focal points (and the portfolio's count of them, exactly);
    the results-oriented monitoring of 2013 and 2018 and the 2019 impact evaluation, each once."""
    by_key = {p.key: action_id_for(new_request_id(p.reference)) for p in PLAN.actions}
    for plan in (p for p in PLAN.actions if p.follow_ups or p.replications or p.complements):
        view = pm["actions"].get(f"/actions/{by_key[plan.key]}")
        assert [(f["channel"], f["summary"], [m["kind"] for m in f["mechanisms"]]) for f in view["follow_ups"]] == [
            (f.channel, f.summary, [kind for kind, _, _ in f.mechanisms]) for f in plan.follow_ups
        ], plan.key
        assert [(r["country"], r["request_id"]) for r in view["replications"]] == [
            (r.country, r.request_of and new_request_id(f"demo-{r.request_of}")) for r in plan.replications
        ], plan.key
        assert [(c["name"], c["kind"], c["relation"]) for c in view["complementary_actors"]] == [
            (c.name, c.kind, c.relation) for c in plan.complements
        ], plan.key

    requests = {r["id"]: r for r in _batched(pm["requests"], "/requests/batch", "ids",
                                             [new_request_id(p.reference) for p in PLAN.actions])}  # fmt: skip
    ids = [by_key[p.key] for p in PLAN.actions]
    activities = dict(zip(ids, _batched(pm["actions"], "/activities/batch-by-action", "action_ids", ids), strict=True))
    co_facilitated = 0
    for plan in PLAN.actions:
        request = requests[new_request_id(plan.reference)]
        in_order = _in_plan_order(plan, activities[by_key[plan.key]])
        for index, activity in enumerate(in_order):
            expected = [{"authority_id": request["authority"]["id"],
                         "focal_point_id": bodies.partner_focal_point(request, "OPERATIONAL"),
                         "recorded_on": str(plan.activities[index].ends_on)}] if index in plan.co_facilitated else []  # fmt: skip
            assert activity["co_facilitators"] == expected, (plan.key, index)
            co_facilitated += bool(expected)
    assert co_facilitated == sum(len(p.co_facilitated) for p in PLAN.actions) > 1

    plans = {p.key: p for p in PLAN.actions}
    wanted: dict[str, set[str]] = defaultdict(set)
    for link in PLAN.former_focal_points:
        request = requests[new_request_id(plans[link.plan].reference)]
        wanted[expert_id_for(link.expert)].add(bodies.partner_focal_point(request, link.kind))
    experts = pm["experts"].post("/experts/batch", {"ids": list(wanted)})["items"]
    assert {e["id"]: {fp["focal_point_id"] for fp in e["former_focal_points"]} for e in experts} == wanted
    others = [e for e in pm["experts"].every("/experts") if e["id"] not in DEMO_EXPERTS]
    extra = sum(1 for e in others if e["deployed"] and e["former_focal_points"])
    figures = pm["experts"].get("/portfolio")["figures"]
    assert figures["deployed"]["former_focal_points"] == len(wanted) + extra == 3 + extra

    titles = Counter(e["title"] for e in pm["feedback"].get("/evaluations", limit=100)["items"])
    assert {title: titles[title] for title in (e.title for e in EVALUATIONS)} == dict.fromkeys(
        (e.title for e in EVALUATIONS), 1
    )
    kinds = Counter(e.kind for e in EVALUATIONS)
    assert kinds == {"RESULTS_ORIENTED_MONITORING": 2, "IMPACT_EVALUATION": 1}
