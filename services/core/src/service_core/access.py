"""Who may see and change which aggregates (gateway/ACCESS.md), the same in every service that scopes by region.

- programme_manager: everything, every command.
- regional_coordinator: its region only; elsewhere an aggregate does not exist for it (404, `null` in a
  batch), for reads and commands alike.
- focal_point: reads what belongs to its own authority (requesting or co-requesting).
- reporting, expert: no details (403).
A service adds its own rules (who may submit, …) on top of these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from service_core.auth import Principal, Role
from service_core.errors import Forbidden, NotFound

S = TypeVar("S")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Scope:
    """Which aggregates a reader may see: all, those of some regions, or those of some authorities."""

    everything: bool = False
    regions: frozenset[str] = frozenset()
    authority_ids: frozenset[str] = frozenset()

    def admits(self, region: str | None, authority_ids: Iterable[str]) -> bool:
        return self.everything or region in self.regions or bool(self.authority_ids.intersection(authority_ids))


def read_scope(principal: Principal, what: str) -> Scope:
    """The scope of `principal`; Forbidden (403) for roles that may not read `what` (e.g. "requests")."""
    if principal.has(Role.PROGRAMME_MANAGER):
        return Scope(everything=True)
    regions = {principal.region} if principal.has(Role.REGIONAL_COORDINATOR) and principal.region else set()
    authorities = {principal.authority_id} if principal.has(Role.FOCAL_POINT) and principal.authority_id else set()
    if not regions and not authorities:
        raise Forbidden(f"this role may not read {what}")
    return Scope(regions=frozenset(regions), authority_ids=frozenset(authorities))


def may_read(principal: Principal, region: str | None, authority_ids: Iterable[str], what: str) -> bool:
    return read_scope(principal, what).admits(region, authority_ids)


def check_may_command(principal: Principal, what: str) -> None:
    """Commands on existing aggregates: programme managers and regional coordinators only (else 403)."""
    if not (principal.has(Role.PROGRAMME_MANAGER) or principal.has(Role.REGIONAL_COORDINATOR)):
        raise Forbidden(f"only programme managers and regional coordinators may change {what}")


def may_manage(principal: Principal, region: str | None) -> bool:
    if principal.has(Role.PROGRAMME_MANAGER):
        return True
    return principal.has(Role.REGIONAL_COORDINATOR) and region is not None and region == principal.region


class Scoped(Protocol):
    """An aggregate's state as far as access goes: whether it exists, its region, its authorities."""

    @property
    def exists(self) -> bool: ...

    @property
    def region(self) -> Any: ...

    @property
    def authority_ids(self) -> Iterable[str]: ...


@dataclass(frozen=True, slots=True)
class ExistingGuard:
    """The guard of commands on existing aggregates: the role check first (403), then an aggregate the
    principal may not see or manage is, for it, not there (404: no probing for ids)."""

    kind: str  # the NotFound kind, "request"
    what: str  # the read scope's name, "requests"
    noun: str  # in the 403, "a request"

    def check(self, principal: Principal) -> None:
        check_may_command(principal, self.noun)

    def admit(self, principal: Principal, state: Scoped, stream_id: str) -> None:
        region = None if state.region is None else str(state.region)
        visible = state.exists and may_read(principal, region, state.authority_ids, self.what)
        if not visible or not may_manage(principal, region):
            raise NotFound(self.kind, stream_id)

    def guarding(self, principal: Principal, stream_id: str, decide: Callable[[S], T]) -> Callable[[S], T]:
        """`decide` behind the guard: checks the role now, the aggregate once it is loaded."""
        self.check(principal)

        def run(state: S) -> T:
            self.admit(principal, cast(Scoped, state), stream_id)
            return decide(state)

        return run
