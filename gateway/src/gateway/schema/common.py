"""Types every part of the graph shares: typed errors, paging, consistency tokens."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NewType, TypeAlias

import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.error_codes import UserErrorCode

_COUNTRY = re.compile(r"^[A-Z]{2}$")
MAX_LISTED = 20  # values of a list filter, as the services take them
LISTED = f"Any of these (1 to {MAX_LISTED} values); with the other filters, AND."


def _country(value: object) -> str:
    if not isinstance(value, str) or not _COUNTRY.match(value):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (two capital letters)")
    return value


if TYPE_CHECKING:
    CountryCode: TypeAlias = str
else:
    CountryCode = NewType("CountryCode", str)

# Custom scalars by the Python type fields are annotated with (StrawberryConfig.scalar_map; GatewaySchema uses it)
SCALARS: dict[object, ScalarDefinition] = {
    CountryCode: strawberry.scalar(
        name="CountryCode",
        description="An ISO 3166-1 alpha-2 country code, e.g. `CV`.",
        specified_by_url="https://www.iso.org/iso-3166-country-codes.html",
        serialize=str,
        parse_value=_country,
    )
}


@strawberry.type(description="Why a mutation did not do what was asked. `field` names the input field, if any.")
class UserError:
    code: UserErrorCode
    message: str
    field: str | None = None


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def camel(name: str | None) -> str | None:
    """Service field paths are snake_case; GraphQL input fields are camelCase."""
    if name is None:
        return None
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def user_error(exc: ServiceError) -> UserError:
    return UserError(code=UserErrorCode.of(exc.code), message=exc.message, field=camel(exc.field))


def graphql_error(exc: ServiceError | ServiceUnavailable) -> GraphQLError:
    if isinstance(exc, ServiceUnavailable):
        return GraphQLError(str(exc), extensions={"code": "SERVICE_UNAVAILABLE", "service": exc.service})
    extensions: dict[str, Any] = {"code": exc.code}
    if exc.field:
        extensions["field"] = camel(exc.field)
    return GraphQLError(exc.message, extensions=extensions)


def clamp_first(first: int | None, maximum: int) -> int:
    if first is None:
        return min(20, maximum)
    if first < 0 or first > maximum:
        raise GraphQLError(
            f"`first` must be between 0 and {maximum}", extensions={"code": "BAD_USER_INPUT", "field": "first"}
        )
    return first
