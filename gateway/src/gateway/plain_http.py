"""What the gateway's plain HTTP endpoints (the IATI export, the factsheets) share with the services' APIs:
the error body, and the bearer token checked the same way as on `/graphql`."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse
from service_core.app import error_body
from service_core.auth import AuthError, Principal, TokenVerifier


def error_response(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(code, message, field), status, headers=headers)


def bearer(request: Request, verifier: TokenVerifier) -> tuple[Principal, str] | JSONResponse:
    """The caller and its token, or the 401 to answer."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return error_response(401, "UNAUTHENTICATED", "missing bearer token (Authorization: Bearer <token>)")
    try:
        return verifier.verify(token.strip()), token.strip()
    except AuthError as exc:
        return error_response(401, "UNAUTHENTICATED", str(exc))
