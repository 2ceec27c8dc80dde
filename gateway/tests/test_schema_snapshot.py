"""The committed gateway/schema.graphql is what the code serves (`make schemas` refreshes it)."""

from __future__ import annotations

from gateway.export_schema import SCHEMA_FILE, render


def test_the_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == render(), "gateway/schema.graphql is out of date: run `make schemas`"


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
