"""The gateway process meets the same production rules as the services (service_core.settings.JwtSettings)."""

from __future__ import annotations

from service_core.settings import DEV_JWT_SECRET
from service_core.testing.processes import run_module


def test_the_gateway_refuses_to_start_in_production_with_the_development_secret() -> None:
    env = {
        "MIEUX_ENVIRONMENT": "production",
        "MIEUX_JWT_SECRET": DEV_JWT_SECRET,
        "MIEUX_JWT_ISSUER": "https://login.mieux.eu",
        "MIEUX_JWT_AUDIENCE": "mieux-api",
    }
    started = run_module("gateway", env=env)
    assert started.returncode == 2, started.stderr
    assert "MIEUX_JWT_SECRET" in started.stderr and "public development secret" in started.stderr


def test_the_gateway_refuses_to_start_in_production_without_any_secret() -> None:
    started = run_module("gateway", env={"MIEUX_ENVIRONMENT": "production"})
    assert started.returncode == 2, started.stderr
    assert "MIEUX_JWT_SECRET" in started.stderr and "MIEUX_JWT_ISSUER" in started.stderr
