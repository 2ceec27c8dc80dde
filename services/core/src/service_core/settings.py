"""Configuration of a process, from MIEUX_* environment variables, validated at start-up.

`JwtSettings` holds what verifying bearer tokens needs and refuses, in production, what would let anyone
sign one: the public development secret, the example files' placeholders, an HS256 secret shorter than
32 bytes; there the issuer and audience are required too. Services and the gateway read it alike.
"""

from __future__ import annotations

import sys
from typing import Any, Literal, Never, TypeVar

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "mieux-development-secret-change-me-0123456789"
DEV_JWT_AUDIENCE = "mieux"
MIN_HS256_SECRET_BYTES = 32
# Secrets that were ever published in this repository (the development one, the first example env file's).
PUBLIC_SECRETS = frozenset({DEV_JWT_SECRET, "replace-me-with-a-long-random-secret-0123456789abcdef"})
PLACEHOLDER_MARKS = ("replace-me", "change-me", "changeme")


class JwtSettings(BaseSettings):
    """Bearer-token verification (gateway/ACCESS.md): HS256 with a shared secret, or RS256 with a key or the issuer's JWKS."""

    model_config = SettingsConfigDict(env_prefix="MIEUX_", extra="ignore", frozen=True, validate_default=True)

    environment: Literal["development", "production"] = "development"
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_public_key: str | None = None
    jwt_jwks_url: str | None = Field(default=None, description="RS256: the issuer's JWKS address (instead of a key)")
    jwt_issuer: str | None = Field(default=None, description="the `iss` tokens must carry; required in production")
    jwt_audience: str | None = Field(
        default=None, description=f"the `aud` tokens must carry; required in production ('{DEV_JWT_AUDIENCE}' else)"
    )
    jwt_max_lifetime_s: int = Field(
        default=24 * 3600, ge=60, le=31 * 24 * 3600, description="tokens whose exp - iat is longer are refused"
    )

    @property
    def audience(self) -> str:
        return self.jwt_audience or DEV_JWT_AUDIENCE

    @field_validator("jwt_secret")
    @classmethod
    def _secret_nobody_else_knows(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        if info.data.get("jwt_algorithm", "HS256") != "HS256":
            return value
        secret = value.get_secret_value()
        if not secret:
            raise ValueError(
                "must be set (HS256); generate one: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if info.data.get("environment") != "production":
            return value
        if secret == DEV_JWT_SECRET:
            raise ValueError("is the public development secret; production needs its own")
        if secret in PUBLIC_SECRETS or any(mark in secret.lower() for mark in PLACEHOLDER_MARKS):
            raise ValueError("is a placeholder from an example file; production needs a generated secret")
        if len(secret.encode()) < MIN_HS256_SECRET_BYTES:
            raise ValueError(f"must be at least {MIN_HS256_SECRET_BYTES} bytes for HS256 in production")
        return value

    @field_validator("jwt_jwks_url")
    @classmethod
    def _rs256_has_a_key(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("jwt_algorithm") == "RS256" and not (value or info.data.get("jwt_public_key")):
            raise ValueError("MIEUX_JWT_JWKS_URL or MIEUX_JWT_PUBLIC_KEY is required when MIEUX_JWT_ALGORITHM=RS256")
        if value and info.data.get("environment") == "production" and not value.startswith("https://"):
            raise ValueError("must be an https:// address in production (the keys that sign every token)")
        return value

    @field_validator("jwt_issuer", "jwt_audience")
    @classmethod
    def _required_in_production(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("environment") == "production" and not value:
            raise ValueError("is required in production (the tokens' `iss` and `aud` are checked against it)")
        return value


def jwt_settings_of(settings: Any) -> JwtSettings:
    """The JWT settings of a process's settings object: itself, or (a settings class that does not derive from
    JwtSettings) its own JWT fields completed from the environment, validated by the same rules."""
    if isinstance(settings, JwtSettings):
        return settings
    given = {name: getattr(settings, name) for name in JwtSettings.model_fields if hasattr(settings, name)}
    try:
        return JwtSettings(**given)
    except ValidationError as exc:
        exit_with(exc, type(settings).__name__)


class ServiceSettings(JwtSettings):
    """Settings every service shares; a service subclasses it and sets `service_name` and `http_port`."""

    model_config = SettingsConfigDict(env_prefix="MIEUX_", extra="ignore", frozen=True)

    service_name: str = Field(pattern=r"^[a-z_]+$")
    database_url: str = Field(description="postgresql://user:pass@host:port/dbname")
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    http_host: str = "127.0.0.1"
    http_port: int = Field(ge=1, le=65535)
    topic_partitions: int = Field(default=3, ge=1, le=64)
    topic_replication_factor: int = Field(default=1, ge=-1, le=7, description="-1: the broker's default")
    relay_batch_size: int = Field(default=500, ge=1, le=10_000)
    relay_idle_sleep_ms: int = Field(
        default=5, ge=1, le=10_000, description="re-check while committed events wait behind an older transaction"
    )
    relay_poll_interval_ms: int = Field(
        default=1000, ge=1, le=60_000, description="fallback poll when no commit notification arrives"
    )
    relay_linger_ms: int = Field(
        default=0, ge=0, le=1000, description="producer linger: 0 sends at once (latency); the relay batches anyway"
    )
    consumer_fetch_max_wait_ms: int = Field(
        default=20, ge=1, le=10_000, description="longest the broker holds a fetch open when no record is there"
    )
    broker_check_interval_s: float = Field(default=2.0, gt=0)
    consumer_max_record_bytes: int = Field(default=1024 * 1024, ge=1024, description="larger records are parked")
    consumer_auto_redrive_interval_s: float = Field(
        default=300, ge=0, description="how often parked handler failures are tried again (0: only by hand)"
    )
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535, description="also serve /metrics on this port (relay-only and consume-only modes)"
    )
    pg_idle_in_transaction_timeout_s: int = Field(default=60, ge=1, le=86_400)
    pg_transaction_timeout_s: int = Field(
        default=300, ge=1, le=86_400, description="the longest transaction of a service session (not rebuild)"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: str) -> str:
        if not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL")
        return value

    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _host_ports(cls, value: str) -> str:
        for server in value.split(","):
            host, _, port = server.strip().rpartition(":")
            if not host or not port.isdigit():
                raise ValueError(f"{server!r} is not host:port")
        return value


S = TypeVar("S", bound=JwtSettings)  # the services' settings and the gateway's


def load_settings(settings_class: type[S]) -> S:
    """Read and validate the environment; on a bad value, say which variable and exit (status 2)."""
    try:
        settings = settings_class()
    except ValidationError as exc:
        exit_with(exc, settings_class.__name__)
    jwt_settings_of(settings)  # a settings class of its own (the gateway's) meets the same JWT rules
    return settings


def exit_with(exc: ValidationError, settings_name: str) -> Never:
    """Print each invalid variable by its MIEUX_* name on stderr and exit with status 2."""
    lines = [f"invalid configuration for {settings_name}:"]
    for error in exc.errors():
        name = "MIEUX_" + "_".join(str(part) for part in error["loc"]).upper()
        lines.append(f"  {name}: {error['msg']}")
    print("\n".join(lines), file=sys.stderr)
    raise SystemExit(2) from None
