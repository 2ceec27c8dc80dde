"""JSON Schema of every event type: generate, detect drift, refuse breaking changes within a version.

    python -m contracts.schemas write [--allow-removal] [--allow-breaking]    (what `make schemas` runs)
    python -m contracts.schemas check                                         (exit 1 and a list on drift)

Every function takes the registry and the paths as parameters; the command line uses the defaults
(`contracts.events.default_registry()`, `contracts/schemas/`, `docs/event-catalogue.md`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from contracts.base import DomainEvent
from contracts.catalogue import render_catalogue
from contracts.compatibility import compatibility as compatibility  # re-exported: contracts.schemas.compatibility
from contracts.envelope import dataschema_for
from contracts.registry import EventRegistry
from contracts.topics import service_topic

Schema = dict[str, Any]


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_CONTRACTS_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCHEMAS_DIR = _CONTRACTS_ROOT / "schemas"
DEFAULT_CATALOGUE = _CONTRACTS_ROOT.parent / "docs" / "event-catalogue.md"
REGENERATE = "run `make schemas`"


class SchemaChangeRefused(Exception):
    """`write` would delete a published type or break one within its version."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


# --- generation ------------------------------------------------------------------------------------


def event_schema(cls: type[DomainEvent]) -> Schema:
    """The JSON Schema of one event class (validation mode: what a reader accepts)."""
    schema = cls.model_json_schema()
    schema.update(
        {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": dataschema_for(cls.schema_path()),
            "title": cls.event_name,
            "x-ce-type": cls.ce_type(),
            "x-event-version": cls.event_version,
            "x-service": cls.service,
            "x-topic": service_topic(cls.service),
        }
    )
    return schema


def generate(registry: EventRegistry) -> dict[str, Schema]:
    """Schema of every registered class (every version), by path relative to the schemas folder."""
    return {cls.schema_path(): event_schema(cls) for cls in registry.classes}


def render(schema: Schema) -> str:
    """Deterministic file content: sorted keys, two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def read_committed(schemas_dir: Path) -> dict[str, Schema]:
    """The schema files on disk, by path relative to `schemas_dir`."""
    found: dict[str, Schema] = {}
    for file in sorted(schemas_dir.glob("*/*.json")):
        try:
            found[file.relative_to(schemas_dir).as_posix()] = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise SchemaChangeRefused([f"{file}: not valid JSON ({exc}); restore it from git"]) from exc
    return found


def catalogue_text(generated: Mapping[str, Schema], schemas_dir: Path, catalogue: Path) -> str:
    link_base = Path(os.path.relpath(schemas_dir, catalogue.parent)).as_posix() + "/"
    return render_catalogue(generated, schema_link_base=link_base)


# --- compatibility between committed and generated -------------------------------------------------


def vanished(generated: Mapping[str, Schema], committed: Mapping[str, Schema]) -> list[str]:
    """Committed schema files whose (service, event, version) no event class has any more."""
    return [
        f"{path}: committed, but no event class has this type any more; removing a published type is a "
        "breaking change (pass --allow-removal only if it was never released)"
        for path in sorted(committed.keys() - generated.keys())
    ]


def breaking_changes(generated: Mapping[str, Schema], committed: Mapping[str, Schema]) -> list[str]:
    """Every incompatible change from a committed schema to the code's schema of the same version."""
    problems: list[str] = []
    for path in sorted(committed.keys() & generated.keys()):
        problems.extend(
            f"{path}: {change} (a breaking change needs a new version with an upcaster)"
            for change in compatibility(committed[path], generated[path])
        )
    return problems


def check(registry: EventRegistry, schemas_dir: Path, catalogue: Path) -> list[str]:
    """Everything that differs between the code and the committed files; empty when all is current."""
    generated = generate(registry)
    committed = read_committed(schemas_dir)
    problems = vanished(generated, committed) + breaking_changes(generated, committed)
    for path, schema in sorted(generated.items()):
        file = schemas_dir / path
        if not file.is_file():
            problems.append(f"{path}: missing; {REGENERATE}")
        elif file.read_text(encoding="utf-8") != render(schema):
            problems.append(f"{path}: differs from the code; {REGENERATE}")
    expected = catalogue_text(generated, schemas_dir, catalogue)
    if not catalogue.is_file() or catalogue.read_text(encoding="utf-8") != expected:
        problems.append(f"{catalogue}: out of date; {REGENERATE}")
    return problems


def write(
    registry: EventRegistry,
    schemas_dir: Path,
    catalogue: Path,
    *,
    allow_removal: bool = False,
    allow_breaking: bool = False,
) -> list[Path]:
    """Regenerate the schema files and the catalogue; returns the files changed or deleted.

    Refuses (SchemaChangeRefused, nothing written) to drop a committed type or to break one within its
    version, unless explicitly allowed.
    """
    generated = generate(registry)
    committed = read_committed(schemas_dir)
    gone = vanished(generated, committed)
    refused = ([] if allow_removal else gone) + ([] if allow_breaking else breaking_changes(generated, committed))
    if refused:
        raise SchemaChangeRefused(refused)
    changed: list[Path] = []
    for path in sorted(committed.keys() - generated.keys()):
        file = schemas_dir / path
        file.unlink()
        changed.append(file)
        if not any(file.parent.iterdir()):
            file.parent.rmdir()
    outputs = {schemas_dir / path: render(schema) for path, schema in generated.items()}
    outputs[catalogue] = catalogue_text(generated, schemas_dir, catalogue)
    for file, text in sorted(outputs.items()):
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
            changed.append(file)
    return changed


# --- command line ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, registry: EventRegistry | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contracts.schemas", description="Event JSON Schemas.")
    parser.add_argument("command", choices=("write", "check"))
    parser.add_argument("--schemas-dir", type=Path, default=DEFAULT_SCHEMAS_DIR)
    parser.add_argument("--catalogue", type=Path, default=DEFAULT_CATALOGUE)
    parser.add_argument("--allow-removal", action="store_true", help="delete schemas of vanished types")
    parser.add_argument("--allow-breaking", action="store_true", help="overwrite incompatible schemas")
    args = parser.parse_args(argv)
    if registry is None:
        from contracts.events import default_registry

        registry = default_registry()
    try:
        if args.command == "check":
            problems = check(registry, args.schemas_dir, args.catalogue)
            if problems:
                print("event schemas drifted from the code:", *problems, sep="\n  ", file=sys.stderr)
                return 1
            print(f"{len(registry.classes)} event schemas and the catalogue are current")
            return 0
        changed = write(
            registry,
            args.schemas_dir,
            args.catalogue,
            allow_removal=args.allow_removal,
            allow_breaking=args.allow_breaking,
        )
    except SchemaChangeRefused as refused:
        print("refusing to write the event schemas:", *refused.problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"{len(registry.classes)} event schemas; {len(changed)} file(s) changed", *changed, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
