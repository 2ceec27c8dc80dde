"""Bearer JWTs (gateway/ACCESS.md): verification for every service and the gateway, and development tokens."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, Protocol

import jwt
from pydantic import SecretStr

from service_core.settings import DEV_JWT_AUDIENCE, jwt_settings_of

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
    """HS256 with a shared secret, or RS256 with a public key or the issuer's JWKS.

    A token must carry `sub`, `iat`, `exp` and `roles`, the audience, the issuer when one is configured, and live
    no longer than `max_lifetime_s` (exp - iat): a leaked long-lived token is worth little.
    """

    algorithm: str
    key: str
    audience: str = DEV_JWT_AUDIENCE
    leeway_s: int = 30
    jwks_url: str | None = None
    issuer: str | None = None
    max_lifetime_s: int = 24 * 3600

    def verify(self, token: str) -> Principal:
        try:
            key: Any = _jwks(self.jwks_url).get_signing_key_from_jwt(token).key if self.jwks_url else self.key
            claims = jwt.decode(
                token,
                key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway_s,
                options={"require": ["sub", "iat", "exp", "roles"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthError("token expired") from exc
        except (jwt.InvalidTokenError, jwt.PyJWKClientError) as exc:
            raise AuthError(f"invalid token: {exc}") from exc
        lifetime = int(claims["exp"]) - int(claims["iat"])
        if lifetime > self.max_lifetime_s:
            raise AuthError(f"token lifetime {lifetime} s exceeds the maximum of {self.max_lifetime_s} s")
        return principal_from_claims(claims)


@cache
def _jwks(url: str) -> jwt.PyJWKClient:
    """One client per JWKS address: it caches the issuer's keys and refetches on an unknown key id."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300)


class HasJwtSettings(Protocol):
    @property
    def jwt_algorithm(self) -> str: ...

    @property
    def jwt_secret(self) -> SecretStr: ...


def verifier_from(settings: HasJwtSettings) -> TokenVerifier:
    """The verifier a service or the gateway configures from its MIEUX_JWT_* settings.

    Settings that break a production rule (service_core.settings.JwtSettings) end the process with status 2.
    """
    s = jwt_settings_of(settings)
    rs256 = s.jwt_algorithm == "RS256"
    return TokenVerifier(
        s.jwt_algorithm,
        (s.jwt_public_key or "") if rs256 else s.jwt_secret.get_secret_value(),
        audience=s.audience,
        jwks_url=s.jwt_jwks_url if rs256 else None,
        issuer=s.jwt_issuer,
        max_lifetime_s=s.jwt_max_lifetime_s,
    )


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
    audience: str = DEV_JWT_AUDIENCE,
    issuer: str | None = None,
) -> str:
    """Sign a token (development: HS256 with the shared secret)."""
    now = int(time.time())
    claims: dict[str, Any] = {"sub": sub, "roles": roles, "aud": audience, "iat": now, "exp": now + ttl_s}
    if issuer:
        claims["iss"] = issuer
    for name, value in (("region", region), ("authority_id", authority_id), ("expert_id", expert_id)):
        if value:
            claims[name] = value
    return jwt.encode(claims, secret, algorithm=algorithm)
