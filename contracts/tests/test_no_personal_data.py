"""No personal data on the stream (DESIGN §5): no published field may be named like personal data.

Names, e-mails, CVs, contact details and anything typed freely by participants live in the owning service's
tables only; events carry ids and non-identifying attributes. This guards the field names of every published
event, nested models included; the end-to-end suite scans the values published.
"""

from __future__ import annotations

import re
from typing import Any

from contracts.base import DomainEvent
from contracts.registry import EventRegistry
from pydantic import BaseModel, ConfigDict

from contracts.schemas import event_schema

# A field is suspect when one of its words (snake_case or camelCase) is one of these...
PERSONAL_WORDS = frozenset(
    {
        "name", "names", "firstname", "lastname", "surname", "fullname", "forename", "nickname", "username",
        "email", "mail", "phone", "telephone", "mobile", "fax", "contact", "address", "street", "postcode",
        "zipcode", "birth", "birthday", "birthdate", "dob", "passport", "signature", "photo", "ip",
        "cv", "resume", "biography", "bio",
        "comment", "comments", "note", "notes", "remark", "remarks", "message", "messages", "text",
    }
)  # fmt: skip
# ...or when its name, without separators, contains one of these.
PERSONAL_FRAGMENTS = ("email", "phone", "birth", "passport", "firstname", "lastname", "surname", "fullname")

# Fields that look personal but are not, each with the reason. Keys are `Model.field` (the model is the
# event or the nested model that declares the field) or a bare field name allowed everywhere.
# Institutions are not persons: their names are published on purpose.
ALLOWED_FIELDS: dict[str, str] = {
    "authority_name": "the name of a public authority, an institution",
    "RequestingAuthority.name": "the name of the requesting institution (ministry, agency), not of a person",
    "EligibilityReason.message": "a sentence generated from the eligibility rules, never typed by a person",
}


def words(field: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field)
    return [word for word in re.split(r"[_\W]+", spaced.lower()) if word]


def looks_personal(field: str) -> bool:
    compact = "".join(words(field))
    return bool(PERSONAL_WORDS.intersection(words(field))) or any(f in compact for f in PERSONAL_FRAGMENTS)


def personal_data_fields(schema: dict[str, Any]) -> list[str]:
    """`Model.field` of every property of an event schema (and its nested models) named like personal data."""
    models = {schema["title"]: schema, **schema.get("$defs", {})}
    return [
        f"{model}.{field}"
        for model, definition in models.items()
        for field in definition.get("properties", {})
        if looks_personal(field) and f"{model}.{field}" not in ALLOWED_FIELDS and field not in ALLOWED_FIELDS
    ]


def test_no_published_event_has_a_field_named_like_personal_data(published: EventRegistry) -> None:
    found = {cls.ce_type(): personal_data_fields(event_schema(cls)) for cls in published.classes}
    found = {ce_type: fields for ce_type, fields in found.items() if fields}
    assert not found, (
        f"personal data must not be published (DESIGN §5): {found}. Keep it in the service's tables and publish "
        "an id; if the field is not personal, add it to ALLOWED_FIELDS with the reason."
    )


def test_personal_field_names_are_recognised_in_any_spelling() -> None:
    for field in ["name", "first_name", "lastName", "email", "e_mail", "contactEmail", "phone_number", "cv",
                  "home_address", "date_of_birth", "dateOfBirth", "comment", "free_text", "notes", "passport_no"]:  # fmt: skip
        assert looks_personal(field), field


def test_ids_and_non_identifying_attributes_are_not_suspect() -> None:
    for field in ["expert_id", "nationality", "member_state", "expertise", "category", "region", "country",
                  "thematic_area", "received_on", "authority_type", "focal_point_id", "renamed", "acronym"]:  # fmt: skip
        assert not looks_personal(field), field


def test_the_scan_reaches_nested_models_and_honours_the_allow_list() -> None:
    class Participant(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        participant_id: str
        first_name: str

    class RequestingAuthority(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        name: str

    class FeedbackGiven(DomainEvent):
        service = "feedback"
        participant: Participant
        authority: RequestingAuthority
        authority_name: str
        free_text: str

    assert personal_data_fields(event_schema(FeedbackGiven)) == ["FeedbackGiven.free_text", "Participant.first_name"]
