"""Immutable revisions of every event schema, the `latest` file of each version, and the index.

Layout under contracts/schemas/ (also served by the gateway under /contracts/, the path `ce_dataschema`
names):

    <service>/<Event>.v<N>.json        the newest revision of version N: what `ce_dataschema` points to
    <service>/<Event>.v<N>/<K>.json    revision K, never changed once published: what a consumer pins
    index.json                         every type with its classification, revisions and their SHA-256

A new revision is published whenever the code's schema of a version differs from its newest revision
(a new optional field, a new description); within a version every revision is FULL compatible with all
earlier ones (contracts.compatibility), so any of them validates every event of that version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contracts.envelope import dataschema_for

Schema = dict[str, Any]
INDEX = "index.json"
ASYNCAPI = "asyncapi.json"


def published_dir() -> Path:
    """contracts/schemas/ of a workspace checkout, or the copy a built wheel carries as contracts/published."""
    packaged = Path(__file__).parent / "published"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "schemas"


def render(schema: Schema) -> str:
    """Deterministic file content: sorted keys, two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def revision_path(path: str, revision: int) -> str:
    """`actions/ActionOpened.v1.json`, 3 -> `actions/ActionOpened.v1/3.json`."""
    return f"{path.removesuffix('.json')}/{revision}.json"


def read_revisions(schemas_dir: Path) -> dict[str, dict[int, Schema]]:
    """Committed revisions, by the path of their version's latest file, then by revision number."""
    found: dict[str, dict[int, Schema]] = {}
    for file in sorted(schemas_dir.glob("*/*.v*/*.json")):
        if not file.stem.isdigit():
            continue
        path = f"{file.parent.parent.name}/{file.parent.name}.json"
        try:
            found.setdefault(path, {})[int(file.stem)] = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(f"{file}: not valid JSON ({exc}); restore it from git") from exc
    return found


def _content(schema: Schema) -> Schema:
    """What two revisions are compared by: everything but the address and the number."""
    return {key: value for key, value in schema.items() if key not in ("$id", "x-revision")}


def publish(
    generated: Mapping[str, Schema], committed: Mapping[str, Mapping[int, Schema]]
) -> tuple[dict[str, Schema], dict[str, Schema]]:
    """(latest file by path, every revision by revision path): committed revisions kept as they are, plus a
    new revision for each version whose code schema differs from its newest revision."""
    latest: dict[str, Schema] = {}
    revisions: dict[str, Schema] = {}
    for path, schema in sorted(generated.items()):
        known = dict(committed.get(path, {}))
        newest = max(known, default=0)
        if not known or _content(known[newest]) != _content(schema):
            newest += 1
            known[newest] = {**schema, "$id": dataschema_for(revision_path(path, newest)), "x-revision": newest}
        revisions.update({revision_path(path, number): body for number, body in known.items()})
        # the code's schema keeps the fields in their declared order (the catalogue lists them so)
        latest[path] = {**schema, "$id": dataschema_for(path), "x-revision": newest}
    return latest, revisions


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def index(latest: Mapping[str, Schema], revisions: Mapping[str, Schema]) -> Schema:
    """The machine-readable catalogue: every event type and version, where its schemas are, and their hashes."""
    events = []
    for path, schema in sorted(latest.items()):
        numbers = sorted(
            int(rev.rsplit("/", 1)[1].removesuffix(".json")) for rev in revisions if rev.startswith(path[:-5] + "/")
        )
        events.append(
            {
                "type": schema["x-ce-type"],
                "service": schema["x-service"],
                "event": schema["title"],
                "version": schema["x-event-version"],
                "topic": schema["x-topic"],
                "dataclassification": schema["x-data-classification"],
                "schema": schema["$id"],
                "revisions": [
                    {
                        "revision": number,
                        "schema": dataschema_for(revision_path(path, number)),
                        "sha256": digest(render(revisions[revision_path(path, number)])),
                    }
                    for number in numbers
                ],
            }
        )
    return {"asyncapi": dataschema_for(ASYNCAPI), "events": events}


def altered_revisions(schemas_dir: Path) -> list[str]:
    """Revision files whose content no longer matches the hash the committed index published for them."""
    index_file = schemas_dir / INDEX
    if not index_file.is_file():
        return []
    problems = []
    for event in json.loads(index_file.read_text(encoding="utf-8")).get("events", []):
        for revision in event.get("revisions", []):
            relative = str(revision["schema"]).split("/contracts/", 1)[-1]
            file = schemas_dir / relative
            if not file.is_file():
                problems.append(f"{relative}: a published revision was deleted; restore it from git")
            elif digest(file.read_text(encoding="utf-8")) != revision["sha256"]:
                problems.append(f"{relative}: a published revision was changed; restore it from git")
    return problems
