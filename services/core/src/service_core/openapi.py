"""Pieces every service's HTTP API documents the same way: the error body, error responses, paging types."""

from __future__ import annotations

from typing import Any

from contracts.bodies.base import ExpectedVersion
from pydantic import BaseModel


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


def error_responses(what: str, *, commands: bool = False) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` of a route: 401, 403, 422 always; 404 and 409 on commands and reads by id."""
    found: dict[int | str, dict[str, Any]] = {
        401: {"model": ErrorBody, "description": "missing, invalid or expired bearer token (UNAUTHENTICATED)"},
        403: {"model": ErrorBody, "description": "the role may not do this (FORBIDDEN)"},
        422: {"model": ErrorBody, "description": "bad input; `error.field` names the field"},
    }
    if commands:
        found[404] = {"model": ErrorBody, "description": f"no such {what} visible to this token (NOT_FOUND)"}
        found[409] = {
            "model": ErrorBody,
            "description": "illegal transition or concurrent edit; `error.code` says which",
        }
    return found


__all__ = ["ErrorBody", "ErrorDetail", "ExpectedVersion", "error_responses"]
