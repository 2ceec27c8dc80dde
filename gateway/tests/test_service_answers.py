"""The services' answers are decoded fast and exactly as json would, and a body that is not JSON is refused."""

from __future__ import annotations

import json
import math

import pytest
from gateway.clients import decode_json


def test_an_answer_decodes_to_what_json_gives() -> None:
    body = json.dumps({"items": [{"id": "a-1", "share": 0.25, "countries": ["CV"], "note": "Ação"}], "n": 3})
    assert decode_json(body.encode()) == json.loads(body)


def test_what_only_json_takes_still_decodes() -> None:
    assert math.isnan(decode_json(b'{"mean": NaN}')["mean"])


def test_a_body_that_is_not_json_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        decode_json(b"<html>502 Bad Gateway</html>")
