"""`python -m gateway.export_schema [--check]`: write (or verify) gateway/schema.graphql."""

from __future__ import annotations

import sys
from pathlib import Path

from gateway.app import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def render() -> str:
    return build_schema().as_str() + "\n"


def main(argv: list[str]) -> int:
    current = render()
    if "--check" in argv:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != current:
            print(f"{SCHEMA_FILE} is out of date: run `make schemas`", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(current)
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
