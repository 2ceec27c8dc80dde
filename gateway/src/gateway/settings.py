"""Gateway configuration from MIEUX_* environment variables, validated at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from contracts.services import GATEWAY_PORT, service
from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import SettingsConfigDict
from service_core.settings import DEV_JWT_SECRET, JwtSettings
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL

from gateway.cursors import derive_key
from gateway.limits import QueryLimits


class GatewaySettings(JwtSettings):
    """The JWT settings (and their production rules) come from the core, declared once for every process."""

    model_config = SettingsConfigDict(env_prefix="MIEUX_", extra="ignore", frozen=True)

    http_host: str = "127.0.0.1"
    http_port: int = Field(default=GATEWAY_PORT, ge=1, le=65535)
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535, description="also serve /metrics without a token on this port (internal scrapers)"
    )
    requests_url: str = service("requests").local_url
    actions_url: str = service("actions").local_url
    experts_url: str = service("experts").local_url
    feedback_url: str = service("feedback").local_url
    service_timeout_s: float = Field(default=5.0, gt=0, le=60)
    read_retries: int = Field(default=2, ge=0, le=5, description="extra attempts for idempotent reads")
    service_budget_s: float = Field(
        default=8.0, gt=0, le=110, description="one deadline per request for every service call and retry"
    )
    max_depth: int = Field(default=10, ge=2, le=50)
    max_introspection_depth: int = Field(default=15, ge=2, le=50, description="under __schema / __type")
    max_page_size: int = Field(default=100, ge=1, le=1000)
    max_cost: int = Field(default=10_000, ge=10, description="operations costing more are refused before running")
    max_introspection_cost: int = Field(default=100_000, ge=10, description="of the fields under __schema/__type")
    max_aliases: int = Field(default=30, ge=0, description="aliased fields, fragments counted at every spread")
    max_root_fields: int = Field(default=20, ge=1)
    max_directives: int = Field(default=30, ge=0)
    max_tokens: int = Field(default=2_000, ge=100, description="lexical tokens of the document")
    max_document_bytes: int = Field(default=32_768, ge=1024)
    max_body_bytes: int = Field(default=1_048_576, ge=4096, description="an HTTP body larger is refused: 413")
    max_header_bytes: int = Field(default=16_384, ge=1024, description="all request headers together: 431")
    max_json_depth: int = Field(default=32, ge=4, le=200, description="nesting of arrays/objects in a JSON body")
    graphql_introspection: bool | None = Field(
        default=None, description="introspection on or off; unset: on in development, off in production"
    )
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

    @model_validator(mode="after")
    def _budget_inside_the_timeout(self) -> GatewaySettings:
        if self.service_budget_s >= self.request_timeout_s:
            raise ValueError(
                "MIEUX_SERVICE_BUDGET_S must be below MIEUX_REQUEST_TIMEOUT_S, so a hung service yields partial "
                "data before the request is cut"
            )
        return self

    @property
    def graphiql(self) -> bool:
        return self.environment == "development"

    @property
    def api_docs(self) -> bool:
        """/docs and /openapi.json: development only (they describe every route to anyone)."""
        return self.environment == "development"

    @property
    def introspection(self) -> bool:
        if self.graphql_introspection is not None:
            return self.graphql_introspection
        return self.environment == "development"

    def query_limits(self) -> QueryLimits:
        return QueryLimits(
            max_document_bytes=self.max_document_bytes,
            max_tokens=self.max_tokens,
            max_depth=self.max_depth,
            max_introspection_depth=self.max_introspection_depth,
            max_aliases=self.max_aliases,
            max_root_fields=self.max_root_fields,
            max_directives=self.max_directives,
            max_cost=self.max_cost,
            max_introspection_cost=self.max_introspection_cost,
            introspection=self.introspection,
        )
