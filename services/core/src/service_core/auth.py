"""Bearer JWTs (DESIGN §6): verification for every service and the gateway, and development tokens."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, Protocol

import jwt
from pydantic import SecretStr

REGIONS = ("AFRICA", "ASIA", "EU_NEIGHBOURHOOD", "LATIN_AMERICA_CARIBBEAN")


class Role(StrEnum):
    PROGRAMME_MANAGER = "programme_manager"
    REGIONAL_COORDINATOR = "regional_coordinator"
    FOCAL_POINT = "focal_point"
    EXPERT = "expert"
    REPORTING = "reporting"


class AuthError(Exception):
    """The token is missing, malformed, expired or lacks what the role needs (HTTP 401)."""

    code = "UNAUTHENTICATED"


@dataclass(frozen=True, slots=True)
class Principal:
    sub: str
    roles: frozenset[Role]
    region: str | None = None
    authority_id: str | None = None
    expert_id: str | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True, slots=True)
class TokenVerifier:
    """HS256 with a shared secret (development), or RS256 with a public key or the issuer's JWKS (production)."""

    algorithm: str
    key: str
    audience: str = "mieux"
    leeway_s: int = 30
    jwks_url: str | None = None

    def verify(self, token: str) -> Principal:
        try:
            key: Any = _jwks(self.jwks_url).get_signing_key_from_jwt(token).key if self.jwks_url else self.key
            claims = jwt.decode(
                token,
                key,
                algorithms=[self.algorithm],
                audience=self.audience,
                leeway=self.leeway_s,
                options={"require": ["sub", "exp", "roles"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("token expired") from exc
        except (jwt.InvalidTokenError, jwt.PyJWKClientError) as exc:
            raise AuthError(f"invalid token: {exc}") from exc
        return principal_from_claims(claims)


@cache
def _jwks(url: str) -> jwt.PyJWKClient:
    """One client per JWKS address: it caches the issuer's keys and refetches on an unknown key id."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300)


class JwtSettings(Protocol):
    @property
    def jwt_algorithm(self) -> str: ...

    @property
    def jwt_secret(self) -> SecretStr: ...

    @property
    def jwt_public_key(self) -> str | None: ...

    @property
    def jwt_jwks_url(self) -> str | None: ...


def verifier_from(settings: JwtSettings) -> TokenVerifier:
    """The verifier a service or the gateway configures from its MIEUX_JWT_* settings."""
    if settings.jwt_algorithm == "RS256":
        if not (settings.jwt_public_key or settings.jwt_jwks_url):
            raise SystemExit("MIEUX_JWT_PUBLIC_KEY or MIEUX_JWT_JWKS_URL is required when MIEUX_JWT_ALGORITHM=RS256")
        return TokenVerifier("RS256", settings.jwt_public_key or "", jwks_url=settings.jwt_jwks_url)
    return TokenVerifier("HS256", settings.jwt_secret.get_secret_value())


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    raw_roles = claims.get("roles")
    if not isinstance(raw_roles, list) or not raw_roles:
        raise AuthError("claim 'roles' must be a non-empty list")
    try:
        roles = frozenset(Role(r) for r in raw_roles)
    except ValueError as exc:
        raise AuthError(f"unknown role in {raw_roles!r}") from exc
    region = claims.get("region")
    if Role.REGIONAL_COORDINATOR in roles and region not in REGIONS:
        raise AuthError(f"a regional_coordinator token needs 'region' in {', '.join(REGIONS)}")
    if Role.FOCAL_POINT in roles and not claims.get("authority_id"):
        raise AuthError("a focal_point token needs 'authority_id'")
    if Role.EXPERT in roles and not claims.get("expert_id"):
        raise AuthError("an expert token needs 'expert_id'")
    return Principal(
        sub=str(claims["sub"]),
        roles=roles,
        region=region,
        authority_id=claims.get("authority_id"),
        expert_id=claims.get("expert_id"),
    )


def issue_token(
    secret: str,
    *,
    sub: str,
    roles: list[str],
    region: str | None = None,
    authority_id: str | None = None,
    expert_id: str | None = None,
    ttl_s: int = 12 * 3600,
    algorithm: str = "HS256",
) -> str:
    """Sign a token (development: HS256 with the shared secret)."""
    now = int(time.time())
    claims: dict[str, Any] = {"sub": sub, "roles": roles, "aud": "mieux", "iat": now, "exp": now + ttl_s}
    for name, value in (("region", region), ("authority_id", authority_id), ("expert_id", expert_id)):
        if value:
            claims[name] = value
    return jwt.encode(claims, secret, algorithm=algorithm)
