"""Who may see and change which Actions (gateway/ACCESS.md); the shared rules live in `service_core.access`.

- programme_manager: every Action, every command, and overriding a completion precondition.
- regional_coordinator: Actions of its region only; elsewhere an Action does not exist for it (404, and
  `null` in a batch), for reads and commands alike.
- focal_point: reads the Actions of its own authority (requesting or co-requesting); no commands (403).
- reporting, expert: no Action details (403 on every actions endpoint).
"""

from __future__ import annotations

from collections.abc import Iterable

from service_core import access as shared
from service_core.access import Scope, may_manage
from service_core.auth import Principal, Role
from service_core.errors import Forbidden

__all__ = ["Scope", "check_may_command", "check_may_override", "may_manage", "may_read", "read_scope"]
WHAT = "actions"


def read_scope(principal: Principal) -> Scope:
    return shared.read_scope(principal, WHAT)


def may_read(principal: Principal, region: str | None, authority_ids: Iterable[str]) -> bool:
    return shared.may_read(principal, region, authority_ids, WHAT)


def check_may_command(principal: Principal) -> None:
    shared.check_may_command(principal, "an Action")


def check_may_override(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only a programme manager may override a completion precondition (override_reason)")
