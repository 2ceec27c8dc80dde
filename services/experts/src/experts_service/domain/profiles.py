"""Rules of an expert profile beyond its shape: category, member state, administration, duplicates (R16)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from contracts.events.experts import EU_MEMBER_STATES, ExpertCategory, ExpertProfile, Sector
from contracts.reference import is_iso_code

from experts_service.domain import errors as e

GOVERNMENTAL = frozenset({ExpertCategory.EU_MS_GOVERNMENTAL, ExpertCategory.NON_EU_GOVERNMENTAL})


def _invalid(code: str, message: str, field: str) -> e.InvalidCommand:
    return e.InvalidCommand(code, message, f"profile.{field}")


def _no_duplicates(values: Iterable[Hashable], field: str) -> None:
    seen: set[Hashable] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise _invalid(e.DUPLICATE_ENTRY, f"{field}: {value} is listed twice", f"{field}.{index}")
        seen.add(value)


def check_profile(profile: ExpertProfile) -> None:
    """Raise InvalidCommand (422, naming the field) unless the profile is consistent."""
    for field in ("nationality", "member_state"):
        code = getattr(profile, field)
        if code is not None and not is_iso_code(code):
            raise _invalid(e.UNKNOWN_COUNTRY, f"{field}: {code} is not an ISO 3166-1 country code", field)
    category, member_state = profile.category, profile.member_state
    if category is ExpertCategory.EU_MS_GOVERNMENTAL and member_state is None:
        raise _invalid(e.INVALID_PROFILE, "member_state: required for an EU Member State official", "member_state")
    if category is ExpertCategory.NON_EU_GOVERNMENTAL and member_state is not None:
        raise _invalid(e.INVALID_PROFILE, "member_state: must be empty for a non-EU official", "member_state")
    if member_state is not None and member_state not in EU_MEMBER_STATES:
        raise _invalid(
            e.NOT_AN_EU_MEMBER_STATE, f"member_state: {member_state} is not an EU Member State", "member_state"
        )
    governmental = category in GOVERNMENTAL
    if profile.governmental != governmental:
        raise _invalid(
            e.INVALID_PROFILE, f"governmental: must be {str(governmental).lower()} for {category}", "governmental"
        )
    if governmental and profile.administration_level is None:
        raise _invalid(
            e.INVALID_PROFILE, "administration_level: required for a governmental expert", "administration_level"
        )
    if not governmental and profile.administration_level is not None:
        raise _invalid(e.INVALID_PROFILE, "administration_level: only for governmental experts", "administration_level")
    if governmental and profile.sector is not Sector.PUBLIC:
        raise _invalid(e.INVALID_PROFILE, "sector: a governmental expert works in the PUBLIC sector", "sector")
    _no_duplicates((area.thematic_area for area in profile.expertise), "expertise")
    _no_duplicates((skill.language for skill in profile.languages), "languages")
    _no_duplicates(profile.certifications, "certifications")
    for index, window in enumerate(profile.availability):
        if window.available_to < window.available_from:
            raise _invalid(
                e.INVALID_DATE_RANGE, "availability: available_to is before available_from", f"availability.{index}"
            )
