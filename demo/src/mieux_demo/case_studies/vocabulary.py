"""The vocabulary the case studies are written in: activity types, adoption levels, expert specs, deliverables."""

from __future__ import annotations

from datetime import date

from mieux_demo.model import EU_GOV, NON_EU_GOV, OTHER, Deliverable, ExpertSpec

D = date
FFM, WS, DS, SV, TR = "FACT_FINDING_MISSION", "WORKSHOP", "DRAFTING_SESSION", "STUDY_VISIT", "TRAINING"
CONF, PRES, ASSESS, CONSULT = "CONFERENCE", "PRESENTATION", "ASSESSMENT_SESSION", "CONSULTATION"
REMOTE, FIELD, INFO, THEME, MEET = (
    "REMOTE_SUPPORT",
    "FIELD_VISIT",
    "INFORMATION_SESSION",
    "THEMATIC_SESSION",
    "MEETING_WITH_AUTHORITIES",
)
TECH, INST, MIN, GOV, LOCAL, REG = "TECHNICAL", "INSTITUTIONAL", "MINISTERIAL", "GOVERNMENTAL", "LOCAL", "REGIONAL"


def eu(ms: str, level: str = "NATIONAL") -> ExpertSpec:
    return ExpertSpec(EU_GOV, ms, "PUBLIC", level)


def southern(country: str) -> ExpertSpec:
    return ExpertSpec(NON_EU_GOV, country, "PUBLIC", "NATIONAL")


def other(country: str, sector: str) -> ExpertSpec:
    return ExpertSpec(OTHER, country, sector, None)


def adopted(kind: str, title: str, on: date, final: str, level: str, final_on: date) -> Deliverable:
    """Recorded as a draft, validated technically a month later, then `final` at `level` on `final_on`."""
    validated = min(date.fromordinal(on.toordinal() + 30), final_on)
    steps = (("VALIDATED", TECH, validated),) if final != "VALIDATED" else ()
    return Deliverable(kind, title, on, (*steps, (final, level, final_on)))


def drafted(kind: str, title: str, on: date) -> Deliverable:
    return Deliverable(kind, title, on)
