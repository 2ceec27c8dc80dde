"""Pure domain: opening, naming and phases (R21, R29, R30), the Action Fiche (R05, R06, R24)."""

from __future__ import annotations

from datetime import date

import pytest
from actions_service.domain import errors as e
from actions_service.domain.commands import AgreeFiche, EndorseFiche
from actions_service.domain.naming import action_code, action_label, ordinal_scope, phase_of, roman
from actions_service.domain.state import Action
from contracts.events.actions import (
    ActionFicheAgreed,
    ActionFicheDrafted,
    ActionFicheEndorsed,
    ActionOpened,
    CapacityLevel,
    CapacityLevelApproach,
    FicheParty,
    Phase,
)
from contracts.views.actions import FicheStatus
from service_core.errors import DomainError, NotFound

from .domain_helpers import ACTION, agree, draft, given, opening, ready, run


@pytest.mark.parametrize(
    ("approved_on", "phase"),
    [
        (date(2008, 12, 15), Phase.MIEUX_I),
        (date(2011, 12, 31), Phase.MIEUX_I),
        (date(2012, 1, 1), Phase.MIEUX_II),
        (date(2015, 12, 31), Phase.MIEUX_II),
        (date(2016, 1, 1), Phase.MIEUX_III),
        (date(2020, 3, 31), Phase.MIEUX_III),
        (date(2020, 4, 1), Phase.MIEUX_PLUS),
        (date(2023, 4, 30), Phase.MIEUX_PLUS),
    ],
)
def test_phase_follows_the_approval_date(approved_on: date, phase: Phase) -> None:
    assert phase_of(approved_on, current=Phase.MIEUX_I) is phase


def test_after_april_2023_the_configured_current_phase_applies() -> None:
    assert phase_of(date(2024, 2, 1), current=Phase.MIEUX_PLUS) is Phase.MIEUX_PLUS
    assert phase_of(date(2024, 2, 1), current=Phase.MIEUX_III) is Phase.MIEUX_III


def test_codes_are_year_and_two_digit_sequence() -> None:
    assert action_code(2016, 7) == "2016-07"
    assert action_code(2019, 112) == "2019-112"


def test_labels_use_the_country_name_or_the_organisation_code_with_roman_ordinals() -> None:
    assert action_label("CV", 4) == "Cabo Verde IV"
    assert action_label("COMESA", 2) == "COMESA II"
    assert [roman(n) for n in (1, 3, 9, 14, 40)] == ["I", "III", "IX", "XIV", "XL"]


def test_the_ordinal_counts_within_the_country_else_the_organisation() -> None:
    assert ordinal_scope(("KE",), None) == "KE"
    assert ordinal_scope(("KE", "UG"), None) == "Eastern Africa"
    assert ordinal_scope((), "ECOWAS") == "ECOWAS"


def test_opening_records_the_action_once_and_opening_again_is_a_no_op() -> None:
    state, events = run(Action(), opening())
    [opened] = events
    assert isinstance(opened, ActionOpened)
    assert (opened.code, opened.label, opened.phase) == ("2016-07", "Cabo Verde IV", Phase.MIEUX_III)

    _, again = run(state, opening(code="2016-08"))

    assert again == []


def test_commands_on_an_action_never_opened_are_not_found() -> None:
    with pytest.raises(NotFound):
        run(Action(), draft())


def test_a_fiche_is_drafted_in_numbered_revisions() -> None:
    state, events = run(given(opening()), draft())
    assert isinstance(events[0], ActionFicheDrafted) and events[0].revision == 1
    assert state.fiche_status is FicheStatus.DRAFTED
    _, events = run(state, draft(on=date(2016, 5, 2)))
    assert isinstance(events[0], ActionFicheDrafted) and events[0].revision == 2


def test_a_capacity_level_addressed_twice_is_bad_input() -> None:
    twice = (
        CapacityLevelApproach(level=CapacityLevel.INDIVIDUAL, approach="training"),
        CapacityLevelApproach(level=CapacityLevel.INDIVIDUAL, approach="coaching"),
    )
    with pytest.raises(e.InvalidCommand) as refused:
        run(given(opening()), draft(capacity_levels=twice))
    assert (refused.value.code, refused.value.field) == (e.DUPLICATE_CAPACITY_LEVEL, "capacity_levels.1.level")


def test_agreeing_needs_a_draft_first() -> None:
    with pytest.raises(DomainError) as refused:
        run(given(opening()), agree())
    assert refused.value.code == e.FICHE_NOT_DRAFTED


@pytest.mark.parametrize(
    "parties",
    [(), (FicheParty.MIEUX_TEAM, FicheParty.PARTNER_AUTHORITY), (FicheParty.STEERING_GROUP,)],
)
def test_the_fiche_is_refused_unless_all_three_parties_agree(parties: tuple[FicheParty, ...]) -> None:
    with pytest.raises(DomainError) as refused:
        run(given(opening(), draft()), agree(parties=parties))
    assert (refused.value.code, refused.value.field, refused.value.status) == (
        e.FICHE_PARTIES_INCOMPLETE,
        "parties",
        409,
    )


def test_all_three_parties_agree_a_revision_once() -> None:
    state, events = run(given(opening(), draft()), agree())
    [agreed] = events
    assert isinstance(agreed, ActionFicheAgreed)
    assert set(agreed.parties) == set(FicheParty) and agreed.revision == 1
    assert state.fiche_status is FicheStatus.AGREED
    with pytest.raises(DomainError) as refused:
        run(state, agree(on=date(2016, 5, 11)))
    assert refused.value.code == e.FICHE_ALREADY_AGREED


def test_a_redraft_needs_agreeing_again() -> None:
    state, _ = run(ready(), draft(on=date(2016, 7, 1)))
    assert state.fiche_status is FicheStatus.DRAFTED and state.agreed_revision == 1
    state, _ = run(state, agree(on=date(2016, 7, 2)))
    assert state.agreed_revision == 2


def test_agreement_may_not_precede_the_draft() -> None:
    with pytest.raises(DomainError) as refused:
        run(given(opening(), draft()), agree(on=date(2016, 4, 30)))
    assert (refused.value.code, refused.value.field) == (e.DATE_BEFORE_PREVIOUS_STEP, "agreed_on")


def test_the_leadership_endorses_an_agreed_fiche_once() -> None:
    with pytest.raises(DomainError) as refused:
        run(given(opening(), draft()), EndorseFiche(ACTION, date(2016, 5, 20)))
    assert refused.value.code == e.FICHE_NOT_AGREED

    state, events = run(ready(), EndorseFiche(ACTION, date(2016, 5, 20)))
    [endorsed] = events
    assert isinstance(endorsed, ActionFicheEndorsed)
    assert (endorsed.authority_id, endorsed.revision) == ("cv-dgaci", 1)
    with pytest.raises(DomainError) as again:
        run(state, EndorseFiche(ACTION, date(2016, 5, 21)))
    assert again.value.code == e.FICHE_ALREADY_ENDORSED


def test_dates_in_the_future_are_bad_input() -> None:
    with pytest.raises(e.InvalidCommand) as refused:
        run(given(opening(), draft()), AgreeFiche(ACTION, tuple(FicheParty), date(2030, 1, 1)))
    assert (refused.value.code, refused.value.field) == (e.DATE_IN_FUTURE, "agreed_on")


def test_a_stale_expected_version_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        run(given(opening()), draft(expected_version=5))
    assert (refused.value.code, refused.value.field) == (e.CONCURRENT_MODIFICATION, "expected_version")


def test_multi_country_actions_are_named_after_their_common_subregion_or_their_countries() -> None:
    """The report's "West Africa" Action of Benin, Guinea-Bissau and Togo; "South-East Asia" of three."""
    west_africa = ordinal_scope(("TG", "BJ", "GW"), None)
    assert (west_africa, action_label(west_africa, 1)) == ("Western Africa", "West Africa I")
    south_east_asia = ordinal_scope(("ID", "PH", "VN"), None)
    assert action_label(south_east_asia, 1) == "South-East Asia I"
    across = ordinal_scope(("MA", "SN"), None)
    assert (across, action_label(across, 2)) == ("MA+SN", "Morocco and Senegal II")
    assert ordinal_scope(("CV", "CV"), None) == "CV"
