"""How a deliverable's status may move (R26), as the report's cases show it (pure).

Two tracks, each forward only, independent of each other:
- **approval**: validated, endorsed, adopted (approved), each at a level. The levels form three tiers:
  technical; institutional or ministerial; governmental, national, local or regional (the authority's own
  legal instrument: a decree, a council's adoption). A step must be at a higher tier than the last
  approval step, or at the same tier and later in validated → endorsed → adopted. Côte d'Ivoire's THB
  strategy was validated at a technical workshop, then endorsed by the government; Ghana's diaspora policy
  was validated at ministerial level after its launch.
- **roll-out**: launched, then implemented (either may come first: implemented without a launch). It does
  not wait for approval: Ghana launched its policy in July 2019 and validated it in February 2020; parts of
  Malawi's were implemented before its adoption in February 2019.
"""

from __future__ import annotations

from collections.abc import Sequence

from contracts.events.actions import DeliverableLevel, DeliverableStatus

S, L = DeliverableStatus, DeliverableLevel
APPROVAL: tuple[DeliverableStatus, ...] = (S.VALIDATED, S.ENDORSED, S.ADOPTED)
ROLLOUT: tuple[DeliverableStatus, ...] = (S.LAUNCHED, S.IMPLEMENTED)
TIERS: dict[DeliverableLevel, int] = {
    L.TECHNICAL: 1, L.INSTITUTIONAL: 2, L.MINISTERIAL: 2, L.GOVERNMENTAL: 3, L.NATIONAL: 3, L.LOCAL: 3, L.REGIONAL: 3,
}  # fmt: skip

Step = tuple[DeliverableStatus, DeliverableLevel]


def _rank(step: Step) -> tuple[int, int]:
    status, level = step
    return (TIERS[level], APPROVAL.index(status)) if status in APPROVAL else (0, ROLLOUT.index(status))


def last_on_track(steps: Sequence[Step], status: DeliverableStatus) -> Step | None:
    track = APPROVAL if status in APPROVAL else ROLLOUT
    found = [s for s in steps if s[0] in track]
    return found[-1] if found else None


def refusal(steps: Sequence[Step], status: DeliverableStatus, level: DeliverableLevel) -> str | None:
    """Why `status` at `level` cannot follow `steps` (the changes so far, oldest first); None if it can."""
    if status is S.DRAFTED:
        return "a deliverable is drafted when recorded; it does not return to DRAFTED"
    last = last_on_track(steps, status)
    if last is None or _rank((status, level)) > _rank(last):
        return None
    if status in APPROVAL:
        return (
            f"it was already {last[0]} at {last[1]} level: an approval step must be at a higher tier "
            "(technical < institutional/ministerial < governmental/national/local/regional) or later at the same "
            "tier (VALIDATED → ENDORSED → ADOPTED)"
        )
    return f"it was already {last[0]}: roll-out moves forward only (LAUNCHED → IMPLEMENTED)"
