"""The compatibility rule for event schemas within one version (DESIGN §5)."""

from __future__ import annotations

import json
from typing import Any

Schema = dict[str, Any]


def compatibility(old_schema: Schema, new_schema: Schema) -> list[str]:
    """Human-readable breaking changes from `old_schema` to `new_schema` of the same event version.

    Within a version (DESIGN §5) every document the old schema accepted must stay valid, and nothing a
    consumer relies on may disappear or change meaning. Allowed: new optional fields, new enum values,
    looser constraints, new descriptions. Breaking: a field removed, a field made required, a new
    required field, a changed JSON type (also nullability), a changed format, enum values removed,
    tighter constraints, a changed `additionalProperties`. `$ref`s are followed into `$defs`.
    """
    checker = _Compatibility(old_schema, new_schema)
    checker.compare(old_schema, new_schema, "")
    return checker.breaks


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


class _Compatibility:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self.old_root, self.new_root = old_root, new_root
        self.breaks: list[str] = []
        self._refs_in_progress: set[tuple[str | None, str | None]] = set()

    def compare(self, old: Schema, new: Schema, path: str) -> None:
        refs = (old.get("$ref"), new.get("$ref"))
        if refs != (None, None):
            if refs in self._refs_in_progress:
                return  # a recursive model: this pair is already being compared further up
            self._refs_in_progress.add(refs)
        try:
            old_branches = self._branches(old, self.old_root)
            new_branches = self._branches(new, self.new_root)
            if len(old_branches) == 1 and len(new_branches) == 1:
                self._compare_one(old_branches[0], new_branches[0], path)
            else:
                self._compare_alternatives(old_branches, new_branches, path)
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

    def _compare_alternatives(self, old: list[Schema], new: list[Schema], path: str) -> None:
        old_kinds, new_kinds = [_kind(b) for b in old], [_kind(b) for b in new]
        if sorted(old_kinds) != sorted(new_kinds):
            self.breaks.append(
                f"{_label(path)}: type changed from {' or '.join(old_kinds)} to {' or '.join(new_kinds)}"
            )
            return
        remaining = list(zip(new_kinds, new, strict=True))
        for kind, branch in zip(old_kinds, old, strict=True):
            index = next(i for i, (k, _) in enumerate(remaining) if k == kind)
            self.compare(branch, remaining.pop(index)[1], path)

    def _compare_one(self, old: Schema, new: Schema, path: str) -> None:
        label = _label(path)
        if _kind(old) != _kind(new):
            self.breaks.append(f"{label}: type changed from {_kind(old)} to {_kind(new)}")
            return
        if old.get("format") != new.get("format"):
            self.breaks.append(f"{label}: format changed from {old.get('format')} to {new.get('format')}")
        if "enum" in new:
            if "enum" not in old:
                self.breaks.append(f"{label}: now restricted to the values {new['enum']}")
            else:
                removed = [value for value in old["enum"] if value not in new["enum"]]
                if removed:
                    self.breaks.append(f"{label}: enum values removed: {removed}")
        self._compare_constraints(old, new, label)
        if _kind(old) == "object":
            self._compare_object(old, new, path)
        if _kind(old) == "array":
            self._compare_array(old, new, path)

    def _compare_constraints(self, old: Schema, new: Schema, label: str) -> None:
        for keyword in _LOWER_BOUNDS + _UPPER_BOUNDS + _EXACT:
            was, now = old.get(keyword), new.get(keyword)
            if now is None or was == now:
                continue  # unchanged, or the constraint was dropped (looser)
            if was is None:
                self.breaks.append(f"{label}: new constraint {keyword} = {json.dumps(now)}")
            elif keyword in _EXACT or (keyword in _LOWER_BOUNDS) == (now > was):
                self.breaks.append(f"{label}: {keyword} changed from {json.dumps(was)} to {json.dumps(now)}")

    def _compare_object(self, old: Schema, new: Schema, path: str) -> None:
        old_props: Schema = old.get("properties", {})
        new_props: Schema = new.get("properties", {})
        old_required, new_required = set(old.get("required", ())), set(new.get("required", ()))
        prefix = f"{path}." if path else ""
        for name in sorted(old_props):
            if name not in new_props:
                self.breaks.append(f"field '{prefix}{name}' removed")
                continue
            if name in new_required and name not in old_required:
                self.breaks.append(f"field '{prefix}{name}' became required")
            self.compare(old_props[name], new_props[name], prefix + name)
        for name in sorted(new_props.keys() - old_props.keys()):
            if name in new_required:
                self.breaks.append(f"new required field '{prefix}{name}'")
        was, now = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if isinstance(was, dict) and isinstance(now, dict):
            self.compare(was, now, f"{prefix}*")
        elif type(was) is not type(now) or was != now:
            self.breaks.append(
                f"{_label(path)}: additionalProperties changed from {json.dumps(was)} to {json.dumps(now)}"
            )

    def _compare_array(self, old: Schema, new: Schema, path: str) -> None:
        if isinstance(old.get("items"), dict) and isinstance(new.get("items"), dict):
            self.compare(old["items"], new["items"], f"{path}[]")
        elif old.get("items") != new.get("items"):
            self.breaks.append(f"{_label(path)}: items changed")
        old_prefix, new_prefix = old.get("prefixItems", []), new.get("prefixItems", [])
        if len(old_prefix) != len(new_prefix):
            self.breaks.append(f"{_label(path)}: tuple length changed from {len(old_prefix)} to {len(new_prefix)}")
        for index, (was, now) in enumerate(zip(old_prefix, new_prefix, strict=False)):
            self.compare(was, now, f"{path}[{index}]")
