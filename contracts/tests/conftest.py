"""Registries the contract tests run on: the published one, and the core's sample (with a v1 -> v2 upcast)."""

from __future__ import annotations

import pytest
from contracts.events import default_registry
from contracts.registry import EventRegistry
from service_core.testing.sample import sample_registry


@pytest.fixture
def published() -> EventRegistry:
    return default_registry()


@pytest.fixture
def sample() -> EventRegistry:
    return sample_registry()
