"""Who may see and change what in the experts service (gateway/ACCESS.md, R17); shared rules in `service_core.access`.

- programme_manager: everything, personal data included; every command.
- expert: its own profile (with its personal data) and its own deployments; confirms or declines them.
- regional_coordinator: profiles (never personal data) of experts deployed or proposed in its region (not
  searched, since a search finds experts by name; not ordered by the figures it sees cut to its region),
  deployments and candidate lists of activities in its region (candidates of the whole roster, shown by id
  and the non-personal candidate profile only: category, nationality, expertise, languages, availability);
  proposes and cancels deployments there.
- focal_point: deployments on its own authority's Actions (ids and categories, no personal data) and the
  composition of those Actions.
- reporting: no per-Action composition (it names the Action and its experts); the portfolio figures only.
Outside its scope an aggregate does not exist for a token (404, `null` in a batch).
"""

from __future__ import annotations

from dataclasses import dataclass

from service_core import access as shared
from service_core.access import Scope, may_manage
from service_core.auth import Principal, Role
from service_core.errors import DomainError, Forbidden, InvalidInput
from service_core.paging import INVALID_ORDER, Order

from experts_service.domain import errors

__all__ = ["ExpertScope", "PersonalDataHidden", "Scope", "may_manage"]


@dataclass(frozen=True, slots=True)
class ExpertScope:
    """Which expert profiles a token may read, and whether it sees their personal data."""

    everything: bool = False
    regions: frozenset[str] = frozenset()
    expert_id: str | None = None
    personal_data: bool = False


def expert_scope(principal: Principal) -> ExpertScope:
    if principal.has(Role.PROGRAMME_MANAGER):
        return ExpertScope(everything=True, personal_data=True)
    if principal.has(Role.EXPERT) and principal.expert_id:
        return ExpertScope(expert_id=principal.expert_id, personal_data=True)
    if principal.has(Role.REGIONAL_COORDINATOR) and principal.region:
        return ExpertScope(regions=frozenset({principal.region}))
    raise Forbidden("this role may not read expert profiles")


class PersonalDataHidden(DomainError):
    """A search of the roster by a role that may not read personal data (HTTP 403): a search finds experts by
    name, organisation and CV, so even its count would say who is on the roster. Refused whatever the words,
    so the refusal says nothing either."""

    status = 403

    def __init__(self) -> None:
        super().__init__(
            errors.PERSONAL_DATA_HIDDEN,
            "search: the roster is searched by name, organisation and CV, which this role may not read; "
            "filter by the profile instead (category, thematic area, topic, language, ...)",
            "search",
        )


def check_list(scope: ExpertScope, search: str | None, order: Order, figures: frozenset[str]) -> None:
    """What a roster list may ask of this scope: a search only with personal data; the order of the figures
    (scores, deployments) only for those who see the programme's own (not a coordinator, who sees its region's)."""
    if search is not None and not scope.personal_data:
        raise PersonalDataHidden()
    if order.field in figures and not scope.everything and scope.expert_id is None:
        raise InvalidInput(
            INVALID_ORDER,
            f"order_by: {order.field} orders the programme's own figures; yours are cut to your region",
            "order_by",
        )


def deployment_scope(principal: Principal) -> ExpertScope | Scope:
    """An ExpertScope for an expert (its own deployments), else the shared region/authority scope."""
    if principal.has(Role.EXPERT) and not principal.has(Role.PROGRAMME_MANAGER) and principal.expert_id:
        return ExpertScope(expert_id=principal.expert_id)
    return shared.read_scope(principal, "deployments")


def composition_scope(principal: Principal) -> Scope:
    """Per-Action compositions carry the Action's and its experts' ids: not for `reporting`, which reads
    aggregates without ids only (the portfolio figures)."""
    return shared.read_scope(principal, "compositions")


def notes_visible(principal: Principal) -> bool:
    return principal.has(Role.PROGRAMME_MANAGER)


def check_may_manage_roster(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only programme managers manage the roster")


def check_may_match(principal: Principal) -> None:
    if not (principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REGIONAL_COORDINATOR)):
        raise Forbidden("only the programme team may list candidates")


def check_may_propose(principal: Principal) -> None:
    shared.check_may_command(principal, "deployments")


def may_answer_for(principal: Principal, expert_id: str) -> bool:
    """Confirm or decline: the expert itself, or a programme manager on its behalf."""
    return principal.has(Role.PROGRAMME_MANAGER) or (principal.has(Role.EXPERT) and principal.expert_id == expert_id)


def check_may_answer(principal: Principal) -> None:
    if not (principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.EXPERT)):
        raise Forbidden("only the expert (or a programme manager on its behalf) confirms or declines")


def check_may_evaluate(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only programme managers evaluate experts")
