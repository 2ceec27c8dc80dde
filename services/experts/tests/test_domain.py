"""Pure domain: profile rules, deployment decisions, matching and composition (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from contracts.events.actions import ActivityType
from contracts.events.experts import (
    DeploymentCancelled,
    DeploymentCompleted,
    ExpertCategory,
    ExpertProfile,
    SuspensionReason,
)
from contracts.events.requests import Region, ThematicArea
from experts_service.domain import errors as e
from experts_service.domain.commands import (
    ActivityFacts,
    CompleteDeployments,
    ConfirmDeployment,
    ProposeDeployment,
    RegisterExpert,
    SuspendExpert,
)
from experts_service.domain.composition import Deployed, compose
from experts_service.domain.decide import decide
from experts_service.domain.matching import Candidate, Target, rank
from experts_service.domain.state import Expert, evolve

from .conftest import profile as profile_body

NOW = datetime(2019, 3, 1, tzinfo=UTC)


def profile(category: str = "EU_MS_GOVERNMENTAL", **changes: Any) -> ExpertProfile:
    body = profile_body(category, **changes)
    return ExpertProfile(**body, governmental=category != "OTHER")


def activity(activity_id: str = "a1", starts_on: date = date(2019, 5, 6), ends_on: date | None = None) -> ActivityFacts:
    return ActivityFacts(activity_id, "act-1", ActivityType.WORKSHOP, starts_on, ends_on or starts_on, Region.AFRICA,
                         ThematicArea.MIGRATION_DEVELOPMENT, ("CV",))  # fmt: skip


def registered(**changes: Any) -> Expert:
    state = Expert()
    for event in decide(state, RegisterExpert("x1", profile(**changes), date(2019, 1, 1)), NOW):
        state = evolve(state, event)
    return state


def run(state: Expert, *commands: Any) -> Expert:
    for command in commands:
        for event in decide(state, command, NOW):
            state = evolve(state, event)
    return state


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"member_state": None}, e.INVALID_PROFILE, "profile.member_state"),
        ({"member_state": "NO"}, e.NOT_AN_EU_MEMBER_STATE, "profile.member_state"),
        ({"nationality": "XX"}, e.UNKNOWN_COUNTRY, "profile.nationality"),
        ({"administration_level": None}, e.INVALID_PROFILE, "profile.administration_level"),
        ({"sector": "ACADEMIA"}, e.INVALID_PROFILE, "profile.sector"),
        ({"languages": [{"language": "en", "level": "B2"}, {"language": "en", "level": "C1"}]}, e.DUPLICATE_ENTRY,
         "profile.languages.1"),
        ({"availability": [{"available_from": "2019-02-01", "available_to": "2019-01-01"}]}, e.INVALID_DATE_RANGE,
         "profile.availability.0"),
    ],
)  # fmt: skip
def test_rejects_an_inconsistent_profile_naming_the_field(changes: dict[str, Any], code: str, field: str) -> None:
    with pytest.raises(e.InvalidCommand) as refused:
        registered(**changes)
    assert (refused.value.code, refused.value.field) == (code, field)


def test_rejects_a_member_state_for_a_non_eu_official() -> None:
    with pytest.raises(e.InvalidCommand) as refused:
        registered(category="NON_EU_GOVERNMENTAL", nationality="GH", member_state="PT")
    assert refused.value.field == "profile.member_state"


def test_refuses_a_second_confirmation_on_overlapping_dates() -> None:
    state = run(registered(), ProposeDeployment("x1", "d1", activity("a1"), date(2019, 3, 1)),
                ProposeDeployment("x1", "d2", activity("a2", date(2019, 5, 5), date(2019, 5, 7)), date(2019, 3, 1)),
                ConfirmDeployment("x1", "d1", date(2019, 3, 2)))  # fmt: skip
    with pytest.raises(e.Refused) as refused:
        decide(state, ConfirmDeployment("x1", "d2", date(2019, 3, 2)), NOW)
    assert refused.value.code == e.EXPERT_DOUBLE_BOOKED


def test_suspension_cancels_open_proposals_and_blocks_new_ones() -> None:
    state = run(registered(), ProposeDeployment("x1", "d1", activity(), date(2019, 3, 1)))
    events = decide(state, SuspendExpert("x1", SuspensionReason.UNAVAILABLE, date(2019, 3, 1)), NOW)
    assert isinstance(events[1], DeploymentCancelled) and events[1].reason == "EXPERT_SUSPENDED"
    state = run(state, SuspendExpert("x1", SuspensionReason.UNAVAILABLE, date(2019, 3, 1)))
    with pytest.raises(e.Refused) as refused:
        decide(state, ProposeDeployment("x1", "d2", activity("a2"), date(2019, 3, 1)), NOW)
    assert refused.value.code == e.EXPERT_SUSPENDED


def test_holding_completes_confirmed_and_cancels_unconfirmed_deployments_once() -> None:
    state = run(registered(), ProposeDeployment("x1", "d1", activity(), date(2019, 3, 1)),
                ConfirmDeployment("x1", "d1", date(2019, 3, 2)))  # fmt: skip
    hold = CompleteDeployments("x1", "a1", date(2019, 5, 6), date(2019, 5, 6), date(2019, 5, 6))
    [completed] = decide(state, hold, NOW)
    assert isinstance(completed, DeploymentCompleted) and completed.category is ExpertCategory.EU_MS_GOVERNMENTAL
    assert decide(evolve(state, completed), hold, NOW) == []


def test_rejects_dates_in_the_future() -> None:
    with pytest.raises(e.InvalidCommand) as refused:
        decide(Expert(), RegisterExpert("x1", profile(), date(2019, 3, 5)), NOW)
    assert (refused.value.code, refused.value.field) == (e.DATE_IN_FUTURE, "registered_on")


def test_matching_prefers_eu_member_state_officials_at_equal_fit_and_excludes_the_double_booked() -> None:
    target = Target(activity(), "Diaspora engagement", ("en",))
    eu = Candidate("b-eu", profile())
    southern = Candidate("a-south", profile("NON_EU_GOVERNMENTAL", nationality="SN"))
    busy = Candidate("c-busy", profile(), confirmed_ranges=((date(2019, 5, 6), date(2019, 5, 7)),))
    erased = Candidate("d-gone", profile(), erased=True)

    ranking = rank(target, [southern, busy, eu, erased])

    assert [r.expert_id for r in ranking.ranked] == ["b-eu", "a-south"]
    assert ranking.excluded == {"DOUBLE_BOOKED": 1, "ERASED": 1}
    assert "REGIONAL_PEER" in {r.code for r in ranking.ranked[1].reasons}  # Senegal: Africa, not Cabo Verde


def test_matching_marks_missing_language_and_unavailability() -> None:
    target = Target(activity(), None, ("fr",))
    away = Candidate("x", profile(availability=[{"available_from": "2019-09-01", "available_to": "2019-09-30"}]))
    [ranked] = rank(target, [away]).ranked
    assert {r.code: r.points for r in ranked.reasons}.items() >= {"LANGUAGE_MISSING": 0, "NOT_AVAILABLE": -20}.items()


def deployed(expert_id: str, category: str, nationality: str, member_state: str | None = None) -> Deployed:
    return Deployed(expert_id, ExpertCategory(category), nationality, member_state, completed=True)


def test_composition_is_triangular_with_eu_partner_and_another_partner_country() -> None:
    team = [deployed("pt", "EU_MS_GOVERNMENTAL", "PT", "PT"), deployed("cv", "NON_EU_GOVERNMENTAL", "CV"),
            deployed("gh", "NON_EU_GOVERNMENTAL", "GH"), deployed("gh", "NON_EU_GOVERNMENTAL", "GH")]  # fmt: skip

    c = compose("act-1", ["CV"], team)

    assert (c.triangular, c.south_south, c.experts_count, c.deployments_count) == (True, True, 3, 4)
    assert dict(c.by_category)[ExpertCategory.EU_MS_GOVERNMENTAL] == 1
    assert c.by_nationality == (("CV", 1), ("GH", 1), ("PT", 1))
    assert c.eu_ms_governmental_share == pytest.approx(1 / 3, abs=1e-4)


def test_mauritius_is_triangular_without_a_mauritian_expert() -> None:
    """Mauritius M&D policy (2017): an ICMPD expert, a French official and Cabo Verde's Director General
    for Immigration; Mauritius takes part as the beneficiary, not through an expert of its own."""
    team = [deployed("icmpd", "OTHER", "AT"), deployed("fr", "EU_MS_GOVERNMENTAL", "FR", "FR"),
            deployed("cv", "NON_EU_GOVERNMENTAL", "CV")]  # fmt: skip
    c = compose("mauritius", ["MU"], team)
    assert (c.triangular, c.south_south) == (True, True)


def test_malawi_is_triangular_with_an_ethiopian_and_an_irish_expert() -> None:
    c = compose("malawi", ["MW"], [deployed("et", "NON_EU_GOVERNMENTAL", "ET"),
                                   deployed("ie", "EU_MS_GOVERNMENTAL", "IE", "IE")])  # fmt: skip
    assert (c.triangular, c.south_south) == (True, True)


def test_composition_is_not_triangular_without_an_eu_or_another_partner_countrys_expert() -> None:
    only_south = compose("act-1", ["CV"], [deployed("ar", "OTHER", "AR"), deployed("cv", "NON_EU_GOVERNMENTAL", "CV")])
    assert (only_south.triangular, only_south.south_south) == (False, True)
    eu_and_local = compose("act-1", ["CV"], [deployed("pt", "EU_MS_GOVERNMENTAL", "PT", "PT"),
                                             deployed("cv", "NON_EU_GOVERNMENTAL", "CV")])  # fmt: skip
    assert (eu_and_local.triangular, eu_and_local.south_south) == (False, False)
    assert not compose("act-1", ["CV"], [deployed("pt", "EU_MS_GOVERNMENTAL", "PT", "PT")]).south_south
