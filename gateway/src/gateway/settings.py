"""Gateway configuration from MIEUX_* environment variables, validated at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from service_core.settings import DEV_JWT_SECRET
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL

from gateway.cursors import derive_key


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MIEUX_", extra="ignore", frozen=True)

    environment: Literal["development", "production"] = "development"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8000, ge=1, le=65535)
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_public_key: str | None = None
    jwt_jwks_url: str | None = Field(default=None, description="RS256: the issuer's JWKS address (instead of a key)")
    requests_url: str = "http://127.0.0.1:8101"
    actions_url: str = "http://127.0.0.1:8102"
    experts_url: str = "http://127.0.0.1:8103"
    feedback_url: str = "http://127.0.0.1:8104"
    service_timeout_s: float = Field(default=5.0, gt=0, le=60)
    read_retries: int = Field(default=2, ge=0, le=5, description="extra attempts for idempotent reads")
    max_depth: int = Field(default=10, ge=2, le=50)
    max_page_size: int = Field(default=100, ge=1, le=1000)
    max_cost: int = Field(default=10_000, ge=10, description="operations costing more are refused before running")
    request_timeout_s: float = Field(default=15.0, gt=0, le=120, description="a GraphQL request taking longer is cut")
    trusted_operations_file: Path | None = Field(
        default=None, description="JSON list of operation texts clients may send by hash (persisted operations)"
    )
    trusted_operations_only: bool = Field(default=False, description="refuse any operation not in that file")
    consistency_wait_s: float = Field(
        default=5.0, gt=0, le=30, description="how long a query given a consistency token waits for services"
    )
    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092", min_length=1, description="the broker Subscription.regionEvents reads from"
    )
    graphql_legacy_ws: bool = Field(
        default=False, description="also speak the legacy `graphql-ws` websocket protocol (subscriptions-transport-ws)"
    )
    subscription_cursor_secret: SecretStr | None = Field(
        default=None,
        min_length=32,
        validate_default=True,
        description="signs subscription cursors; default: derived from MIEUX_JWT_SECRET (required in production "
        "unless that is a secret of its own)",
    )
    max_subscriptions: int = Field(default=1000, ge=1, le=100_000, description="live subscriptions per process")
    max_subscriptions_per_caller: int = Field(
        default=100, ge=1, le=100_000, description="live subscriptions one token subject may hold per process"
    )
    subscription_queue_size: int = Field(
        default=1000, ge=10, le=100_000, description="events waiting for one subscriber before it is cut off"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("subscription_cursor_secret")
    @classmethod
    def _own_secret_in_production(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        jwt_secret = info.data.get("jwt_secret")
        public = info.data.get("jwt_algorithm") == "RS256" or (
            jwt_secret is None or jwt_secret.get_secret_value() == DEV_JWT_SECRET
        )
        if info.data.get("environment") == "production" and value is None and public:
            raise ValueError(
                "required in production (32+ characters) unless MIEUX_JWT_SECRET is a secret of its own: "
                "cursors may not be signed with a key derived from the public development secret"
            )
        return value

    @property
    def cursor_key(self) -> bytes:
        secret = self.subscription_cursor_secret or self.jwt_secret
        return derive_key(secret.get_secret_value())

    @property
    def subscription_protocols(self) -> tuple[str, ...]:
        if self.graphql_legacy_ws:
            return (GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL)
        return (GRAPHQL_TRANSPORT_WS_PROTOCOL,)

    @property
    def service_urls(self) -> dict[str, str]:
        return {
            "requests": self.requests_url,
            "actions": self.actions_url,
            "experts": self.experts_url,
            "feedback": self.feedback_url,
        }

    @property
    def graphiql(self) -> bool:
        return self.environment == "development"
