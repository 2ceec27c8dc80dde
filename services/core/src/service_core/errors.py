"""Errors a service answers with: a machine-readable code, a message, and the field when there is one."""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    """The one error shape of every HTTP API: {"error": {"code", "message", "field", ...}}."""
    return {"error": {"code": code, "message": message, "field": field, **extra}}


class DomainError(Exception):
    """A command refused by a rule of the domain (HTTP 409 unless said otherwise)."""

    status = 409

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class InvalidInput(DomainError):
    """The input names something that does not exist or is out of range (HTTP 422, with the field)."""

    status = 422


class NotFound(DomainError):
    status = 404

    def __init__(self, what: str, identifier: str) -> None:
        super().__init__("NOT_FOUND", f"{what} {identifier!r} does not exist", "id")


class Forbidden(DomainError):
    status = 403

    def __init__(self, message: str = "not allowed for this token") -> None:
        super().__init__("FORBIDDEN", message)


class Unavailable(DomainError):
    """The work cannot be done right now for a reason outside the request (HTTP 503); try again later."""

    status = 503


CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION"


def check_version(what: str, version: int, expected: int | None) -> None:
    """The optimistic lock a client asked for: refused (409) unless `what` is still at `expected`."""
    if expected is not None and expected != version:
        message = f"the {what} is at version {version}, not {expected}: reload and retry"
        raise DomainError(CONCURRENT_MODIFICATION, message, "expected_version")
