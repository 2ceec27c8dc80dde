"""Who may give and read which feedback (gateway/ACCESS.md); the shared scope rules live in `service_core.access`.

- programme_manager: everything; the only role that enters participant feedback; enters Action feedback on
  anyone's behalf; sees comments and notes; sees every aggregate unsuppressed.
- regional_coordinator: its region only (elsewhere a thing does not exist for it: 404, `null` in a batch);
  enters partner feedback on the partner's behalf; reviews of its region only.
- focal_point: its own authority's activities and Actions; enters its authority's partner feedback; no
  reviews.
- expert: gives and reads its own Action feedback, on Actions it is deployed on; nothing else.
- reporting: aggregates without ids only (reviews, completeness counts, portfolio figures), every region; no
  per-activity summary.
Below programme_manager every aggregate cell of fewer than five responses is suppressed.
"""

from __future__ import annotations

from contracts.events.actions import FeedbackSource
from service_core import access as shared
from service_core.access import Scope
from service_core.auth import Principal, Role
from service_core.errors import Forbidden, NotFound

from feedback_service.adapters.views import Visible

__all__ = ["Scope", "aggregate_scope", "read_scope", "suppresses"]  # and the check_* functions

WHAT = "feedback"


def suppresses(principal: Principal) -> bool:
    return not principal.has(Role.PROGRAMME_MANAGER)


def read_scope(principal: Principal) -> Scope:
    """Individual feedback (Action feedback items): programme managers, coordinators, focal points."""
    return shared.read_scope(principal, WHAT)


def aggregate_scope(principal: Principal) -> Scope:
    """Completeness: reporting sees every region (counts only, `aggregates_only`); experts none."""
    if principal.has(Role.REPORTING) and not principal.has(Role.REGIONAL_COORDINATOR):
        return Scope(everything=True)
    return shared.read_scope(principal, "feedback aggregates")


def summary_scope(principal: Principal) -> Scope:
    """Per-activity summaries name the activity: not for `reporting` (aggregates without ids); experts none."""
    return shared.read_scope(principal, "per-activity feedback summaries")


def aggregates_only(principal: Principal) -> bool:
    """The reporting role reads aggregates only (gateway/ACCESS.md): no ids of activities, Actions or experts."""
    return principal.has(Role.REPORTING) and not (
        principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REGIONAL_COORDINATOR)
    )


def review_region(principal: Principal, region: str | None) -> str | None:
    """The region a review is restricted to: a coordinator's own (403 for another); focal points, experts: 403."""
    if principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REPORTING):
        return region
    if principal.has(Role.REGIONAL_COORDINATOR):
        if region is not None and region != principal.region:
            raise Forbidden("a regional coordinator reviews its own region only")
        return principal.region
    raise Forbidden("this role may not read reviews")


def check_may_close_periods(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only a programme manager may close a review period")


def check_may_read_comments(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only a programme manager may read participants' comments")


def check_may_enter_participant_feedback(principal: Principal) -> None:
    """Participant responses are entered by MIEUX staff only (paper forms, the online survey's import): a
    coordinator or focal point who could add responses of its own could subtract them from a summary and
    recover a hidden one (docs/decisions/2026-12-03-participant-feedback-suppression.md)."""
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only MIEUX programme managers enter participant feedback")


def action_feedback_giver(
    principal: Principal,
    action_id: str,
    where: Visible,
    partner_authority: str,
    source: FeedbackSource,
    expert_id: str | None,
) -> tuple[str | None, bool]:
    """Who gives this feedback: (expert id, on behalf?). 403 for a role that may not, 404 for a hidden Action."""
    if source is FeedbackSource.EXPERT:
        if principal.has(Role.PROGRAMME_MANAGER):
            return expert_id, principal.expert_id != expert_id
        if principal.has(Role.EXPERT):
            if expert_id is not None and expert_id != principal.expert_id:
                raise Forbidden("an expert gives its own feedback only (expert_id is the token's)")
            return principal.expert_id, False
        raise Forbidden("expert feedback comes from the expert, or a programme manager on its behalf")
    if principal.has(Role.PROGRAMME_MANAGER):
        return None, True
    if principal.has(Role.REGIONAL_COORDINATOR) and principal.region == where.region:
        return None, True
    if principal.has(Role.FOCAL_POINT) and principal.authority_id == partner_authority:
        return None, False
    staff = principal.has(Role.REGIONAL_COORDINATOR) or principal.has(Role.FOCAL_POINT)
    if staff and not shared.may_read(principal, where.region, where.authority_ids, WHAT):
        raise NotFound("action", action_id)
    raise Forbidden("partner feedback comes from the partner authority's focal point, or staff on its behalf")
