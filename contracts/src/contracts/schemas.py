"""JSON Schema of every event type: generate, detect drift, refuse breaking changes within a version.

    python -m contracts.schemas write [--allow-removal] [--allow-breaking]    (what `make schemas` runs)
    python -m contracts.schemas check                                         (exit 1 and a list on drift)

Every function takes the registry and the paths as parameters; the command line uses the defaults
(`contracts.events.default_registry()`, `contracts/schemas/`, `docs/event-catalogue.md`). Besides the schemas
(`contracts.revisions`: latest file, immutable revisions, index) `write` produces the AsyncAPI document
`contracts/schemas/asyncapi.json` (`contracts.asyncapi`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from contracts import asyncapi
from contracts.base import DomainEvent
from contracts.catalogue import render_catalogue
from contracts.compatibility import compatibility as compatibility  # re-exported: contracts.schemas.compatibility
from contracts.dataclassification import classification_of
from contracts.envelope import dataschema_for
from contracts.registry import EventRegistry
from contracts.revisions import ASYNCAPI, INDEX, altered_revisions, index, publish, read_revisions, render
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


def _open_content(schema: Any) -> Any:
    """Drop `additionalProperties: false` everywhere: a consumer validating with this schema must keep
    accepting later events of the same version, which may carry new optional fields (FORWARD)."""
    if isinstance(schema, dict):
        return {k: _open_content(v) for k, v in schema.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(schema, list):
        return [_open_content(item) for item in schema]
    return schema


def event_schema(cls: type[DomainEvent]) -> Schema:
    """The JSON Schema of one event class (validation mode: what a reader accepts), open for additions."""
    schema: Schema = _open_content(cls.model_json_schema())
    schema.update(
        {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": dataschema_for(cls.schema_path()),
            "title": cls.event_name,
            "x-ce-type": cls.ce_type(),
            "x-data-classification": classification_of(cls).value,
            "x-event-version": cls.event_version,
            "x-service": cls.service,
            "x-topic": service_topic(cls.service),
        }
    )
    return schema


def generate(registry: EventRegistry) -> dict[str, Schema]:
    """Schema of every registered class (every version), by path relative to the schemas folder."""
    return {cls.schema_path(): event_schema(cls) for cls in registry.classes}


def read_committed(schemas_dir: Path) -> dict[str, Schema]:
    """The latest schema file of every version on disk, by path relative to `schemas_dir`."""
    found: dict[str, Schema] = {}
    for file in sorted(schemas_dir.glob("*/*.json")):
        try:
            found[file.relative_to(schemas_dir).as_posix()] = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise SchemaChangeRefused([f"{file}: not valid JSON ({exc}); restore it from git"]) from exc
    return found


def _committed_revisions(schemas_dir: Path) -> dict[str, dict[int, Schema]]:
    try:
        return read_revisions(schemas_dir)
    except ValueError as exc:
        raise SchemaChangeRefused([str(exc)]) from exc


def catalogue_text(latest: Mapping[str, Schema], schemas_dir: Path, catalogue: Path) -> str:
    link_base = Path(os.path.relpath(schemas_dir, catalogue.parent)).as_posix() + "/"
    return render_catalogue(latest, schema_link_base=link_base)


def outputs(registry: EventRegistry, schemas_dir: Path, catalogue: Path) -> dict[Path, str]:
    """Every generated file and its content: latest schemas, revisions (new and kept), index, AsyncAPI
    document, catalogue."""
    latest, revisions = publish(generate(registry), _committed_revisions(schemas_dir))
    files = {schemas_dir / path: render(schema) for path, schema in {**latest, **revisions}.items()}
    files[schemas_dir / INDEX] = render(index(latest, revisions))
    files[schemas_dir / ASYNCAPI] = render(asyncapi.document(latest))
    files[catalogue] = catalogue_text(latest, schemas_dir, catalogue)
    return files


# --- compatibility between committed and generated -------------------------------------------------


def vanished(generated: Mapping[str, Schema], committed: Mapping[str, Schema]) -> list[str]:
    """Committed schema files whose (service, event, version) no event class has any more."""
    return [
        f"{path}: committed, but no event class has this type any more; removing a published type is a "
        "breaking change (pass --allow-removal only if it was never released)"
        for path in sorted(committed.keys() - generated.keys())
    ]


def breaking_changes(
    generated: Mapping[str, Schema],
    committed: Mapping[str, Schema],
    revisions: Mapping[str, Mapping[int, Schema]] | None = None,
) -> list[str]:
    """Every change from a committed schema (the latest file and each published revision) to the code's
    schema of the same version that is not FULL compatible (FULL_TRANSITIVE, in Confluent's terms)."""
    problems: list[str] = []
    for path in sorted(generated):
        published = (revisions or {}).get(path) or ({0: committed[path]} if path in committed else {})
        changes = [
            change for _, schema in sorted(published.items()) for change in compatibility(schema, generated[path])
        ]
        problems.extend(
            f"{path}: {change} (a breaking change needs a new version with an upcaster)"
            for change in dict.fromkeys(changes)
        )
    return problems


def check(registry: EventRegistry, schemas_dir: Path, catalogue: Path) -> list[str]:
    """Everything that differs between the code and the committed files; empty when all is current."""
    generated = generate(registry)
    committed = read_committed(schemas_dir)
    problems = vanished(generated, committed) + altered_revisions(schemas_dir)
    problems += breaking_changes(generated, committed, _committed_revisions(schemas_dir))
    for file, text in sorted(outputs(registry, schemas_dir, catalogue).items()):
        shown = file.relative_to(schemas_dir).as_posix() if file.is_relative_to(schemas_dir) else str(file)
        if not file.is_file():
            problems.append(f"{shown}: missing; {REGENERATE}")
        elif file.read_text(encoding="utf-8") != text:
            problems.append(f"{shown}: {'out of date' if file == catalogue else 'differs from the code'}; {REGENERATE}")
    return problems


def write(
    registry: EventRegistry,
    schemas_dir: Path,
    catalogue: Path,
    *,
    allow_removal: bool = False,
    allow_breaking: bool = False,
) -> list[Path]:
    """Regenerate the schema files, the index, the AsyncAPI document and the catalogue; returns the files
    changed or deleted. Published revisions are never rewritten: a changed schema becomes a new revision.

    Refuses (SchemaChangeRefused, nothing written) to drop a committed type, to break one within its
    version, or to go on over an altered published revision, unless explicitly allowed.
    """
    generated = generate(registry)
    committed = read_committed(schemas_dir)
    gone = vanished(generated, committed)
    breaks = breaking_changes(generated, committed, _committed_revisions(schemas_dir))
    refused = ([] if allow_removal else gone) + ([] if allow_breaking else breaks) + altered_revisions(schemas_dir)
    if refused:
        raise SchemaChangeRefused(refused)
    changed: list[Path] = []
    for path in sorted(committed.keys() - generated.keys()):
        folder = schemas_dir / path.removesuffix(".json")
        for file in [schemas_dir / path, *sorted(folder.glob("*.json"))]:
            file.unlink()
            changed.append(file)
        for empty in (folder, (schemas_dir / path).parent):
            if empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
    for file, text in sorted(outputs(registry, schemas_dir, catalogue).items()):
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
