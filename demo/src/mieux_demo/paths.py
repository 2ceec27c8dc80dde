"""The turns an Action's course takes besides the straight line, on chosen generic Actions (deterministic, no
random draw, so the published figures stay as they are):

- an activity rescheduled (the drafting session moved three weeks later) or replanned (the fourth activity
  first planned as another type), each with its reason (R11);
- a proposal declined by an expert who is never deployed, before the Action's own expert is proposed;
- an EU Member State expert who served on an earlier Action serving on a later one too, on an Action that
  already has an EU Member State expert (so no composition, triangular or South-South figure moves, and the
  distinct experts deployed stay 340);
- the deployments of every completed case study, and of one generic completed Action in three, evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from mieux_demo.model import COMPLETED, EU_GOV, ActionPlan, Activity, Expert, ExpertSpec

RESCHEDULED_BY = timedelta(days=21)
RESCHEDULE_REASON = "The partner authority asked for a later date: its officials were at the budget hearings"
REPLAN_REASON = "The fact-finding mission showed that the partner needed another format"
DECLINE_DAYS = 20  # before the activity
REPLANNED_FROM = {"STUDY_VISIT": "CONFERENCE", "TRAINING": "THEMATIC_SESSION", "CONFERENCE": "TRAINING",
                  "REMOTE_SUPPORT": "WORKSHOP", "THEMATIC_SESSION": "TRAINING"}  # fmt: skip


def _number(plan: ActionPlan) -> int | None:
    """The generic completed Actions' number (action-007 -> 7); None for the others."""
    if plan.outcome != COMPLETED or not plan.key.startswith("action-"):
        return None
    return int(plan.key.removeprefix("action-"))


def with_paths(actions: list[ActionPlan], experts: Sequence[Expert]) -> list[ActionPlan]:
    deployed = {reference for a in actions for _, reference in a.deployments}
    idle = iter([e for e in experts if e.reference not in deployed])
    found = [_with_changes(a) for a in actions]
    specs = {e.reference: e.spec for e in experts}
    for plan in found:
        number = _number(plan)
        if number is not None and number % 8 == 3:
            plan.declined.append((_first_held(plan), next(idle).reference))
        if plan.outcome == COMPLETED and (plan.case_study is not None or (number is not None and number % 3 == 0)):
            plan.evaluated = True
    for index, plan in enumerate(found):
        number = _number(plan)
        if number is not None and number % 9 == 5 and any(specs[r].category == EU_GOV for r in plan.experts):
            _serve_again(plan, found[:index], specs)
    return found


def _with_changes(plan: ActionPlan) -> ActionPlan:
    number = _number(plan)
    if number is None or number % 6 not in (1, 4):
        return plan
    activities = list(plan.activities)
    for i, activity in enumerate(activities):
        if activity.cancelled:
            continue
        if number % 6 == 1 and activity.type == "DRAFTING_SESSION":
            activities[i] = replace(activity, moved_from=activity.starts_on - RESCHEDULED_BY)
            break
        if number % 6 == 4 and activity.type in REPLANNED_FROM:
            activities[i] = replace(activity, replanned_from=REPLANNED_FROM[activity.type])
            break
    return replace(plan, activities=tuple(activities))


def _first_held(plan: ActionPlan) -> int:
    return next(i for i, a in enumerate(plan.activities) if a.held and not a.cancelled)


def _serve_again(plan: ActionPlan, earlier: Sequence[ActionPlan], specs: dict[str, ExpertSpec]) -> None:
    """An EU Member State expert of the nearest earlier completed Action whose work there ended before this
    Action's last held activity starts, deployed on that activity too (no double booking)."""
    target = max(i for i, a in enumerate(plan.activities) if a.held and not a.cancelled)
    for other in reversed(earlier):
        if other.outcome != COMPLETED or other.key == plan.key:
            continue
        for reference in dict.fromkeys(other.experts):
            if specs[reference].category != EU_GOV or reference in plan.experts:
                continue
            if _free(reference, plan.activities[target], earlier):
                plan.deployments.append((target, reference))
                plan.experts.append(reference)
                return


def _free(reference: str, added: Activity, others: Sequence[ActionPlan]) -> bool:
    """The expert's work elsewhere (only ever on these Actions) ended before the activity it is added to."""
    return all(
        other.activities[i].ends_on < added.starts_on
        for other in others
        for i, r in other.deployments
        if r == reference
    )
