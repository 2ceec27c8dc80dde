"""Who delivers an Action (pure): experts by category and nationality, triangular and South-South (R16-R19).

Counted: deployments confirmed or completed (R15: a deployed expert is a registered one). Each expert counts
once per Action, whatever the number of activities. Erased experts still count (their attributes stay).

- triangular (R19): experts from an EU Member State and from at least one other non-EU partner country take
  part. The third side is the Action's partner country itself, whose participation as the beneficiary is
  always there (docs/decisions/2026-12-03-triangular-counts-the-beneficiary.md): no expert of that
  nationality is needed;
- South-South (R19): a non-EU expert from another partner country (not one of the Action's) takes part.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contracts.events.experts import EU_MEMBER_STATES, ExpertCategory
from contracts.reference import country


@dataclass(frozen=True, slots=True)
class Deployed:
    expert_id: str
    category: ExpertCategory
    nationality: str
    member_state: str | None
    completed: bool


@dataclass(frozen=True, slots=True)
class Composition:
    action_id: str
    partner_countries: tuple[str, ...]
    experts_count: int
    deployments_count: int
    completed_deployments_count: int
    by_category: tuple[tuple[ExpertCategory, int], ...]
    by_nationality: tuple[tuple[str, int], ...]
    by_member_state: tuple[tuple[str, int], ...]
    eu_ms_governmental_share: float | None  # R18: share of the Action's experts; None without experts
    triangular: bool
    south_south: bool


def from_eu(d: Deployed) -> bool:
    return d.member_state is not None or d.nationality in EU_MEMBER_STATES


def from_other_partner(d: Deployed, partners: Iterable[str]) -> bool:
    home = country(d.nationality)
    return not from_eu(d) and d.nationality not in set(partners) and home is not None and home.is_partner


def compose(action_id: str, partner_countries: Sequence[str], deployments: Sequence[Deployed]) -> Composition:
    partners = tuple(dict.fromkeys(partner_countries))
    experts = {d.expert_id: d for d in deployments}
    people = list(experts.values())
    categories = Counter(d.category for d in people)
    nationalities = Counter(d.nationality for d in people)
    member_states = Counter(d.member_state for d in people if d.member_state is not None)
    eu = any(from_eu(d) for d in people)
    other_partner = any(from_other_partner(d, partners) for d in people)
    share = categories[ExpertCategory.EU_MS_GOVERNMENTAL] / len(people) if people else None
    return Composition(
        action_id=action_id,
        partner_countries=partners,
        experts_count=len(people),
        deployments_count=len(deployments),
        completed_deployments_count=sum(1 for d in deployments if d.completed),
        by_category=tuple((c, categories[c]) for c in ExpertCategory),
        by_nationality=tuple(sorted(nationalities.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_member_state=tuple(sorted(member_states.items(), key=lambda kv: (-kv[1], kv[0]))),
        eu_ms_governmental_share=round(share, 4) if share is not None else None,
        triangular=eu and other_partner,
        south_south=other_partner,
    )
