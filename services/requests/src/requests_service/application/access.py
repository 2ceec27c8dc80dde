"""Who may see and change which requests (gateway/ACCESS.md); the shared rules live in `service_core.access`.

- programme_manager: every request, every command.
- regional_coordinator: requests of its region only; elsewhere a request does not exist for it (404, and
  `null` in a batch), including for commands.
- focal_point: reads the requests of its own authority (requesting or co-requesting); may submit for it;
  may not decide, withdraw or nominate (403).
- reporting, expert: no request details (403 on every requests endpoint).
"""

from __future__ import annotations

from collections.abc import Iterable

from service_core import access as shared
from service_core.access import Scope, may_manage
from service_core.auth import Principal, Role
from service_core.errors import Forbidden

__all__ = [
    "Scope", "check_may_command", "check_may_erase", "check_may_submit", "may_manage", "may_read", "read_scope",
]  # fmt: skip
WHAT = "requests"


def read_scope(principal: Principal) -> Scope:
    return shared.read_scope(principal, WHAT)


def may_read(principal: Principal, region: str | None, authority_ids: Iterable[str]) -> bool:
    return shared.may_read(principal, region, authority_ids, WHAT)


def check_may_command(principal: Principal) -> None:
    """Deciding, withdrawing and nominating: programme managers and regional coordinators only."""
    shared.check_may_command(principal, "a request")


def check_may_erase(principal: Principal) -> None:
    """Erasing a focal point's personal data: programme managers only (they handle data-subject requests)."""
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("only a programme manager may erase a focal point's personal data")


def check_may_submit(principal: Principal, region: str, authority_ids: Iterable[str]) -> None:
    if may_manage(principal, region):
        return
    if principal.has(Role.FOCAL_POINT) and principal.authority_id in set(authority_ids):
        return
    if principal.has(Role.REGIONAL_COORDINATOR):
        raise Forbidden(f"a regional coordinator of {principal.region} may not submit a request for {region}")
    if principal.has(Role.FOCAL_POINT):
        raise Forbidden("a focal point may submit requests of its own authority only")
    raise Forbidden("this role may not submit requests")
