"""Marks the views carry for their readers (the gateway maps them to its scalars), and what every list shares."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Self


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


COUNTRY: Final = _Marker("country")
IDENTIFIER: Final = _Marker("identifier")

# An ISO 3166-1 alpha-2 code (the services validate it on the way in).
CountryCode = Annotated[str, COUNTRY]
# The id of an entity, in a field whose name does not end in `_id`/`_ids` (`experts_deployed`).
EntityId = Annotated[str, IDENTIFIER]


class OpenCodes(StrEnum):
    """Codes that grow with the rules: one stored or sent before this code knew it reads as OTHER (its
    message says what it was) instead of failing the read."""

    @classmethod
    def _missing_(cls, value: object) -> Self:
        return cls("OTHER")


class OrderDirection(StrEnum):
    """Which way a list runs on its sort key (`order_by=field:asc|desc`); ties by id the same way."""

    ASC = "asc"
    DESC = "desc"
