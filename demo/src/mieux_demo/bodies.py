"""HTTP bodies of the services' commands, built from the plan (ratings are pseudo-random but fixed)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from mieux_demo.model import (
    OTHER,
    ActionPlan,
    Activity,
    Complement,
    Evaluation,
    Expert,
    FollowUp,
    Learning,
    OtherRequest,
    Outcome,
    Replication,
)

LANGUAGES = {"ES": "es", "PT": "pt", "FR": "fr", "DE": "de", "IT": "it", "NL": "nl", "SE": "sv", "PL": "pl",
             "CV": "pt", "AR": "es", "CO": "es", "CL": "es", "DO": "es", "MA": "fr", "TN": "fr", "SN": "fr"}  # fmt: skip
LEVELS = ("INDIVIDUAL", "ORGANISATIONAL", "ENABLING_ENVIRONMENT")
FEATURES = ("OWNERSHIP", "RESULTS_ORIENTED", "ENDORSED", "EXPERTISE", "EU_ADDED_VALUE", "REPLICATION")


def _numbers(seed: str, count: int) -> list[int]:
    digest = hashlib.sha256(seed.encode()).digest()
    while len(digest) < count:
        digest += hashlib.sha256(digest).digest()
    return list(digest[:count])


def _rating(n: int) -> int:
    """Mostly 4 and 5, sometimes 3, rarely 2."""
    return (5, 4, 4, 5, 3, 4, 5, 4, 2, 4, 5, 3)[n % 12]


def request(plan: ActionPlan | OtherRequest) -> dict[str, Any]:
    body: dict[str, Any] = {
        "external_reference": plan.reference,
        "authority": plan.authority.body(),
        "countries": list(plan.countries),
        "region": plan.region,
        "thematic_area": plan.area,
        "topic": plan.topic,
        "description": f"Peer-to-peer support requested on: {plan.topic.lower()}.",
        "received_on": plan.received_on.isoformat(),
    }
    if isinstance(plan, ActionPlan):
        body["co_requesters"] = [a.body() for a in plan.co_requesters]
        if plan.regional_organisation:
            body["regional_organisation"] = plan.regional_organisation
    return body


def focal_points(view: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The focal points a request should have (R23): its institution's two, one of each co-requester."""
    return [(view["authority"], "OPERATIONAL"), (view["authority"], "STRATEGIC"),
            *((a, "OPERATIONAL") for a in view["co_requesters"])]  # fmt: skip


def focal_point(plan: ActionPlan, authority: dict[str, Any], kind: str) -> dict[str, Any]:
    """Invented people (the report names none): "Demo Focal Point" and the request's key."""
    role = "Head of unit" if kind == "STRATEGIC" else "Desk officer"
    return {"kind": kind, "name": f"Demo Focal Point {plan.key} {kind.lower()} {authority['id'][:8]}", "role": role,
            "institution": authority["name"], "authority_id": authority["id"]}  # fmt: skip


def decision_day(plan: ActionPlan | OtherRequest) -> date:
    if isinstance(plan, ActionPlan):
        return plan.approved_on
    return plan.decided_on or plan.received_on


def decision(kind: str, day: date, view: dict[str, Any]) -> dict[str, Any]:
    reasons = {"APPROVE": "Demand-driven, eligible and feasible peer-to-peer support",
               "REJECT": "Outside the facility's scope or not eligible", "DEFER": "More information needed"}  # fmt: skip
    return {"decision": kind, "reason": reasons[kind], "decided_on": day.isoformat(),
            "expected_version": view["version"]}  # fmt: skip


def fiche(plan: ActionPlan) -> dict[str, Any]:
    return {
        "intervention_logic": f"{plan.topic}: strengthen the partner authority's capacities through peer exchange",
        "institutional_framework": f"{plan.authority.name} with the national institutions concerned",
        "capacity_levels": [
            {"level": level, "approach": approach}
            for level, approach in (
                ("INDIVIDUAL", "training and coaching of officials"),
                ("ORGANISATIONAL", "procedures and tools"),
                ("ENABLING_ENVIRONMENT", "policy and legal framework"),
            )
        ],
        "planned_sequence": [a.type for a in plan.activities if not a.cancelled] or ["FACT_FINDING_MISSION"],
        "drafted_on": (plan.approved_on + timedelta(days=3)).isoformat(),
    }


def agreement(plan: ActionPlan) -> dict[str, Any]:
    return {"parties": ["MIEUX_TEAM", "STEERING_GROUP", "PARTNER_AUTHORITY"],
            "agreed_on": (plan.approved_on + timedelta(days=10)).isoformat()}  # fmt: skip


def endorsement(plan: ActionPlan) -> dict[str, Any]:
    return {"endorsed_on": (plan.approved_on + timedelta(days=14)).isoformat()}


def classification(plan: ActionPlan) -> dict[str, Any]:
    return {"topics": list(plan.topics), "cross_cutting": list(plan.cross_cutting),
            "classified_on": (plan.approved_on + timedelta(days=3)).isoformat()}  # fmt: skip


def lesson(plan: ActionPlan, learning: Learning) -> dict[str, Any]:
    return {"kind": learning.kind, "category": learning.category, "summary": learning.summary,
            "recorded_on": plan.completed_on.isoformat()}  # fmt: skip


def outcome(plan: ActionPlan, found: Outcome, deliverables: dict[str, str]) -> dict[str, Any]:
    return {"summary": found.summary, "capacity_level": found.capacity_level,
            "deliverable_ids": [deliverables[title] for title in found.deliverables],
            "observed_on": (plan.completed_on + timedelta(days=90)).isoformat()}  # fmt: skip


def follow_up(found: FollowUp) -> dict[str, Any]:
    return {"channel": found.channel, "summary": found.summary, "observed_on": found.observed_on.isoformat(),
            "mechanisms": [{"kind": k, "description": d, "status": s} for k, d, s in found.mechanisms]}  # fmt: skip


def replication(found: Replication, request_id: str | None) -> dict[str, Any]:
    return {"country": found.country, "summary": found.summary, "observed_on": found.observed_on.isoformat(),
            "request_id": request_id}  # fmt: skip


def complement(found: Complement) -> dict[str, Any]:
    return {"name": found.name, "kind": found.kind, "relation": found.relation, "initiative": found.initiative,
            "recorded_on": found.recorded_on.isoformat()}  # fmt: skip


def external_evaluation(found: Evaluation) -> dict[str, Any]:
    return {"kind": found.kind, "title": found.title, "evaluator": found.evaluator,
            "started_on": found.started_on.isoformat(), "ended_on": found.ended_on.isoformat(),
            "findings": [{"criterion": c, "finding": f} for c, f in found.findings],
            "recommendations": list(found.recommendations)}  # fmt: skip


def partner_focal_point(view: dict[str, Any], kind: str) -> str:
    """The id of the requesting institution's focal point of this kind on a request's view."""
    authority = view["authority"]["id"]
    found: str = next(fp["id"] for fp in view["focal_points"] if fp["authority_id"] == authority and fp["kind"] == kind)
    return found


def activity(planned: Activity) -> dict[str, Any]:
    body: dict[str, Any] = {
        "activity_type": planned.type,
        "starts_on": planned.starts_on.isoformat(),
        "ends_on": planned.ends_on.isoformat(),
        "remote": planned.place is None,
        "planned_participants": planned.participants,
    }
    if planned.place is not None:
        body["place_country"] = planned.place
        if planned.city:
            body["place_city"] = planned.city
    return body


def held(planned: Activity) -> dict[str, Any]:
    return {"held_from": planned.starts_on.isoformat(), "held_to": planned.ends_on.isoformat(),
            "participants_count": planned.participants}  # fmt: skip


def expert(item: Expert) -> dict[str, Any]:
    spec = item.spec
    number = item.reference.removeprefix("demo-expert-")
    languages = [{"language": "en", "level": "C1"}]
    if (own := LANGUAGES.get(spec.nationality)) is not None:
        languages.insert(0, {"language": own, "level": "NATIVE"})
    return {
        "external_reference": item.reference,
        "registered_on": item.registered_on.isoformat(),
        "personal_data": {"full_name": f"Demo Expert {number}", "email": f"expert-{number}@experts.example.org"},
        "profile": {
            "category": spec.category,
            "nationality": spec.nationality,
            "member_state": spec.nationality if spec.category == "EU_MS_GOVERNMENTAL" else None,
            "administration_level": None if spec.category == OTHER else spec.level or "NATIONAL",
            "sector": spec.sector,
            "expertise": [{"thematic_area": item.area, "topics": []}],
            "languages": languages,
            "certifications": [],
            "availability": [],
        },
    }


def participant_batch(plan: ActionPlan, index: int, planned: Activity) -> dict[str, Any]:
    """Seeded by the Action and the activity's place in it, not by its id: the same responses on every stack,
    so the feedback figures are known before loading (tests/e2e/test_demo_portfolio.py)."""
    seed = f"{plan.key}/{index}"
    count = 5 + _numbers(seed, 1)[0] % 8
    numbers = _numbers(seed + "/ratings", count * 5)
    responses = []
    for i in range(count):
        a, b, c, d, e = numbers[i * 5 : i * 5 + 5]
        ratings = {"relevance": _rating(a), "expertise_quality": _rating(b), "knowledge_gained": _rating(c),
                   "applicability": _rating(d)}  # fmt: skip
        responses.append({"ratings": ratings, "capacity_level": LEVELS[e % 3]})
    return {"responses": responses, "given_on": planned.ends_on.isoformat()}


def evaluation(deployment: dict[str, Any], completed_on: date) -> dict[str, Any]:
    """The programme's evaluation of an expert's deployment (R15), on the Action's completion."""
    a, b, c = _numbers(f"{deployment['expert_id']}/{deployment['starts_on']}/evaluation", 3)
    return {"expertise": _rating(a), "communication": _rating(b), "preparation": _rating(c),
            "evaluated_on": completed_on.isoformat()}  # fmt: skip


def action_feedback(plan: ActionPlan, source: str, day: date, expert_id: str | None) -> dict[str, Any]:
    numbers = _numbers(f"{plan.key}/{source}/{expert_id}", 10)
    names = ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability", "eu_added_value")
    body: dict[str, Any] = {
        "source": source,
        "ratings": {name: _rating(n) for name, n in zip(names, numbers, strict=False)},
        "capacity_levels_reached": list(LEVELS[: 1 + numbers[7] % 3]),
        "good_practice_features": sorted({FEATURES[numbers[8] % 6], FEATURES[numbers[9] % 6]}),
        "given_on": day.isoformat(),
    }
    if expert_id is not None:
        body["expert_id"] = expert_id
    return body
