"""What a factsheet shows, read live from the services with the reader's token: the services apply the access
rules (a coordinator's figures are its region's; feedback cells under five responses are suppressed), so a
factsheet can show no more than the graph would."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from contracts.events.requests import Region, ThematicArea

from gateway.clients import ServiceClient, ServiceError
from gateway.context import Services

SERVICES = ("requests", "actions", "experts", "feedback")
_PAGE = 100  # the services' largest page

REGION_NAMES = {
    Region.AFRICA: "Africa",
    Region.ASIA: "Asia",
    Region.EU_NEIGHBOURHOOD: "EU Neighbourhood",
    Region.LATIN_AMERICA_CARIBBEAN: "Latin America and the Caribbean",
}
AREA_NAMES = {
    ThematicArea.IRREGULAR_MIGRATION_THB: "Irregular migration and trafficking in human beings",
    ThematicArea.LEGAL_MIGRATION_MOBILITY: "Legal migration and mobility",
    ThematicArea.MIGRATION_DEVELOPMENT: "Migration and development",
    ThematicArea.INTERNATIONAL_PROTECTION_ASYLUM: "International protection and asylum",
    ThematicArea.HORIZONTAL: "Horizontal (migration governance)",
}


@dataclass(frozen=True)
class Subject:
    """A region or a thematic area: the names of both are disjoint, so one path segment names either."""

    kind: Literal["region", "thematic_area"]
    value: str

    @property
    def title(self) -> str:
        names: dict[Any, str] = REGION_NAMES if self.kind == "region" else AREA_NAMES
        return names[self.value]

    @property
    def kind_label(self) -> str:
        return "Region" if self.kind == "region" else "Thematic area"

    @property
    def filters(self) -> dict[str, str]:
        return {self.kind: self.value}


def subject_of(name: str) -> Subject | None:
    if name in Region.__members__:
        return Subject("region", name)
    if name in ThematicArea.__members__:
        return Subject("thematic_area", name)
    return None


def every_subject() -> list[Subject]:
    return [Subject("region", r.value) for r in Region] + [Subject("thematic_area", a.value) for a in ThematicArea]


@dataclass
class Factsheet:
    subject: Subject
    as_of: date
    scope: dict[str, Any]  # the reader's scope, as the services describe it
    figures: dict[str, dict[str, Any] | None]  # per service; None when the reader may not see that part
    by_year: list[dict[str, Any]]  # the actions service's yearly series: period, opened, completed
    actions: list[dict[str, Any]] | None  # None when the reader may not list Actions (the reporting role)
    refused: dict[str, str] = field(default_factory=dict)  # part -> the service's reason

    def figure(self, service: str, *path: str | int) -> Any:
        """A figure by its path in the service's answer (`figure("actions", "actions", "completed")`)."""
        found: Any = self.figures.get(service)
        for step in path:
            if found is None:
                return None
            found = found[step]
        return found


async def gather(services: Services, token: str, subject: Subject, deadline: float | None = None) -> Factsheet:
    """Every part at once; a part the reader may not see (403) is left out and named, any other refusal or an
    unavailable service raises."""
    refused: dict[str, str] = {}

    async def part(client: ServiceClient, path: str, params: dict[str, Any]) -> Any:
        try:
            return await client.get(path, token, params, deadline)
        except ServiceError as exc:
            if exc.status != 403:
                raise
            refused[f"{client.name}{path}"] = exc.message
            return None

    portfolios = [part(getattr(services, s), "/portfolio", subject.filters) for s in SERVICES]
    series = part(services.actions, "/portfolio/series", {**subject.filters, "granularity": "YEAR"})
    answers = await asyncio.gather(*portfolios, series, _every_action(services.actions, token, subject, deadline))
    *figures, by_year, actions = answers
    found = next((a for a in figures if a is not None), None)
    return Factsheet(
        subject=subject,
        as_of=date.fromisoformat(found["as_of"]) if found else date.today(),
        scope=found["scope"] if found else {},
        figures={s: a["figures"] if a else None for s, a in zip(SERVICES, figures, strict=True)},
        by_year=[
            {"period": i["period"], "opened": i["actions"]["opened"], "completed": i["completed"]}
            for i in (by_year or {}).get("items", [])
        ],
        actions=actions,
        refused=refused,
    )


async def _every_action(
    client: ServiceClient, token: str, subject: Subject, deadline: float | None
) -> list[dict[str, Any]] | None:
    """Every Action of the subject the reader may see, page by page, oldest code first."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {**subject.filters, "limit": _PAGE, **({"cursor": cursor} if cursor else {})}
        try:
            page = await client.get("/actions", token, params, deadline)
        except ServiceError as exc:
            if exc.status == 403:
                return None
            raise
        found.extend(page["items"])
        if not page["has_next_page"]:
            return sorted(found, key=lambda a: _code_order(a["code"]))
        cursor = page["next_cursor"]


def _code_order(code: str) -> tuple[int, int]:
    year, _, number = code.partition("-")
    return int(year), int(number)
