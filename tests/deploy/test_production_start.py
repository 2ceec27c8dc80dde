"""A service started in production with a secret anyone knows, or without issuer and audience, exits with status 2
and names the variable (before it opens a connection)."""

from __future__ import annotations

import pytest
from service_core.settings import DEV_JWT_SECRET
from service_core.testing.processes import run_module

from .manifests import DEPLOY, read_env_file

GOOD = {
    "MIEUX_ENVIRONMENT": "production",
    "MIEUX_DATABASE_URL": "postgresql://mieux@127.0.0.1:1/mieux_requests",
    "MIEUX_JWT_SECRET": "k4M3q9-generated-for-this-test-only-Zt8w2LpQ",
    "MIEUX_JWT_ISSUER": "https://login.mieux.eu",
    "MIEUX_JWT_AUDIENCE": "mieux-api",
}


def template_secret() -> str:
    return read_env_file(DEPLOY / "env" / "shared.env.example").get("MIEUX_JWT_SECRET", "")


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        (DEV_JWT_SECRET, "public development secret"),
        ("replace-me-with-a-long-random-secret-0123456789abcdef", "placeholder"),
        ("short-but-not-public-0123456789", "at least 32 bytes"),
        ("", "must be set"),
    ],
    ids=["development-secret", "old-example-placeholder", "31-bytes", "empty"],
)
def test_a_service_refuses_to_start_in_production_with_an_unsafe_secret(secret: str, reason: str) -> None:
    started = run_module("requests_service", "api", env={**GOOD, "MIEUX_JWT_SECRET": secret})
    assert started.returncode == 2, started.stderr
    assert "MIEUX_JWT_SECRET" in started.stderr and reason in started.stderr


def test_the_example_env_file_does_not_ship_a_usable_secret() -> None:
    started = run_module("requests_service", "api", env={**GOOD, "MIEUX_JWT_SECRET": template_secret()})
    assert started.returncode == 2 and "MIEUX_JWT_SECRET" in started.stderr


def test_a_service_refuses_to_start_in_production_without_issuer_and_audience() -> None:
    env = {k: v for k, v in GOOD.items() if k not in ("MIEUX_JWT_ISSUER", "MIEUX_JWT_AUDIENCE")}
    started = run_module("requests_service", "api", env=env)
    assert started.returncode == 2
    assert "MIEUX_JWT_ISSUER" in started.stderr and "MIEUX_JWT_AUDIENCE" in started.stderr


def test_a_service_refuses_a_plain_http_jwks_address_in_production() -> None:
    env = {**GOOD, "MIEUX_JWT_ALGORITHM": "RS256", "MIEUX_JWT_JWKS_URL": "http://login.mieux.eu/jwks.json"}
    started = run_module("requests_service", "api", env=env)
    assert started.returncode == 2 and "MIEUX_JWT_JWKS_URL" in started.stderr and "https://" in started.stderr
