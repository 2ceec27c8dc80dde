"""Portfolio figures ("MIEUX in numbers"), the parts every service shares: filters, scope, periods, percentiles.

Each service answers `GET /portfolio` and `GET /portfolio/series` from its own read models. The query is
the same everywhere: `region, phase, thematic_area, country, from, to` (ISO dates, both inclusive). A
service applies the filters it has a column for and lists the others in `filters_ignored`; which date
`from`/`to` and the series' periods refer to is the service's own (documented in its README).

Access (gateway/ACCESS.md): programme managers and `reporting` see the whole programme; a regional coordinator its
region; a focal point its authority's; experts get 403.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any

from contracts.events.actions import Phase
from contracts.events.requests import Region, ThematicArea
from fastapi import Depends, Query
from pydantic import BaseModel, ConfigDict

from service_core.access import Scope
from service_core.access import read_scope as shared_read_scope
from service_core.auth import Principal, Role
from service_core.errors import Forbidden, InvalidInput
from service_core.inputs import ProgrammeDate
from service_core.paging import Where, scoped

ALL = "all"
"""The one period of `GET /portfolio` (no bucketing)."""
FILTER_NAMES = ("region", "phase", "thematic_area", "country", "from", "to")


class Granularity(StrEnum):
    QUARTER = "QUARTER"
    YEAR = "YEAR"


@dataclass(frozen=True, slots=True)
class PortfolioFilter:
    region: Region | None = None
    phase: Phase | None = None
    thematic_area: ThematicArea | None = None
    country: str | None = None
    from_: date | None = None
    to: date | None = None

    def given(self) -> dict[str, str | None]:
        values = (self.region, self.phase, self.thematic_area, self.country, self.from_, self.to)
        return {name: (None if v is None else str(v)) for name, v in zip(FILTER_NAMES, values, strict=True)}


def portfolio_filter(
    region: Region | None = None,
    phase: Phase | None = None,
    thematic_area: ThematicArea | None = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")] = None,
    from_: Annotated[ProgrammeDate | None, Query(alias="from", description="first day, inclusive")] = None,
    to: Annotated[ProgrammeDate | None, Query(description="last day, inclusive")] = None,
) -> PortfolioFilter:
    if from_ is not None and to is not None and to < from_:
        raise InvalidInput("INVALID_DATE_RANGE", "to: before from", "to")
    return PortfolioFilter(region, phase, thematic_area, country, from_, to)


Filters = Annotated[PortfolioFilter, Depends(portfolio_filter)]


def portfolio_scope(principal: Principal) -> Scope:
    """Programme managers and reporting: everything; coordinators their region; focal points their authority."""
    if principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REPORTING):
        return Scope(everything=True)
    if principal.has(Role.EXPERT) and not (principal.has(Role.REGIONAL_COORDINATOR) or principal.has(Role.FOCAL_POINT)):
        raise Forbidden("experts may not read portfolio figures")
    return shared_read_scope(principal, "portfolio figures")


@dataclass(frozen=True, slots=True)
class Columns:
    """The SQL of one table for each filter; None where the table cannot apply it (then it is ignored).

    `country` is a text[] column (`countries @> ARRAY[...]`) unless `country_is_array` is false.
    """

    date: str | None
    region: str | None = "region"
    phase: str | None = None
    thematic_area: str | None = "thematic_area"
    country: str | None = None
    country_is_array: bool = True


def ignored(columns: Columns) -> list[str]:
    names: list[str] = []
    for name, column in (("region", columns.region), ("phase", columns.phase),
                         ("thematic_area", columns.thematic_area), ("country", columns.country)):  # fmt: skip
        if column is None:
            names.append(name)
    if columns.date is None:
        names.extend(["from", "to"])
    return names


def filtered(
    filters: PortfolioFilter,
    columns: Columns,
    scope: Scope,
    *,
    region_column: str | None = None,
    authorities_column: str = "authority_ids",
) -> Where:
    """The scope's rows (its region or its authorities) narrowed by every filter the table can apply."""
    where = scoped(scope, region_column or columns.region or "region", authorities_column)
    for value, column in ((filters.region, columns.region), (filters.phase, columns.phase),
                          (filters.thematic_area, columns.thematic_area)):  # fmt: skip
        if value is not None and column is not None:
            where.add(f"{column} = {{}}", str(value))
    if filters.country is not None and columns.country is not None:
        template = (
            f"{columns.country} @> ARRAY[{{}}::text]" if columns.country_is_array else f"{columns.country} = {{}}"
        )
        where.add(template, filters.country)
    if columns.date is not None:
        if filters.from_ is not None:
            where.add(f"{columns.date} >= {{}}", filters.from_)
        if filters.to is not None:
            where.add(f"{columns.date} <= {{}}", filters.to)
    return where


def period_sql(column: str, granularity: Granularity | None) -> str:
    """SQL of the period label of `column`: '2019-Q3', '2019', or 'all' without bucketing."""
    if granularity is None:
        return f"'{ALL}'"
    if granularity is Granularity.QUARTER:
        return f"to_char({column}, 'YYYY-\"Q\"Q')"
    return f"to_char({column}, 'YYYY')"


def period_of(day: date, granularity: Granularity) -> str:
    if granularity is Granularity.QUARTER:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def _period_index(label: str) -> tuple[int, int]:
    year, _, quarter = label.partition("-Q")
    return int(year), int(quarter or 1)


def periods_between(first: str, last: str, granularity: Granularity) -> list[str]:
    """Every period label from `first` to `last`, inclusive (gaps in the data become periods too)."""
    (year, quarter), end = _period_index(first), _period_index(last)
    labels = []
    while (year, quarter) <= end:
        labels.append(f"{year}-Q{quarter}" if granularity is Granularity.QUARTER else str(year))
        if granularity is Granularity.QUARTER and quarter < 4:
            quarter += 1
        else:
            year, quarter = year + 1, 1
    return labels


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = fraction * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return round(value, 2)


def share(part: int, whole: int) -> float | None:
    """part / whole rounded to 4 decimals; None when whole is 0."""
    return round(part / whole, 4) if whole else None


def today() -> date:
    return datetime.now(UTC).date()


class PortfolioAnswer(BaseModel):
    """`GET /portfolio`: the figures of one service, the filters applied and ignored, the reader's scope."""

    model_config = ConfigDict(frozen=True)

    service: str
    as_of: date
    scope: dict[str, Any]
    filters: dict[str, str | None]
    filters_ignored: list[str]
    figures: dict[str, Any]


class SeriesAnswer(BaseModel):
    """`GET /portfolio/series`: the same figures per period, oldest first, every period in between included."""

    model_config = ConfigDict(frozen=True)

    service: str
    as_of: date
    scope: dict[str, Any]
    filters: dict[str, str | None]
    filters_ignored: list[str]
    granularity: Granularity
    items: list[dict[str, Any]]


def describe(scope: Scope) -> dict[str, Any]:
    return {
        "everything": scope.everything,
        "regions": sorted(scope.regions),
        "authority_ids": sorted(scope.authority_ids),
    }


def answer(
    service: str, scope: Scope, filters: PortfolioFilter, ignored_names: Iterable[str], figures: Mapping[str, Any]
) -> PortfolioAnswer:
    return PortfolioAnswer(
        service=service,
        as_of=today(),
        scope=describe(scope),
        filters=filters.given(),
        filters_ignored=sorted(set(ignored_names), key=FILTER_NAMES.index),
        figures=dict(figures),
    )


def series(
    service: str,
    scope: Scope,
    filters: PortfolioFilter,
    ignored_names: Iterable[str],
    granularity: Granularity,
    by_period: Mapping[str, Mapping[str, Any]],
    empty: Callable[[], Mapping[str, Any]],
) -> SeriesAnswer:
    """Items from the first to the last period with data (or the `from`/`to` bounds), gaps as `empty()`."""
    labels = sorted((p for p in by_period if p != ALL), key=_period_index)
    first = period_of(filters.from_, granularity) if filters.from_ else (labels[0] if labels else None)
    last = period_of(filters.to, granularity) if filters.to else (labels[-1] if labels else None)
    periods = periods_between(first, last, granularity) if first and last else []
    return SeriesAnswer(
        service=service,
        as_of=today(),
        scope=describe(scope),
        filters=filters.given(),
        filters_ignored=sorted(set(ignored_names), key=FILTER_NAMES.index),
        granularity=granularity,
        items=[{"period": p, **(by_period.get(p) or empty())} for p in periods],
    )
