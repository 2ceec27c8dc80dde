"""Production tokens: RS256 verified with a public key or with the issuer's JWKS; development HS256."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr
from service_core.auth import AuthError, Role, TokenVerifier, issue_token, verifier_from
from service_core.settings import DEV_JWT_SECRET, JwtSettings

PRIVATE = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC_PEM = (
    PRIVATE.public_key()
    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    .decode()
)


def rs256(claims: dict[str, object], kid: str = "key-1") -> str:
    now = int(time.time())
    body = {"aud": "mieux", "iat": now, "exp": now + 60, **claims}
    return jwt.encode(body, PRIVATE, algorithm="RS256", headers={"kid": kid})


class Settings:
    def __init__(self, algorithm: str, public_key: str | None = None, jwks_url: str | None = None) -> None:
        self.jwt_algorithm = algorithm
        self.jwt_secret = SecretStr(DEV_JWT_SECRET)
        self.jwt_public_key = public_key
        self.jwt_jwks_url = jwks_url


@pytest.fixture
def jwks_url() -> Iterator[str]:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(PRIVATE.public_key()))
    document = json.dumps({"keys": [{**jwk, "kid": "key-1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()


def test_rs256_tokens_verify_with_the_public_key() -> None:
    verifier = verifier_from(Settings("RS256", public_key=PUBLIC_PEM))
    principal = verifier.verify(rs256({"sub": "u-1", "roles": ["regional_coordinator"], "region": "ASIA"}))
    assert principal.roles == frozenset({Role.REGIONAL_COORDINATOR}) and principal.region == "ASIA"


def test_rs256_tokens_verify_with_the_issuers_jwks(jwks_url: str) -> None:
    verifier = verifier_from(Settings("RS256", jwks_url=jwks_url))
    assert verifier.verify(rs256({"sub": "u-2", "roles": ["programme_manager"]})).sub == "u-2"
    with pytest.raises(AuthError, match="invalid token"):
        verifier.verify(rs256({"sub": "u-3", "roles": ["programme_manager"]}, kid="unknown-key"))


def test_a_development_token_is_refused_where_rs256_is_configured() -> None:
    hs256 = jwt.encode(
        {
            "sub": "x",
            "roles": ["programme_manager"],
            "aud": "mieux",
            "iat": int(time.time()),
            "exp": int(time.time()) + 60,
        },
        DEV_JWT_SECRET,
        algorithm="HS256",
    )
    with pytest.raises(AuthError):
        verifier_from(Settings("RS256", public_key=PUBLIC_PEM)).verify(hs256)
    assert TokenVerifier("HS256", DEV_JWT_SECRET).verify(hs256).sub == "x"


def test_rs256_without_a_key_or_jwks_stops_start_up(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        verifier_from(Settings("RS256"))
    assert stopped.value.code == 2
    assert "MIEUX_JWT_PUBLIC_KEY is required" in capsys.readouterr().err


def production_verifier(**changes: object) -> TokenVerifier:
    settings = {
        "jwt_algorithm": "RS256",
        "jwt_public_key": PUBLIC_PEM,
        "jwt_issuer": "https://login.mieux.eu",
        "jwt_audience": "mieux-api",
        "jwt_max_lifetime_s": 3600,
        **changes,
    }
    return verifier_from(JwtSettings(environment="production", **settings))  # type: ignore[arg-type]


def signed(drop: tuple[str, ...] = (), **claims: object) -> str:
    now = int(time.time())
    body = {"sub": "u-1", "roles": ["programme_manager"], "iss": "https://login.mieux.eu", "aud": "mieux-api"}
    body = {**body, "iat": now, "exp": now + 600, **claims}
    return jwt.encode({k: v for k, v in body.items() if k not in drop}, PRIVATE, algorithm="RS256")


def test_a_token_from_the_configured_issuer_for_the_configured_audience_is_accepted() -> None:
    assert production_verifier().verify(signed()).sub == "u-1"


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (signed(iss="https://elsewhere.example"), "Invalid issuer"),
        (signed(drop=("iss",)), 'missing the "iss" claim'),
        (signed(aud="mieux"), "Audience doesn't match"),
        (signed(exp=int(time.time()) + 7200), "exceeds the maximum of 3600"),
        (signed(drop=("exp",)), 'missing the "exp" claim'),
        (signed(drop=("iat",)), 'missing the "iat" claim'),
    ],
    ids=["other-issuer", "no-issuer", "other-audience", "too-long", "no-exp", "no-iat"],
)
def test_a_token_from_another_issuer_audience_or_living_too_long_is_refused(token: str, reason: str) -> None:
    with pytest.raises(AuthError, match=reason):
        production_verifier().verify(token)


def test_development_tokens_keep_working_without_an_issuer_in_development() -> None:
    verifier = verifier_from(JwtSettings())
    assert verifier.issuer is None and verifier.audience == "mieux"
    assert verifier.verify(issue_token(DEV_JWT_SECRET, sub="dev", roles=["reporting"])).sub == "dev"
    too_long = issue_token(DEV_JWT_SECRET, sub="dev", roles=["reporting"], ttl_s=10 * 365 * 24 * 3600)
    with pytest.raises(AuthError, match="lifetime"):
        verifier.verify(too_long)
