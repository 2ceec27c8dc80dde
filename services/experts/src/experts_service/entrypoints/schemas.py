"""The HTTP API's bodies: the command bodies this service publishes (`contracts.bodies.experts`), and how the
personal data and the profile they carry become the domain's."""

from __future__ import annotations

from contracts.bodies.experts import (
    ActionIdsBody,
    ActivityIdsBody,
    CancellationBody,
    ConfirmationBody,
    DeclineBody,
    ErasureBody,
    EvaluationBody,
    ExpertIdsBody,
    FormerFocalPointBody,
    IdsBody,
    PersonalDataIn,
    ProfileIn,
    ProposeBody,
    ReactivationBody,
    RegisterExpertBody,
    SuspensionBody,
    UpdateProfileBody,
)
from contracts.events.experts import ExpertProfile

from experts_service.adapters.personal_data import PersonalData
from experts_service.domain.profiles import GOVERNMENTAL

__all__ = [
    "ActionIdsBody",
    "ActivityIdsBody",
    "CancellationBody",
    "ConfirmationBody",
    "DeclineBody",
    "ErasureBody",
    "EvaluationBody",
    "ExpertIdsBody",
    "FormerFocalPointBody",
    "IdsBody",
    "PersonalDataIn",
    "ProfileIn",
    "ProposeBody",
    "ReactivationBody",
    "RegisterExpertBody",
    "SuspensionBody",
    "UpdateProfileBody",
    "personal_data_of",
    "profile_of",
]


def personal_data_of(body: PersonalDataIn) -> PersonalData:
    return PersonalData(body.full_name, body.email, body.phone, body.organisation, body.cv_text)


def profile_of(body: ProfileIn) -> ExpertProfile:
    """`governmental` follows from the category."""
    return ExpertProfile(
        category=body.category,
        nationality=body.nationality,
        member_state=body.member_state,
        governmental=body.category in GOVERNMENTAL,
        administration_level=body.administration_level,
        sector=body.sector,
        expertise=tuple(body.expertise),
        languages=tuple(body.languages),
        certifications=tuple(body.certifications),
        availability=tuple(body.availability),
    )
