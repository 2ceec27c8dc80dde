"""The committed gateway/schema.graphql is what the code serves, and no change to it breaks a client."""

from __future__ import annotations

from gateway.export_schema import SCHEMA_FILE, breaking_changes, render


def test_the_code_makes_no_breaking_change_to_the_published_schema() -> None:
    breaks = breaking_changes(SCHEMA_FILE.read_text(), render())
    assert breaks == [], "breaking changes to gateway/schema.graphql:\n" + "\n".join(breaks)


def test_the_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == render(), "gateway/schema.graphql is out of date: run `make schemas`"


def test_a_removed_field_or_a_changed_type_counts_as_breaking() -> None:
    old = "type Query { action(id: ID!): Action }\ntype Action { id: ID! code: String! label: String }"
    new = "type Query { action(id: ID!): Action }\ntype Action { id: ID! code: Int! }"
    found = breaking_changes(old, new)
    assert any("FIELD_REMOVED" in change and "label" in change for change in found)
    assert any("FIELD_CHANGED_KIND" in change and "code" in change for change in found)
    assert breaking_changes(old, old + "\nextend type Action { phase: String }") == []


def test_the_enums_use_the_documented_codes() -> None:
    schema = render()
    for code in (
        "AFRICA",
        "ASIA",
        "EU_NEIGHBOURHOOD",
        "LATIN_AMERICA_CARIBBEAN",
        "IRREGULAR_MIGRATION_THB",
        "LEGAL_MIGRATION_MOBILITY",
        "MIGRATION_DEVELOPMENT",
        "INTERNATIONAL_PROTECTION_ASYLUM",
        "HORIZONTAL",
        "NATIONAL_GOVERNMENT",
        "CIVIL_SOCIETY",
        "JUDICIAL_AUTHORITY",
    ):
        assert f"  {code}\n" in schema
