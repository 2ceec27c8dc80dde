"""Warnings (not refusals) shown with an Action: the "should" rules of the domain (S in domain-model §5)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from contracts.events.actions import ActivityType, CapacityLevel, Phase
from contracts.events.requests import ThematicArea
from contracts.views.actions import ActionWarningCode as Code

from actions_service.domain.activities import LAUNCH_WITHIN_DAYS

NORMAL_ACTIVITY_COUNT = 7  # R08: "normally composed of six or seven activities"
USUAL_FACT_FINDING_DAYS = 7  # R28: a fact-finding mission usually takes about a week


@dataclass(frozen=True, slots=True)
class Warning:
    code: Code
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class Launch:
    """R10 figures: due 90 days after approval; late when launched after that, or still not launched."""

    due_on: date
    late: bool
    days_from_request: int | None
    days_from_approval: int | None


def launch(received_on: date, approved_on: date, launched_on: date | None, today: date) -> Launch:
    due = approved_on + timedelta(days=LAUNCH_WITHIN_DAYS)
    if launched_on is None:
        return Launch(due, today > due, None, None)
    return Launch(due, launched_on > due, (launched_on - received_on).days, (launched_on - approved_on).days)


def warnings(
    *,
    active_activities: int,
    first_activity_type: ActivityType | None,
    capacity_levels: frozenset[CapacityLevel] | None,
    phase: Phase,
    thematic_area: ThematicArea,
    launch_late: bool,
    launched: bool,
    planned_sequence: Sequence[ActivityType] | None = None,
    unmodified_activity_types: Sequence[ActivityType] = (),
    fact_finding_days: int | None = None,
    endorsed: bool = False,
) -> list[Warning]:
    """`active_activities` counts planned and held ones (not cancelled); `capacity_levels` and
    `planned_sequence` are None without Fiche; `unmodified_activity_types` are the activities not cancelled
    that no recorded modification explains (R07)."""
    found = []
    if active_activities > NORMAL_ACTIVITY_COUNT:
        found.append(
            Warning(
                Code.TOO_MANY_ACTIVITIES,
                "R08",
                f"{active_activities} activities planned; an Action normally has six or seven",
            )
        )
    if first_activity_type is not None and first_activity_type is not ActivityType.FACT_FINDING_MISSION:
        found.append(
            Warning(
                Code.FIRST_ACTIVITY_NOT_FACT_FINDING,
                "R28",
                f"the first activity is a {first_activity_type.lower().replace('_', ' ')}, not a fact-finding mission",
            )
        )
    if capacity_levels is not None and (missing := [lvl for lvl in CapacityLevel if lvl not in capacity_levels]):
        found.append(
            Warning(
                Code.CAPACITY_LEVELS_NOT_ADDRESSED,
                "R06",
                f"the Action Fiche does not say how it addresses: {', '.join(missing)}",
            )
        )
    if phase is Phase.MIEUX_I and thematic_area is not ThematicArea.IRREGULAR_MIGRATION_THB:
        found.append(
            Warning(
                Code.MIEUX_I_OUTSIDE_IRREGULAR_MIGRATION, "R22", "MIEUX I was mandated for irregular migration only"
            )
        )
    if launch_late:
        message = "launched" if launched else "not launched"
        found.append(Warning(Code.LAUNCHED_LATE, "R10", f"{message} within {LAUNCH_WITHIN_DAYS} days of approval"))
    if planned_sequence is not None and (extra := off_plan(planned_sequence, unmodified_activity_types)):
        listed = ", ".join(f"{n} {kind.lower().replace('_', ' ')}" for kind, n in sorted(extra.items()))
        found.append(
            Warning(
                Code.ACTIVITIES_OFF_PLAN,
                "R07",
                f"activities beyond the Action Fiche's planned sequence, with no recorded modification: {listed}",
            )
        )
    if fact_finding_days is not None and fact_finding_days > USUAL_FACT_FINDING_DAYS:
        found.append(
            Warning(
                Code.FACT_FINDING_LONGER_THAN_USUAL,
                "R28",
                f"the fact-finding mission lasts {fact_finding_days} days; it usually takes about a week",
            )
        )
    if launched and not endorsed:
        found.append(
            Warning(
                Code.NOT_ENDORSED, "R24", "launched without the requesting institution's leadership endorsing the Fiche"
            )
        )
    return found


def off_plan(planned: Sequence[ActivityType], held_or_planned: Sequence[ActivityType]) -> Counter[ActivityType]:
    """Activities of each type beyond the number the Fiche planned (R07): the drift from its sequence."""
    return Counter(held_or_planned) - Counter(planned)
