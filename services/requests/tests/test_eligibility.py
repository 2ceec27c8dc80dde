"""Eligibility on submission: R01 (partner country under DCI/EDF/ENI/OAD, in the request's region), R02."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from contracts.events.requests import AuthorityType, Region, RequestEligibilityAssessed, RequestSubmitted, ThematicArea
from requests_service.domain.commands import Requester, SubmitRequest
from requests_service.domain.decide import decide
from requests_service.domain.errors import InvalidCommand
from requests_service.domain.state import AssistanceRequest
from requests_service.reference import all_countries, country

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def submission(**changes: object) -> SubmitRequest:
    base = SubmitRequest(
        request_id="r-1",
        authority=Requester(
            "Ministry of Social Development and Human Security",
            AuthorityType.NATIONAL_GOVERNMENT,
            "MSDHS",
            authority_id="authority-1",
        ),
        region=Region.ASIA,
        thematic_area=ThematicArea.IRREGULAR_MIGRATION_THB,
        topic="Protection of victims of trafficking",
        description="Standard operating procedures for shelters",
        received_on=date(2013, 3, 1),
        countries=("TH",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def assessed(command: SubmitRequest) -> RequestEligibilityAssessed:
    submitted, assessment = decide(AssistanceRequest(), command, NOW)
    assert isinstance(submitted, RequestSubmitted)
    assert isinstance(assessment, RequestEligibilityAssessed)
    return assessment


def codes(assessment: RequestEligibilityAssessed) -> list[str]:
    return [reason.code for reason in assessment.reasons]


def test_a_national_ministry_of_a_partner_country_is_eligible() -> None:
    assessment = assessed(submission())
    assert assessment.eligible
    assert assessment.reasons == ()
    assert [str(i) for i in assessment.instruments] == ["DCI"]


def test_rejects_cso_request_before_2016() -> None:
    cso = Requester("Diaspora association", AuthorityType.CIVIL_SOCIETY, "DA", authority_id="authority-2")
    assessment = assessed(submission(authority=cso, received_on=date(2015, 12, 31)))
    assert not assessment.eligible
    assert codes(assessment) == ["REQUESTER_TYPE_NOT_YET_ELIGIBLE"]


@pytest.mark.parametrize(
    "kind",
    [
        AuthorityType.LOCAL_AUTHORITY,
        AuthorityType.OMBUDSPERSON,
        AuthorityType.PARLIAMENT,
        AuthorityType.JUDICIAL_AUTHORITY,
        AuthorityType.CIVIL_SOCIETY,
    ],
)
def test_accepts_the_2016_requester_types_from_the_first_of_january_2016(kind: AuthorityType) -> None:
    requester = Requester("Some institution", kind, "SI", authority_id="authority-3")
    assert assessed(submission(authority=requester, received_on=date(2016, 1, 1))).eligible
    assert not assessed(submission(authority=requester, received_on=date(2015, 12, 31))).eligible


def test_a_co_requesting_cso_before_2016_makes_a_joint_request_ineligible() -> None:
    cso = Requester("Network of migrant associations", AuthorityType.CIVIL_SOCIETY, "NMA", authority_id="authority-4")
    assessment = assessed(submission(co_requesters=(cso,), received_on=date(2014, 5, 1)))
    assert codes(assessment) == ["REQUESTER_TYPE_NOT_YET_ELIGIBLE"]
    assert "Network of migrant associations" in assessment.reasons[0].message


def test_an_eu_member_state_is_stored_as_ineligible_with_a_reason() -> None:
    assessment = assessed(submission(countries=("FR",), region=Region.EU_NEIGHBOURHOOD))
    assert not assessment.eligible
    assert "COUNTRY_NOT_PARTNER" in codes(assessment)
    assert "France" in assessment.reasons[0].message


def test_a_partner_country_outside_the_requests_region_is_a_warning_not_ineligibility() -> None:
    """R01 is about instruments (Kenya is an EDF partner), R31 about regions: the request stays eligible."""
    assessment = assessed(submission(countries=("TH", "KE")))
    assert assessment.eligible and codes(assessment) == []
    assert [w.code for w in assessment.warnings] == ["COUNTRY_OUTSIDE_REGION"]
    assert "Kenya" in assessment.warnings[0].message


def test_a_regional_organisation_of_the_region_is_eligible_without_countries() -> None:
    comesa = Requester("COMESA Secretariat", AuthorityType.REGIONAL_ORGANISATION, "COMESA", authority_id="authority-5")
    command = submission(authority=comesa, countries=(), regional_organisation="COMESA", region=Region.AFRICA)
    assert assessed(command).eligible


def test_a_regional_organisation_outside_the_region_is_a_warning() -> None:
    command = submission(countries=(), regional_organisation="COMESA", region=Region.ASIA)
    assessment = assessed(command)
    assert assessment.eligible and [w.code for w in assessment.warnings] == ["ORGANISATION_OUTSIDE_REGION"]


def test_every_reason_is_listed_not_just_the_first() -> None:
    cso = Requester("Association", AuthorityType.CIVIL_SOCIETY, authority_id="authority-6")
    assessment = assessed(submission(authority=cso, countries=("DE", "KE"), received_on=date(2012, 1, 1)))
    assert codes(assessment) == ["COUNTRY_NOT_PARTNER", "REQUESTER_TYPE_NOT_YET_ELIGIBLE"]
    assert [w.code for w in assessment.warnings] == ["COUNTRY_OUTSIDE_REGION"]


def test_an_unknown_country_code_is_bad_input_naming_the_field() -> None:
    with pytest.raises(InvalidCommand) as refused:
        decide(AssistanceRequest(), submission(countries=("TH", "XX")), NOW)
    assert (refused.value.code, refused.value.field, refused.value.status) == ("UNKNOWN_COUNTRY", "countries.1", 422)


def test_a_request_needs_a_country_or_a_regional_organisation() -> None:
    with pytest.raises(InvalidCommand) as refused:
        decide(AssistanceRequest(), submission(countries=()), NOW)
    assert refused.value.field == "countries"


def test_an_unknown_regional_organisation_is_bad_input() -> None:
    with pytest.raises(InvalidCommand) as refused:
        decide(AssistanceRequest(), submission(regional_organisation="NOPE"), NOW)
    assert refused.value.field == "regional_organisation"


def test_a_request_received_in_the_future_is_bad_input() -> None:
    with pytest.raises(InvalidCommand) as refused:
        decide(AssistanceRequest(), submission(received_on=date(2025, 6, 5)), NOW)
    assert (refused.value.code, refused.value.field) == ("DATE_IN_FUTURE", "received_on")


def test_the_event_carries_the_issued_id_and_the_name_in_nfc() -> None:
    decomposed = "Ministe\u0300re de l'Inte\u0301rieur"  # è and é as letter + combining accent (NFD)
    requester = Requester(decomposed, AuthorityType.NATIONAL_GOVERNMENT, authority_id="issued-1")
    submitted, _ = decide(AssistanceRequest(), submission(authority=requester), NOW)
    assert isinstance(submitted, RequestSubmitted)
    assert submitted.authority.authority_id == "issued-1"
    assert submitted.authority.name == "Ministère de l'Intérieur"
    assert submitted.authority.country == "TH"


@pytest.mark.parametrize("name", ["\u200b", " \u200b\u2060 ", "\u3000", "\ufeff\u200d"])
def test_a_name_of_only_spaces_or_invisible_characters_is_refused_naming_the_field(name: str) -> None:
    requester = Requester(name, AuthorityType.NATIONAL_GOVERNMENT, authority_id="issued-1")
    with pytest.raises(InvalidCommand) as refused:
        decide(AssistanceRequest(), submission(co_requesters=(requester,)), NOW)
    assert (refused.value.code, refused.value.field) == ("VALIDATION_ERROR", "co_requesters.0.name")


FACTS_COUNTRIES = {
    "TH": Region.ASIA, "PE": Region.LATIN_AMERICA_CARIBBEAN, "PH": Region.ASIA, "ID": Region.ASIA, "VN": Region.ASIA,
    "BJ": Region.AFRICA, "GW": Region.AFRICA, "TG": Region.AFRICA, "BY": Region.EU_NEIGHBOURHOOD,
    "CR": Region.LATIN_AMERICA_CARIBBEAN, "CV": Region.AFRICA, "KE": Region.AFRICA, "MX": Region.LATIN_AMERICA_CARIBBEAN,
    "JO": Region.EU_NEIGHBOURHOOD, "MU": Region.AFRICA, "MW": Region.AFRICA, "MG": Region.AFRICA,
    "BR": Region.LATIN_AMERICA_CARIBBEAN, "SL": Region.AFRICA, "CI": Region.AFRICA, "LA": Region.ASIA, "KG": Region.ASIA,
    "NE": Region.AFRICA, "GH": Region.AFRICA, "EC": Region.LATIN_AMERICA_CARIBBEAN, "MM": Region.ASIA, "TJ": Region.ASIA,
    "TL": Region.ASIA, "MD": Region.EU_NEIGHBOURHOOD, "BI": Region.AFRICA, "CD": Region.AFRICA, "ML": Region.AFRICA,
    "RW": Region.AFRICA, "NG": Region.AFRICA, "PY": Region.LATIN_AMERICA_CARIBBEAN, "AR": Region.LATIN_AMERICA_CARIBBEAN,
    "BO": Region.LATIN_AMERICA_CARIBBEAN, "CL": Region.LATIN_AMERICA_CARIBBEAN, "SN": Region.AFRICA, "ZM": Region.AFRICA,
    "DO": Region.LATIN_AMERICA_CARIBBEAN, "JM": Region.LATIN_AMERICA_CARIBBEAN,
}  # fmt: skip


def test_every_partner_country_of_the_case_studies_is_in_the_reference_table() -> None:
    for code, region in FACTS_COUNTRIES.items():
        found = country(code)
        assert found is not None and found.is_partner, code
        assert found.region is region, code


def test_the_reference_table_holds_every_iso_country_and_no_eu_member_state_as_partner() -> None:
    table = all_countries()
    assert len(table) == 249
    for code in ("FR", "DE", "IT", "ES", "PL", "SE", "AT", "BE"):
        found = country(code)
        assert found is not None and not found.is_partner
