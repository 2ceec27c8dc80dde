"""The committed contracts/schemas/ and docs/event-catalogue.md against the code of contracts.events."""

from __future__ import annotations

import json

import jsonschema
from contracts.dataclassification import DECLARED, DataClassification
from contracts.registry import EventRegistry
from contracts.revisions import INDEX, altered_revisions, read_revisions, revision_path

from contracts.schemas import (
    DEFAULT_CATALOGUE,
    DEFAULT_SCHEMAS_DIR,
    breaking_changes,
    check,
    generate,
    read_committed,
    vanished,
)


def test_every_committed_file_is_what_make_schemas_writes(published: EventRegistry) -> None:
    problems = check(published, DEFAULT_SCHEMAS_DIR, DEFAULT_CATALOGUE)
    assert not problems, "run `make schemas` and commit:\n" + "\n".join(problems)


def test_no_committed_schema_belongs_to_a_vanished_type(published: EventRegistry) -> None:
    gone = vanished(generate(published), read_committed(DEFAULT_SCHEMAS_DIR))
    assert not gone, "\n".join(gone)


def test_the_code_is_full_compatible_with_every_published_revision(published: EventRegistry) -> None:
    breaks = breaking_changes(
        generate(published), read_committed(DEFAULT_SCHEMAS_DIR), read_revisions(DEFAULT_SCHEMAS_DIR)
    )
    assert not breaks, "\n".join(breaks)


def test_every_published_revision_is_unchanged_since_the_index_recorded_it() -> None:
    assert altered_revisions(DEFAULT_SCHEMAS_DIR) == []
    listed = json.loads((DEFAULT_SCHEMAS_DIR / INDEX).read_text())["events"]
    assert sum(len(event["revisions"]) for event in listed) == sum(
        len(found) for found in read_revisions(DEFAULT_SCHEMAS_DIR).values()
    )


def test_every_committed_schema_carries_its_id_type_and_classification() -> None:
    for path, schema in read_committed(DEFAULT_SCHEMAS_DIR).items():
        service, file = path.split("/")
        name, version = file.removesuffix(".json").rsplit(".v", 1)
        assert schema["$id"].endswith(f"/contracts/{path}")
        assert schema["x-ce-type"] == f"eu.mieux.{service}.{name}.v{version}"
        assert schema["x-data-classification"] == DECLARED[(service, name)].value
        newest = read_revisions(DEFAULT_SCHEMAS_DIR)[path][schema["x-revision"]]
        assert newest["$id"].endswith(f"/contracts/{revision_path(path, schema['x-revision'])}")


def test_every_published_event_type_declares_its_data_classification(published: EventRegistry) -> None:
    undeclared = [cls.ce_type() for cls in published.classes if (cls.service, cls.event_name) not in DECLARED]
    assert undeclared == []
    assert {(cls.service, cls.event_name) for cls in published.classes} == set(DECLARED)
    assert all(isinstance(level, DataClassification) for level in DECLARED.values())


def test_published_schemas_are_open_so_a_pinned_copy_accepts_later_additions(published: EventRegistry) -> None:
    """The forward-compatibility promise: a consumer's downloaded v1 schema accepts a v1 event with a field
    added in a later revision (no `additionalProperties: false` anywhere in a published schema)."""
    for path, schema in read_committed(DEFAULT_SCHEMAS_DIR).items():
        assert '"additionalProperties": false' not in json.dumps(schema), path
    pinned = read_revisions(DEFAULT_SCHEMAS_DIR)["actions/ActionCompleted.v1.json"][1]
    later_event = {
        "action_id": "a-1",
        "completed_on": "2025-06-30",
        "region": "AFRICA",
        "thematic_area": "HORIZONTAL",
        "phase": "MIEUX_PLUS",
        "activities_held": 6,
        "activities_cancelled": 0,
        "deliverables_count": 2,
        "added_in_a_later_revision": {"any": "shape"},
    }
    jsonschema.Draft202012Validator(pinned).validate(later_event)
    assert not jsonschema.Draft202012Validator(pinned).is_valid({**later_event, "region": "MARS"})
