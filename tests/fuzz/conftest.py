"""The gateway fuzz runs on the gateway tests' own stack (gateway/tests/conftest.py): the four real service apps
on real PostgreSQL, in-process. Its fixtures are re-exported here so both suites start the stack the same way."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

_folder = Path(__file__).resolve().parents[2] / "gateway" / "tests"
# gateway/tests is no package: give it one, so the conftest's relative imports (`.live`) resolve
_package = types.ModuleType("gateway_tests")
_package.__path__ = [str(_folder)]
sys.modules.setdefault("gateway_tests", _package)
_spec = importlib.util.spec_from_file_location("gateway_tests.conftest", _folder / "conftest.py")
assert _spec is not None and _spec.loader is not None
_gateway_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _gateway_fixtures  # its dataclasses look their module up
_spec.loader.exec_module(_gateway_fixtures)

stack = _gateway_fixtures.stack
gateway_app = _gateway_fixtures.gateway_app
http = _gateway_fixtures.http
