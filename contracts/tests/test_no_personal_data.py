"""No personal data on the stream (docs/architecture.md), driven by the per-field classification (`contracts.classification`).

Every field of every published event, nested models included, is declared personal, internal or public; none
may be personal. A field *named* like personal data must be declared for its own model (`Model.field`, with
the reason), not merely by its name. Names, e-mails, CVs, contact details and anything typed freely by
participants live in the owning service's tables only; the end-to-end suite scans the values published.
"""

from __future__ import annotations

import re
from typing import Any

from contracts.base import DomainEvent
from contracts.classification import MODEL_FIELDS, PERSONAL_COLUMNS, Classification, classification_of
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


def words(field: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field)
    return [word for word in re.split(r"[_\W]+", spaced.lower()) if word]


def looks_personal(field: str) -> bool:
    compact = "".join(words(field))
    return bool(PERSONAL_WORDS.intersection(words(field))) or any(f in compact for f in PERSONAL_FRAGMENTS)


def fields_of(schema: dict[str, Any]) -> list[tuple[str, str]]:
    """(model, field) of every property of an event schema and of its nested models."""
    models = {schema["title"]: schema, **schema.get("$defs", {})}
    return [(model, field) for model, definition in models.items() for field in definition.get("properties", {})]


def personal_data_fields(schema: dict[str, Any]) -> list[str]:
    """`Model.field` of every property that is declared personal, or named like personal data without a
    declaration of its own model's field."""
    return [
        f"{model}.{field}"
        for model, field in fields_of(schema)
        if classification_of(model, field) is Classification.PERSONAL
        or (looks_personal(field) and f"{model}.{field}" not in MODEL_FIELDS)
    ]


def test_every_published_field_is_classified(published: EventRegistry) -> None:
    undeclared = sorted(
        {f"{model}.{field}" for cls in published.classes for model, field in fields_of(event_schema(cls))
         if classification_of(model, field) is None}
    )  # fmt: skip
    assert not undeclared, f"declare these fields in contracts/classification.py: {undeclared}"


def test_no_published_event_has_a_personal_field_or_one_named_like_it(published: EventRegistry) -> None:
    found = {cls.ce_type(): personal_data_fields(event_schema(cls)) for cls in published.classes}
    found = {ce_type: fields for ce_type, fields in found.items() if fields}
    assert not found, (
        f"personal data must not be published (docs/architecture.md): {found}. Keep it in the service's tables and publish "
        "an id; if the field is not personal, declare `Model.field` in contracts/classification.py with the reason."
    )


def test_the_personal_columns_named_there_exist_in_the_services_migrations() -> None:
    from importlib import resources

    for service, tables in PERSONAL_COLUMNS.items():
        package = resources.files(f"{service}_service") / "migrations"
        sql = " ".join(entry.read_text() for entry in package.iterdir() if entry.name.endswith(".sql"))
        for table, columns in tables.items():
            assert f"CREATE TABLE IF NOT EXISTS {table}" in sql, (service, table)
            for column in columns:
                assert re.search(rf"\b{column}\s+text\b", sql), (service, table, column)


def test_personal_field_names_are_recognised_in_any_spelling() -> None:
    for field in ["name", "first_name", "lastName", "email", "e_mail", "contactEmail", "phone_number", "cv",
                  "home_address", "date_of_birth", "dateOfBirth", "comment", "free_text", "notes", "passport_no"]:  # fmt: skip
        assert looks_personal(field), field


def test_ids_and_non_identifying_attributes_are_not_suspect() -> None:
    for field in ["expert_id", "nationality", "member_state", "expertise", "category", "region", "country",
                  "thematic_area", "received_on", "authority_type", "focal_point_id", "renamed", "acronym"]:  # fmt: skip
        assert not looks_personal(field), field


def test_the_scan_reaches_nested_models_and_honours_the_model_declarations() -> None:
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
        free_text: str

    assert personal_data_fields(event_schema(FeedbackGiven)) == ["FeedbackGiven.free_text", "Participant.first_name"]
