"""The committed contracts/schemas/ and docs/event-catalogue.md against the code of contracts.events."""

from __future__ import annotations

from contracts.registry import EventRegistry

from contracts.schemas import (
    DEFAULT_CATALOGUE,
    DEFAULT_SCHEMAS_DIR,
    breaking_changes,
    catalogue_text,
    generate,
    read_committed,
    render,
    vanished,
)


def test_committed_schemas_match_the_code(published: EventRegistry) -> None:
    generated = generate(published)
    drift = [
        path
        for path, schema in generated.items()
        if not (DEFAULT_SCHEMAS_DIR / path).is_file() or (DEFAULT_SCHEMAS_DIR / path).read_text() != render(schema)
    ]
    assert not drift, f"event schemas differ from the code, run `make schemas` and commit: {drift}"


def test_no_committed_schema_belongs_to_a_vanished_type(published: EventRegistry) -> None:
    gone = vanished(generate(published), read_committed(DEFAULT_SCHEMAS_DIR))
    assert not gone, "\n".join(gone)


def test_committed_schemas_stay_compatible_within_their_version(published: EventRegistry) -> None:
    breaks = breaking_changes(generate(published), read_committed(DEFAULT_SCHEMAS_DIR))
    assert not breaks, "\n".join(breaks)


def test_the_event_catalogue_is_current(published: EventRegistry) -> None:
    expected = catalogue_text(generate(published), DEFAULT_SCHEMAS_DIR, DEFAULT_CATALOGUE)
    assert DEFAULT_CATALOGUE.is_file(), f"{DEFAULT_CATALOGUE} is missing, run `make schemas`"
    assert DEFAULT_CATALOGUE.read_text() == expected, "the event catalogue is out of date, run `make schemas`"


def test_every_committed_schema_carries_its_id_and_type() -> None:
    for path, schema in read_committed(DEFAULT_SCHEMAS_DIR).items():
        service, file = path.split("/")
        name, version = file.removesuffix(".json").rsplit(".v", 1)
        assert schema["$id"].endswith(f"/contracts/{path}")
        assert schema["x-ce-type"] == f"eu.mieux.{service}.{name}.v{version}"
