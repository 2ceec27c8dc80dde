"""The demo portfolio's plan reproduces the published figures before anything is sent."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from actions_service.domain import deliverables
from contracts.events.actions import DeliverableLevel, DeliverableStatus
from contracts.events.experts import EU_MEMBER_STATES, ExpertCategory
from contracts.reference.topics import TopicFamily, codes_of, topic
from experts_service.domain.composition import Deployed, compose
from mieux_demo.model import COMPLETED, EU_GOV
from mieux_demo.plan import AREA_PHASE, REGION_PHASE, portfolio
from mieux_demo.themes import countries_reached


def _phase(year: int) -> int:
    return 0 if year <= 2011 else 1 if year <= 2015 else 2


def test_the_plan_has_147_requests_and_109_completed_actions_in_the_published_region_phase_table() -> None:
    plan = portfolio()
    completed = [a for a in plan.actions if a.outcome == COMPLETED]
    assert len(plan.actions) + len(plan.others) == 147
    assert len(completed) == 109
    cells = Counter((a.region, _phase(a.approved_on.year)) for a in completed)
    assert {(r, p): n for r, row in REGION_PHASE.items() for p, n in enumerate(row)} == dict(cells)
    areas = Counter((a.area, _phase(a.approved_on.year)) for a in completed)
    assert {(t, p): n for t, row in AREA_PHASE.items() for p, n in enumerate(row) if n} == dict(areas)


def test_the_roster_has_675_experts_and_340_deployed_split_176_32_132_from_22_member_states() -> None:
    plan = portfolio()
    deployed = {reference for action in plan.actions for _, reference in action.deployments}
    categories = Counter(e.spec.category for e in plan.experts if e.reference in deployed)
    assert len(plan.experts) == 675 and len(deployed) == 340
    assert categories == {"EU_MS_GOVERNMENTAL": 176, "NON_EU_GOVERNMENTAL": 32, "OTHER": 132}
    states = {e.spec.nationality for e in plan.experts if e.reference in deployed and e.spec.category == EU_GOV}
    assert len(states) == 22


def test_every_held_activity_has_an_expert_and_nothing_is_dated_in_the_future() -> None:
    plan = portfolio()
    today = datetime.now(UTC).date()
    for action in plan.actions:
        staffed = {index for index, _ in action.deployments}
        held = {i for i, a in enumerate(action.activities) if a.held and not a.cancelled}
        assert staffed == held, action.key
        assert all(a.ends_on <= today for a in action.held)
        if action.outcome == COMPLETED:
            assert action.completed_on <= today


def test_the_sixteen_case_studies_are_named_actions() -> None:
    plan = portfolio()
    assert {a.case_study for a in plan.actions if a.case_study} == set(range(1, 17))


def test_the_case_studies_the_report_calls_triangular_compose_as_triangular() -> None:
    """R19 as the report counts it (Mauritius L5120, Malawi L5283): an EU expert and one from another
    non-EU partner country; the Action's own country takes part as the beneficiary."""
    plan = portfolio()
    experts = {e.reference: e.spec for e in plan.experts}

    def deployed(reference: str) -> Deployed:
        spec = experts[reference]
        member_state = spec.nationality if spec.category == EU_GOV else None
        return Deployed(reference, ExpertCategory(spec.category), spec.nationality, member_state, completed=True)

    triangular = {
        a.key
        for a in plan.actions
        if a.case_study and compose(a.key, a.countries, [deployed(r) for r in a.experts]).triangular
    }
    assert triangular == {
        "cs02-peru-3", "cs04-south-east-asia", "cs05-west-africa", "cs06-belarus-1", "cs13-mauritius-1",
        "cs14-malawi-1",
    }  # fmt: skip


def test_every_planned_deliverable_history_is_accepted_as_it_happened() -> None:
    for action in portfolio().actions:
        for deliverable in action.deliverables:
            steps: list[tuple[DeliverableStatus, DeliverableLevel]] = []
            for status, level, _ in deliverable.steps:
                step = (DeliverableStatus(status), DeliverableLevel(level))
                assert deliverables.refusal(steps, *step) is None, (action.key, deliverable.title, step)
                steps.append(step)


def test_79_deployed_experts_come_from_outside_the_eu() -> None:
    plan = portfolio()
    deployed = {reference for action in plan.actions for _, reference in action.deployments}
    outside = [e for e in plan.experts if e.reference in deployed and e.spec.nationality not in EU_MEMBER_STATES]
    assert len(outside) == 79


def test_27_completed_actions_on_thb_12_on_labour_migration_and_more_than_120_countries_reached() -> None:
    plan = portfolio()
    completed = [a for a in plan.actions if a.outcome == COMPLETED]
    thb, labour = set(codes_of(TopicFamily.THB)), set(codes_of(TopicFamily.LABOUR_MIGRATION))
    assert sum(1 for a in completed if thb & set(a.topics)) == 27  # L1800
    assert sum(1 for a in completed if labour & set(a.topics)) == 12  # L1855
    assert all(a.topics and all(topic(c) for c in a.topics) for a in plan.actions)
    assert len(countries_reached(list(plan.actions))) == 124  # "more than 120 countries" (L69)


def test_the_case_studies_outcomes_name_their_own_deliverables_and_every_case_study_has_a_lesson() -> None:
    case_studies = [a for a in portfolio().actions if a.case_study]
    assert all(a.lessons for a in case_studies)
    for action in case_studies:
        titles = {d.title for d in action.deliverables}
        assert all(set(o.deliverables) <= titles for o in action.outcomes), action.key


def test_the_paths_besides_the_straight_line_are_taken_without_double_booking_anyone() -> None:
    """Rescheduled and replanned activities, declined proposals, experts on several Actions, evaluations."""
    plan = portfolio()
    activities = [a for action in plan.actions for a in action.activities]
    assert sum(1 for a in activities if a.moved_from) >= 10 and sum(1 for a in activities if a.replanned_from) >= 10
    assert all(a.first_planned.starts_on < a.starts_on for a in activities if a.moved_from)
    assert all(a.first_planned.type != a.type for a in activities if a.replanned_from)
    deployed = {reference for action in plan.actions for _, reference in action.deployments}
    declined = [reference for action in plan.actions for _, reference in action.declined]
    assert len(declined) >= 5 and not deployed & set(declined)  # those who declined are never deployed
    serving = Counter(r for action in plan.actions for r in dict.fromkeys(action.experts))
    several = {r for r, n in serving.items() if n > 1}
    assert len(several) >= 5
    specs = {e.reference: e.spec for e in plan.experts}
    assert all(specs[r].category == EU_GOV for r in several)
    booked: dict[str, list[tuple[date, date]]] = {}
    for action in plan.actions:
        for index, reference in action.deployments:
            activity = action.activities[index]
            for starts, ends in booked.get(reference, []):
                assert not (activity.starts_on <= ends and starts <= activity.ends_on), reference
            booked.setdefault(reference, []).append((activity.starts_on, activity.ends_on))
    assert sum(1 for a in plan.actions if a.evaluated) >= 30
    assert all(a.outcome == COMPLETED for a in plan.actions if a.evaluated)


def test_what_followed_the_case_studies_is_dated_within_their_course_and_names_what_exists() -> None:
    """Follow-ups after the launch, replications and complementary actors after the request, nothing in the
    future; a replication's request is a demo Action's."""
    plan = portfolio()
    today = datetime.now(UTC).date()
    keys = {a.key for a in plan.actions}
    followed = {a.key for a in plan.actions if a.follow_ups}
    assert {"cs01-thailand-1", "cs10-kenya-2", "cs13-mauritius-1"} <= followed
    for action in plan.actions:
        launch = action.held[0].starts_on if action.held else None
        for follow_up in action.follow_ups:
            assert launch is not None and launch <= follow_up.observed_on <= today, action.key
        for on in (*(r.observed_on for r in action.replications), *(c.recorded_on for c in action.complements)):
            assert action.received_on <= on <= today, action.key
        assert all(r.request_of in keys for r in action.replications if r.request_of)
    assert [(r.country, r.request_of) for a in plan.actions for r in a.replications] == [
        ("MM", "action-026"), ("MX", "cs11-mexico-2"),
    ]  # fmt: skip
    assert sum(len(a.complements) for a in plan.actions) == 8  # the case studies' named actors


def test_co_facilitated_activities_are_held_and_former_focal_points_were_deployed_later() -> None:
    plan = portfolio()
    co_facilitated = {a.key: a.co_facilitated for a in plan.actions if a.co_facilitated}
    assert co_facilitated["cs12-jordan-2"] == (2,)  # the SOP drafting session (L4977-4979)
    for action in plan.actions:
        assert all(action.activities[i].held and not action.activities[i].cancelled for i in action.co_facilitated)
    by_key = {a.key: a for a in plan.actions}
    deployed_in = {r: a for a in plan.actions for _, r in a.deployments}
    links = plan.former_focal_points
    assert {(link.plan, link.kind) for link in links if by_key[link.plan].countries == ("CV",)} == {
        ("cv-1", "OPERATIONAL"), ("cv-2", "OPERATIONAL"), ("cv-3", "OPERATIONAL"),
        ("cs08-cabo-verde-4", "OPERATIONAL"),
    }  # fmt: skip
    assert deployed_in[links[0].expert].key == "cs13-mauritius-1"  # Cabo Verde's Director General (L5135-5137)
    specs = {e.reference: e.spec for e in plan.experts}
    for link in links:
        assert specs[link.expert].category == "NON_EU_GOVERNMENTAL"
        assert specs[link.expert].nationality in by_key[link.plan].countries
    assert len({link.expert for link in links}) == 3
    assert len({link.plan for link in links}) == len(links)  # one person per focal point
