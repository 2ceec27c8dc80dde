"""An example document for an event schema: its required fields, each with a value the schema accepts.

Used for the AsyncAPI messages' examples; contracts/tests validate every example against its schema.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

# The patterns the published schemas use, each with a value that matches it. A schema with a pattern not
# listed here fails generation, so a new pattern gets an example when it is introduced.
PATTERN_EXAMPLES: dict[str, str] = {
    "^[A-Z]{2}$": "CV",
    "^[a-z]{2}$": "en",
    "^\\d{4}-\\d{2,}$": "2025-07",
    "^\\d{4}(-Q[1-4]|-H[12])?$": "2025-Q1",
    "^[A-Z][A-Z0-9_]{0,63}$": "ECOWAS",
    "^[a-z0-9][a-z0-9_-]{0,79}$": "border-management",
}
_FORMAT_EXAMPLES = {
    "date": "2025-01-31",
    "date-time": "2025-01-31T09:30:00+00:00",
    "uuid": "0b9f3c1e-8d4a-4f7e-9c2b-5a6d7e8f9a0b",
}


class NoExample(ValueError):
    """The schema uses a construct this generator has no example value for."""


def example_of(schema: Schema) -> Any:
    return _value(schema, schema, "value")


def _value(schema: Schema, root: Schema, name: str) -> Any:
    if "$ref" in schema:
        return _value(_resolve(str(schema["$ref"]), root), root, name)
    for key in ("anyOf", "oneOf"):
        if key in schema:  # the first branch that is not null
            branches = [b for b in schema[key] if b.get("type") != "null"] or schema[key]
            return _value(branches[0], root, name)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return _object(schema, root)
    if kind == "array":
        count = max(schema.get("minItems", 1), 1)
        return [_value(schema.get("items", {}), root, name) for _ in range(count)]
    if kind == "integer":
        return max(schema.get("minimum", 1), 1) if "maximum" not in schema else schema["maximum"]
    if kind == "number":
        return float(schema.get("minimum", 1.0))
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    if kind == "string":
        return _string(schema, name)
    return f"example-{name}"


def _object(schema: Schema, root: Schema) -> dict[str, Any]:
    properties: Schema = schema.get("properties", {})
    if isinstance(schema.get("additionalProperties"), dict) and not properties:
        return {"key": _value(schema["additionalProperties"], root, "key")}
    return {
        field: _value(properties[field], root, field) for field in schema.get("required", ()) if field in properties
    }


def _string(schema: Schema, name: str) -> str:
    if "pattern" in schema:
        if schema["pattern"] not in PATTERN_EXAMPLES:
            raise NoExample(f"no example value for pattern {schema['pattern']!r}: add one to PATTERN_EXAMPLES")
        return PATTERN_EXAMPLES[schema["pattern"]]
    if "format" in schema:
        if schema["format"] not in _FORMAT_EXAMPLES:
            raise NoExample(f"no example value for format {schema['format']!r}")
        return _FORMAT_EXAMPLES[schema["format"]]
    value = f"example-{name.replace('_', '-')}"
    return value[: schema["maxLength"]] if "maxLength" in schema else value


def _resolve(ref: str, root: Schema) -> Schema:
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    if not isinstance(target, dict):
        raise NoExample(f"cannot follow {ref}")
    return target
