"""The headline figures of a factsheet: where each comes from in the services' portfolio answers and how it
reads. The HTML page and the PDF print the same list; tests compare it with `Query.portfolio`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gateway.factsheets.data import Factsheet


@dataclass(frozen=True)
class Figure:
    key: str  # service.path: the data-figure attribute of the HTML page
    label: str
    service: str
    path: tuple[str, ...]
    share: bool = False  # a share 0..1, printed as a percentage

    def value(self, sheet: Factsheet) -> Any:
        return sheet.figure(self.service, *self.path)

    def text(self, sheet: Factsheet) -> str:
        value = self.value(sheet)
        if value is None:
            return "not within your access" if sheet.figures.get(self.service) is None else "n/a"
        if self.share:
            return f"{value * 100:.1f} %"
        return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _figure(service: str, label: str, *path: str, share: bool = False) -> Figure:
    return Figure(".".join((service, *path)), label, service, path, share)


SECTIONS: list[tuple[str, list[Figure]]] = [
    (
        "Requests",
        [
            _figure("requests", "Requests received", "received"),
            _figure("requests", "Requests approved", "approved"),
            _figure("requests", "Requests open", "open"),
        ],
    ),
    (
        "Actions",
        [
            _figure("actions", "Actions opened", "actions", "opened"),
            _figure("actions", "Actions in preparation", "actions", "in_preparation"),
            _figure("actions", "Actions ongoing", "actions", "ongoing"),
            _figure("actions", "Actions completed", "actions", "completed"),
            _figure("actions", "Median days from approval to launch", "rapid_reaction", "median_days_to_launch"),
            _figure(
                "actions", "Launched within 90 days", "rapid_reaction", "share_launched_within_90_days", share=True
            ),
            _figure("actions", "Completed Actions on trafficking in human beings", "themes", "thb_completed"),
            _figure("actions", "Completed Actions on labour migration", "themes", "labour_migration_completed"),
            _figure("actions", "Countries reached", "themes", "countries_reached"),
        ],
    ),
    (
        "Experts",
        [
            _figure("experts", "Experts deployed", "deployed", "count"),
            _figure("experts", "EU Member States of the experts deployed", "deployed", "member_states"),
            _figure("experts", "Deployed experts from outside the EU", "deployed", "non_eu"),
            _figure("experts", "Actions with experts deployed", "actions_with_deployments"),
            _figure("experts", "Triangular Actions", "triangular"),
            _figure("experts", "South-South Actions", "south_south"),
        ],
    ),
    (
        "Feedback",
        [
            _figure("feedback", "Participants' responses", "participant", "responses"),
            _figure("feedback", "Activities with participants' feedback", "participant", "activities"),
            _figure("feedback", "Experts' and partners' Action feedback", "action_level", "responses"),
            _figure(
                "feedback",
                "Held activities with participants' feedback",
                "completeness",
                "share_with_participant_feedback",
                share=True,
            ),
        ],
    ),
]


def every_figure() -> list[Figure]:
    return [figure for _, figures in SECTIONS for figure in figures]


def criteria(sheet: Factsheet) -> list[tuple[str, str]]:
    """Participants' mean score per criterion, or why it is not shown (a cell under five responses)."""
    found = sheet.figure("feedback", "participant", "criteria") or []
    return [
        (
            c["criterion"].replace("_", " ").lower(),
            "suppressed (fewer than five responses)" if c["mean"] is None else f"{c['mean']:.2f}",
        )
        for c in found
    ]


def scope_note(sheet: Factsheet) -> str:
    scope = sheet.scope
    if scope.get("everything"):
        return "the whole programme"
    parts = [
        *(f"region {r}" for r in scope.get("regions", [])),
        *(f"authority {a}" for a in scope.get("authority_ids", [])),
    ]
    return ", ".join(parts) or "aggregates only"
