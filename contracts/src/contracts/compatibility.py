"""The compatibility rule between two schemas of one event version (docs/architecture.md).

The modes are the Confluent Schema Registry's, read with its reader/writer terms:

- BACKWARD: a consumer on the **new** schema reads every event the **old** one accepted (upgrade consumers
  first);
- FORWARD: a consumer on the **old** schema reads every event the **new** one accepts (upgrade producers
  first; what a consumer that pinned a downloaded schema relies on);
- FULL: both. Within a version the platform requires FULL, against every published revision.

Schemas are open for additive change (no `additionalProperties: false`), so under FULL the only changes
within a version are new optional fields and new descriptions. A new enum value or a looser constraint is
BACKWARD but not FORWARD compatible: it needs a new version. A removed field breaks FORWARD as a rule of
the platform (consumers rely on what a version documents). `$ref`s are followed into `$defs`.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

Schema = dict[str, Any]


class Mode(StrEnum):
    BACKWARD = "BACKWARD"
    FORWARD = "FORWARD"
    FULL = "FULL"


def compatibility(old_schema: Schema, new_schema: Schema, mode: Mode = Mode.FULL) -> list[str]:
    """Human-readable breaking changes from `old_schema` to `new_schema` under `mode` (FULL by default)."""
    breaks: list[str] = []
    if mode in (Mode.BACKWARD, Mode.FULL):
        breaks += _Reading(reader=new_schema, writer=old_schema, reader_is_new=True).breaks()
    if mode in (Mode.FORWARD, Mode.FULL):
        breaks += _Reading(reader=old_schema, writer=new_schema, reader_is_new=False).breaks()
    return list(dict.fromkeys(breaks))  # a change that breaks both ways is reported once


_LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")
_UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
_EXACT = ("pattern", "multipleOf", "const")


def _label(path: str) -> str:
    return f"field '{path}'" if path else "the event"


def _kind(schema: Schema) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        return "|".join(sorted(kind))
    if isinstance(kind, str):
        return kind
    if "properties" in schema:
        return "object"
    if "const" in schema:
        return f"const {json.dumps(schema['const'])}"
    return "enum" if "enum" in schema else "any"


def _tighter(keyword: str, reader: Any, writer: Any) -> bool:
    if keyword in _EXACT:
        return bool(reader != writer)
    return bool(reader > writer) if keyword in _LOWER_BOUNDS else bool(reader < writer)


class _Reading:
    """Can a consumer validating with `reader` accept every document `writer` accepts?"""

    def __init__(self, reader: Schema, writer: Schema, *, reader_is_new: bool) -> None:
        self.reader_root, self.writer_root = reader, writer
        self.reader_is_new = reader_is_new
        self._breaks: list[str] = []
        self._refs_in_progress: set[tuple[str | None, str | None]] = set()

    def breaks(self) -> list[str]:
        self.compare(self.reader_root, self.writer_root, "")
        return self._breaks

    def old_new(self, reader: Any, writer: Any) -> tuple[Any, Any]:
        return (writer, reader) if self.reader_is_new else (reader, writer)

    def compare(self, reader: Schema, writer: Schema, path: str) -> None:
        refs = (reader.get("$ref"), writer.get("$ref"))
        if refs != (None, None):
            if refs in self._refs_in_progress:
                return  # a recursive model: this pair is already being compared further up
            self._refs_in_progress.add(refs)
        try:
            reader_branches = self._branches(reader, self.reader_root)
            writer_branches = self._branches(writer, self.writer_root)
            by_kind = {_kind(branch): branch for branch in reader_branches}
            matched = [by_kind.get(_kind(branch), by_kind.get("any")) for branch in writer_branches]
            if any(match is None for match in matched):
                old, new = self.old_new(reader_branches, writer_branches)
                self._breaks.append(
                    f"{_label(path)}: type changed from {' or '.join(_kind(b) for b in old)} "
                    f"to {' or '.join(_kind(b) for b in new)}"
                )
                return
            for match, branch in zip(matched, writer_branches, strict=True):
                if match is not None:
                    self._compare_one(match, branch, path)
        finally:
            self._refs_in_progress.discard(refs)

    def _branches(self, schema: Schema, root: Schema) -> list[Schema]:
        resolved = self._resolve(schema, root)
        alternatives = resolved.get("anyOf") or resolved.get("oneOf")
        if not alternatives:
            return [resolved]
        return [self._resolve(branch, root) for branch in alternatives]

    def _resolve(self, schema: Schema, root: Schema) -> Schema:
        for _ in range(64):
            ref = schema.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                target: Any = root
                for part in ref[2:].split("/"):
                    target = target[part]
                schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            elif len(schema.get("allOf", ())) == 1:
                schema = {**schema["allOf"][0], **{k: v for k, v in schema.items() if k != "allOf"}}
            else:
                break
        return schema

    def _compare_one(self, reader: Schema, writer: Schema, path: str) -> None:
        label = _label(path)
        if reader.get("format") != writer.get("format"):
            old, new = self.old_new(reader.get("format"), writer.get("format"))
            self._breaks.append(f"{label}: format changed from {old} to {new}")
        self._compare_enum(reader, writer, label)
        self._compare_constraints(reader, writer, label)
        if _kind(reader) == "object":
            self._compare_object(reader, writer, path)
        if _kind(reader) == "array":
            self._compare_array(reader, writer, path)

    def _compare_enum(self, reader: Schema, writer: Schema, label: str) -> None:
        if "enum" not in reader:
            return
        if "enum" not in writer:
            if self.reader_is_new:
                self._breaks.append(f"{label}: now restricted to the values {reader['enum']}")
            else:
                self._breaks.append(f"{label}: no longer restricted to the values {reader['enum']}")
            return
        unknown = [value for value in writer["enum"] if value not in reader["enum"]]
        if unknown:
            self._breaks.append(f"{label}: enum values {'removed' if self.reader_is_new else 'added'}: {unknown}")

    def _compare_constraints(self, reader: Schema, writer: Schema, label: str) -> None:
        for keyword in _LOWER_BOUNDS + _UPPER_BOUNDS + _EXACT:
            limit, given = reader.get(keyword), writer.get(keyword)
            if limit is None or limit == given:
                continue
            if given is None:
                if self.reader_is_new:
                    self._breaks.append(f"{label}: new constraint {keyword} = {json.dumps(limit)}")
                else:
                    self._breaks.append(f"{label}: constraint {keyword} = {json.dumps(limit)} dropped")
            elif _tighter(keyword, limit, given):
                old, new = self.old_new(limit, given)
                self._breaks.append(f"{label}: {keyword} changed from {json.dumps(old)} to {json.dumps(new)}")

    def _compare_object(self, reader: Schema, writer: Schema, path: str) -> None:
        reader_props: Schema = reader.get("properties", {})
        writer_props: Schema = writer.get("properties", {})
        writer_required = set(writer.get("required", ()))
        prefix = f"{path}." if path else ""
        for name in reader.get("required", ()):
            if name in writer_required:
                continue
            if self.reader_is_new:
                what = "became required" if name in writer_props else "is a new required field"
            else:
                what = "became optional" if name in writer_props else "removed"
            self._breaks.append(f"field '{prefix}{name}' {what}")
        if not self.reader_is_new:  # the platform's rule: what a version documents stays
            self._breaks.extend(f"field '{prefix}{name}' removed" for name in reader_props if name not in writer_props)
        extra = reader.get("additionalProperties", True)
        for name in writer_props:
            if name in reader_props:
                self.compare(reader_props[name], writer_props[name], prefix + name)
            elif extra is False:
                self._breaks.append(
                    f"field '{prefix}{name}' {'removed, and the new schema' if self.reader_is_new else 'added, but the old schema'} "
                    "rejects unknown fields"
                )
        given = writer.get("additionalProperties", True)
        if isinstance(extra, dict) and isinstance(given, dict):
            self.compare(extra, given, f"{prefix}*")
        elif extra is not True and extra != given:
            old, new = self.old_new(extra, given)
            self._breaks.append(
                f"{_label(path)}: additionalProperties changed from {json.dumps(old)} to {json.dumps(new)}"
            )

    def _compare_array(self, reader: Schema, writer: Schema, path: str) -> None:
        if isinstance(reader.get("items"), dict) and isinstance(writer.get("items"), dict):
            self.compare(reader["items"], writer["items"], f"{path}[]")
        elif reader.get("items") != writer.get("items"):
            self._breaks.append(f"{_label(path)}: items changed")
        reader_prefix, writer_prefix = reader.get("prefixItems", []), writer.get("prefixItems", [])
        if len(reader_prefix) != len(writer_prefix):
            old, new = self.old_new(len(reader_prefix), len(writer_prefix))
            self._breaks.append(f"{_label(path)}: tuple length changed from {old} to {new}")
        for index, (limit, given) in enumerate(zip(reader_prefix, writer_prefix, strict=False)):
            self.compare(limit, given, f"{path}[{index}]")
