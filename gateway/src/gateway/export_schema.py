"""`python -m gateway.export_schema [--check] [--allow-breaking]`: write (or verify) gateway/schema.graphql.

Writing refuses a breaking change against the committed snapshot (a removed field, a changed type, a new
required argument ...) unless --allow-breaking: front-end teams build on this schema."""

from __future__ import annotations

import sys
from pathlib import Path

from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes

from gateway.app import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def render() -> str:
    return build_schema().as_str() + "\n"


def breaking_changes(old_sdl: str, new_sdl: str) -> list[str]:
    changes = find_breaking_changes(parse_sdl(old_sdl), parse_sdl(new_sdl))
    return [f"{change.type.name}: {change.description}" for change in changes]


def main(argv: list[str]) -> int:
    current = render()
    committed = SCHEMA_FILE.read_text() if SCHEMA_FILE.exists() else None
    breaks = breaking_changes(committed, current) if committed else []
    if "--check" in argv:
        if committed != current:
            print(f"{SCHEMA_FILE} is out of date: run `make schemas`", file=sys.stderr)
            return 1
        return 0
    if breaks and "--allow-breaking" not in argv:
        print("refusing to write a breaking change to the published schema:", *breaks, sep="\n  ", file=sys.stderr)
        return 1
    SCHEMA_FILE.write_text(current)
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
