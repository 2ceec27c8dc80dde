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
from service_core.auth import AuthError, Role, TokenVerifier, verifier_from
from service_core.settings import DEV_JWT_SECRET

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
        {"sub": "x", "roles": ["programme_manager"], "aud": "mieux", "exp": int(time.time()) + 60},
        DEV_JWT_SECRET,
        algorithm="HS256",
    )
    with pytest.raises(AuthError):
        verifier_from(Settings("RS256", public_key=PUBLIC_PEM)).verify(hs256)
    assert TokenVerifier("HS256", DEV_JWT_SECRET).verify(hs256).sub == "x"


def test_rs256_without_a_key_or_jwks_stops_start_up() -> None:
    with pytest.raises(SystemExit, match="MIEUX_JWT_PUBLIC_KEY or MIEUX_JWT_JWKS_URL"):
        verifier_from(Settings("RS256"))
