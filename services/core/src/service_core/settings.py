"""Configuration of a service process, from MIEUX_* environment variables, validated at start-up."""

from __future__ import annotations

import sys
from typing import Literal, TypeVar

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "mieux-development-secret-change-me-0123456789"


class ServiceSettings(BaseSettings):
    """Settings every service shares; a service subclasses it and sets `service_name` and `http_port`."""

    model_config = SettingsConfigDict(env_prefix="MIEUX_", extra="ignore", frozen=True)

    service_name: str = Field(pattern=r"^[a-z_]+$")
    environment: Literal["development", "production"] = "development"
    database_url: str = Field(description="postgresql://user:pass@host:port/dbname")
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    http_host: str = "127.0.0.1"
    http_port: int = Field(ge=1, le=65535)
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_public_key: str | None = None
    jwt_jwks_url: str | None = Field(default=None, description="RS256: the issuer's JWKS address (instead of a key)")
    topic_partitions: int = Field(default=3, ge=1, le=64)
    topic_replication_factor: int = Field(default=1, ge=-1, le=7, description="-1: the broker's default")
    relay_batch_size: int = Field(default=500, ge=1, le=10_000)
    relay_idle_sleep_ms: int = Field(default=20, ge=1, le=10_000)
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


S = TypeVar("S", bound=ServiceSettings)


def load_settings(settings_class: type[S]) -> S:
    """Read and validate the environment; on a bad value, say which variable and exit (status 2)."""
    try:
        return settings_class()
    except ValidationError as exc:
        lines = [f"invalid configuration for {settings_class.__name__}:"]
        for error in exc.errors():
            name = "MIEUX_" + "_".join(str(part) for part in error["loc"]).upper()
            lines.append(f"  {name}: {error['msg']}")
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(2) from None
