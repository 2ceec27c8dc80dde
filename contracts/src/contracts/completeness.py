"""R13 as one definition: when an Action's Action-level feedback is complete.

Both the feedback service (its completeness report and portfolio) and the actions service (the completion
gate) decide with `action_feedback_gap`, so an Action the gate lets through is never reported as missing
feedback. The experts counted are those whose deployment on one of the Action's activities completed
(`DeploymentCompleted`: the activity was held with them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ActionFeedbackGap:
    experts_without_feedback: tuple[str, ...]  # deployed experts who gave none, sorted
    missing_expert_feedback: bool  # no expert gave any, or a deployed expert has not
    missing_partner_feedback: bool

    @property
    def complete(self) -> bool:
        return not (self.missing_expert_feedback or self.missing_partner_feedback)


def action_feedback_gap(
    deployed_experts: Iterable[str], experts_given: Iterable[str | None], partner_given: bool
) -> ActionFeedbackGap:
    """`experts_given`: the experts who gave Action-level feedback (None: one whose id is not known, as in
    feedback recorded before ids were carried; it counts as some expert feedback)."""
    given = list(experts_given)
    missing = tuple(sorted(set(deployed_experts) - {g for g in given if g is not None}))
    return ActionFeedbackGap(missing, not given or bool(missing), not partner_given)
