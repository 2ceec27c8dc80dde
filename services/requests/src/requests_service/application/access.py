"""Who may see and change which requests (DESIGN §6).

- programme_manager: every request, every command.
- regional_coordinator: requests of its region only; elsewhere a request does not exist for it (404, and
  `null` in a batch), including for commands.
- focal_point: reads the requests of its own authority (requesting or co-requesting); may submit for it;
  may not decide, withdraw or nominate (403).
- reporting, expert: no request details (403 on every requests endpoint).
"""

from __future__ import annotations

from collections.abc import Iterable

from service_core.auth import Principal, Role
from service_core.errors import Forbidden

from requests_service.adapters.views import Scope


def read_scope(principal: Principal) -> Scope:
    if principal.has(Role.PROGRAMME_MANAGER):
        return Scope(everything=True)
    regions = {principal.region} if principal.has(Role.REGIONAL_COORDINATOR) and principal.region else set()
    authorities = {principal.authority_id} if principal.has(Role.FOCAL_POINT) and principal.authority_id else set()
    if not regions and not authorities:
        raise Forbidden("this role may not read requests")
    return Scope(regions=frozenset(regions), authority_ids=frozenset(authorities))


def may_read(principal: Principal, region: str | None, authority_ids: Iterable[str]) -> bool:
    scope = read_scope(principal)
    return scope.everything or region in scope.regions or bool(scope.authority_ids.intersection(authority_ids))


def check_may_command(principal: Principal) -> None:
    """Deciding, withdrawing and nominating: programme managers and regional coordinators only."""
    if not (principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REGIONAL_COORDINATOR)):
        raise Forbidden("only programme managers and regional coordinators may change a request")


def may_manage(principal: Principal, region: str | None) -> bool:
    if principal.has(Role.PROGRAMME_MANAGER):
        return True
    return principal.has(Role.REGIONAL_COORDINATOR) and region is not None and region == principal.region


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
