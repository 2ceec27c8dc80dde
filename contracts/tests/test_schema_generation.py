"""`python -m contracts.schemas write|check`, run on the core's sample events in a scratch folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from contracts.base import DomainEvent
from contracts.registry import EventRegistry
from service_core.testing.sample import CounterLabelled, CounterLabelledV1

from contracts.schemas import SchemaChangeRefused, check, main, write


class Paths:
    def __init__(self, root: Path) -> None:
        self.schemas = root / "contracts" / "schemas"
        self.catalogue = root / "docs" / "event-catalogue.md"

    def args(self, command: str, *extra: str) -> list[str]:
        return [command, "--schemas-dir", str(self.schemas), "--catalogue", str(self.catalogue), *extra]


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path)


def counter_incremented(**fields: object) -> type[DomainEvent]:
    """Another definition of the sample's CounterIncremented.v1 (same name, same version).

    A field given `...` is a required integer; any other value is the default of an optional field.
    """
    annotations = {name: type(default) for name, default in fields.items() if default is not ...}
    annotations.update({name: int for name, default in fields.items() if default is ...})
    namespace = {"__annotations__": annotations, "service": "sample", "event_name": "CounterIncremented"}
    namespace.update({name: default for name, default in fields.items() if default is not ...})
    return type("CounterIncremented", (DomainEvent,), namespace)


def test_write_creates_one_schema_per_event_version(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)

    files = sorted(p.relative_to(paths.schemas).as_posix() for p in paths.schemas.rglob("*.json"))
    assert files == [
        "asyncapi.json",
        "index.json",
        "sample/CounterIncremented.v1.json",
        "sample/CounterIncremented.v1/1.json",
        "sample/CounterLabelled.v1.json",
        "sample/CounterLabelled.v1/1.json",
        "sample/CounterLabelled.v2.json",
        "sample/CounterLabelled.v2/1.json",
    ]
    v1 = json.loads((paths.schemas / "sample/CounterLabelled.v1.json").read_text())
    assert v1["$id"] == "https://schemas.mieux.eu/contracts/sample/CounterLabelled.v1.json"
    assert v1["title"] == "CounterLabelled"
    assert v1["x-ce-type"] == "eu.mieux.sample.CounterLabelled.v1"
    assert v1["x-revision"] == 1 and v1["x-data-classification"] == "internal"
    assert v1["required"] == ["label"] and "additionalProperties" not in v1  # open for additions
    revision = json.loads((paths.schemas / "sample/CounterLabelled.v1/1.json").read_text())
    assert revision["$id"] == "https://schemas.mieux.eu/contracts/sample/CounterLabelled.v1/1.json"
    assert {**revision, "$id": v1["$id"]} == v1


def test_written_files_are_deterministic(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    first = {p: p.read_bytes() for p in [*paths.schemas.rglob("*.json"), paths.catalogue]}

    assert write(sample, paths.schemas, paths.catalogue) == []
    assert {p: p.read_bytes() for p in first} == first
    text = (paths.schemas / "sample/CounterLabelled.v2.json").read_text()
    assert text.endswith("}\n")
    assert list(json.loads(text)) == sorted(json.loads(text))


def test_check_is_clean_right_after_write(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    assert check(sample, paths.schemas, paths.catalogue) == []


def test_check_reports_edited_and_missing_schemas_and_a_stale_catalogue(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    edited = paths.schemas / "sample/CounterLabelled.v2.json"
    edited.write_text(edited.read_text().replace('"type": "object"', '"type": "object", "x": 1'))
    (paths.schemas / "sample/CounterIncremented.v1.json").unlink()
    paths.catalogue.write_text("# hand-written\n")

    assert check(sample, paths.schemas, paths.catalogue) == [
        "sample/CounterIncremented.v1.json: missing; run `make schemas`",
        "sample/CounterLabelled.v2.json: differs from the code; run `make schemas`",
        f"{paths.catalogue}: out of date; run `make schemas`",
    ]


def test_write_refuses_to_drop_a_committed_type(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    without_v1 = EventRegistry([*(c for c in sample.classes if c is not CounterLabelledV1)])

    with pytest.raises(SchemaChangeRefused) as refused:
        write(without_v1, paths.schemas, paths.catalogue)

    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith("sample/CounterLabelled.v1.json: committed, but no event class")
    assert (paths.schemas / "sample/CounterLabelled.v1.json").is_file()
    assert check(without_v1, paths.schemas, paths.catalogue)[0] == refused.value.problems[0]


def test_write_drops_a_vanished_type_when_removal_is_allowed(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    only_labelled = EventRegistry([CounterLabelledV1, CounterLabelled])

    write(only_labelled, paths.schemas, paths.catalogue, allow_removal=True)

    assert not (paths.schemas / "sample/CounterIncremented.v1.json").exists()
    assert check(only_labelled, paths.schemas, paths.catalogue) == []


def test_write_refuses_a_breaking_change_within_a_version(paths: Paths) -> None:
    write(EventRegistry([counter_incremented(by=...)]), paths.schemas, paths.catalogue)
    broken = EventRegistry([counter_incremented(by=..., reason=...)])

    with pytest.raises(SchemaChangeRefused) as refused:
        write(broken, paths.schemas, paths.catalogue)

    assert refused.value.problems == [
        "sample/CounterIncremented.v1.json: field 'reason' is a new required field "
        "(a breaking change needs a new version with an upcaster)"
    ]
    assert write(broken, paths.schemas, paths.catalogue, allow_breaking=True)
    assert (paths.schemas / "sample/CounterIncremented.v1/2.json").is_file()  # revision 1 stays as published


def test_write_accepts_a_new_optional_field_within_a_version(paths: Paths) -> None:
    write(EventRegistry([counter_incremented(by=...)]), paths.schemas, paths.catalogue)
    extended = EventRegistry([counter_incremented(by=..., channel="web")])

    first = (paths.schemas / "sample/CounterIncremented.v1/1.json").read_text()

    changed = write(extended, paths.schemas, paths.catalogue)

    assert paths.schemas / "sample/CounterIncremented.v1.json" in changed
    assert paths.schemas / "sample/CounterIncremented.v1/2.json" in changed
    assert (paths.schemas / "sample/CounterIncremented.v1/1.json").read_text() == first
    latest = json.loads((paths.schemas / "sample/CounterIncremented.v1.json").read_text())
    assert latest["x-revision"] == 2 and "channel" in latest["properties"]
    assert check(extended, paths.schemas, paths.catalogue) == []


def test_an_edited_published_revision_is_refused(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    revision = paths.schemas / "sample/CounterLabelled.v2/1.json"
    revision.write_text(revision.read_text().replace('"title": "CounterLabelled"', '"title": "Edited"'))
    expected = "sample/CounterLabelled.v2/1.json: a published revision was changed; restore it from git"

    assert expected in check(sample, paths.schemas, paths.catalogue)
    with pytest.raises(SchemaChangeRefused) as refused:
        write(sample, paths.schemas, paths.catalogue)
    assert refused.value.problems == [expected]


def test_a_deleted_published_revision_is_reported(sample: EventRegistry, paths: Paths) -> None:
    write(sample, paths.schemas, paths.catalogue)
    (paths.schemas / "sample/CounterLabelled.v2/1.json").unlink()

    assert "sample/CounterLabelled.v2/1.json: a published revision was deleted; restore it from git" in check(
        sample, paths.schemas, paths.catalogue
    )


def test_an_empty_registry_writes_a_catalogue_saying_no_events_yet(paths: Paths) -> None:
    write(EventRegistry(), paths.schemas, paths.catalogue)

    assert "No event types are published yet." in paths.catalogue.read_text()
    assert check(EventRegistry(), paths.schemas, paths.catalogue) == []


def test_the_command_line_checks_and_writes(
    sample: EventRegistry, paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(paths.args("check"), registry=sample) == 1
    assert "sample/CounterIncremented.v1.json: missing; run `make schemas`" in capsys.readouterr().err

    assert main(paths.args("write"), registry=sample) == 0
    assert main(paths.args("check"), registry=sample) == 0

    assert main(paths.args("write"), registry=EventRegistry()) == 1
    assert "refusing to write the event schemas" in capsys.readouterr().err
    assert main(paths.args("write", "--allow-removal"), registry=EventRegistry()) == 0
    assert sorted(p.name for p in paths.schemas.rglob("*.json")) == ["asyncapi.json", "index.json"]
