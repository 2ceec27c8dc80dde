"""What both fuzz suites share: the tokens of every role, the bound on examples, and the answer rule."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, MutableMapping, MutableSequence
from typing import Any

from hypothesis import strategies as st
from service_core.testing.http import bearer

# Examples per operation and generation mode; `MIEUX_FUZZ_EXAMPLES=200 make test PYTEST_ARGS=tests/fuzz` digs deeper.
EXAMPLES = int(os.environ.get("MIEUX_FUZZ_EXAMPLES", "6"))

ROLE_HEADERS: dict[str, dict[str, str]] = {
    "programme_manager": bearer("programme_manager"),
    "regional_coordinator": bearer("regional_coordinator", region="AFRICA"),
    "focal_point": bearer("focal_point", authority_id="authority-1"),
    "expert": bearer("expert", expert_id="expert-1"),
    "reporting": bearer("reporting"),
}


def answer_problem(status: int, content: bytes) -> str | None:
    """None when the answer is acceptable: below 500, and every 4xx a JSON error with a code."""
    if status >= 500:
        return f"server error {status}: {content[:500]!r}"
    if 400 <= status < 500:
        try:
            code = json.loads(content)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            return f"{status} without an error code: {content[:500]!r}"
        if not isinstance(code, str) or not code:
            return f"{status} with an empty error code: {content[:500]!r}"
    return None


# What the schema cannot describe and PostgreSQL cannot store or a reader would be misled by. Lone surrogates
# travel only as JSON escapes (a URL cannot carry one: it is UTF-8 encoded).
CONTROL_CHARACTERS = ("\x00", "\x07", "\x1b", "\x7f")
LONE_SURROGATES = ("\ud800", "\udfff")


def string_leaves(value: Any) -> Iterator[tuple[MutableMapping[str, Any] | MutableSequence[Any], Any]]:
    """(container, key) of every string in a JSON-like value."""
    items = value.items() if isinstance(value, MutableMapping) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str):
            yield value, key
        else:
            yield from string_leaves(item)


@st.composite
def with_a_hostile_character(draw: st.DrawFn, valid: st.SearchStrategy[Any]) -> Any:
    """A valid case with a control character (or, in the body, a lone surrogate) put into one of its strings."""
    case = draw(valid)
    leaves = [(leaf, CONTROL_CHARACTERS + LONE_SURROGATES) for leaf in string_leaves(case.body)]
    for name in ("query", "path_parameters"):
        leaves += [(leaf, CONTROL_CHARACTERS) for leaf in string_leaves(getattr(case, name, None))]
    if leaves:
        (container, key), characters = draw(st.sampled_from(leaves))
        text = container[key]
        position = draw(st.integers(0, len(text)))
        container[key] = text[:position] + draw(st.sampled_from(characters)) + text[position:]
    return case
