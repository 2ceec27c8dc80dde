"""What the demo portfolio is made of: plain frozen records, turned into HTTP bodies by the loader."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

NATIONAL = "NATIONAL_GOVERNMENT"
EU_GOV, NON_EU_GOV, OTHER = "EU_MS_GOVERNMENTAL", "NON_EU_GOVERNMENTAL", "OTHER"
IRR, LEG, MD, IP, HOR = (
    "IRREGULAR_MIGRATION_THB", "LEGAL_MIGRATION_MOBILITY", "MIGRATION_DEVELOPMENT", "INTERNATIONAL_PROTECTION_ASYLUM",
    "HORIZONTAL",
)  # fmt: skip
AFRICA, ASIA, EUN, LAC = "AFRICA", "ASIA", "EU_NEIGHBOURHOOD", "LATIN_AMERICA_CARIBBEAN"
COMPLETED, ONGOING, IN_PREPARATION = "COMPLETED", "ONGOING", "IN_PREPARATION"


@dataclass(frozen=True)
class Authority:
    name: str
    acronym: str | None
    type: str = NATIONAL
    country: str | None = None

    def body(self) -> dict[str, str | None]:
        return {"name": self.name, "acronym": self.acronym, "type": self.type, "country": self.country}


@dataclass(frozen=True)
class Activity:
    type: str
    starts_on: date
    days: int = 2
    place: str | None = None  # ISO country; None = remote
    city: str | None = None
    held: bool = True
    cancelled: bool = False
    participants: int = 25
    moved_from: date | None = None  # first planned to start then, rescheduled with a reason (R11)
    replanned_from: str | None = None  # first planned as this type, redesigned with a reason (R11)

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=self.days - 1)

    @property
    def first_planned(self) -> Activity:
        """The activity as it was first planned, before it was replanned or rescheduled."""
        return replace(self, type=self.replanned_from or self.type, starts_on=self.moved_from or self.starts_on,
                       moved_from=None, replanned_from=None)  # fmt: skip


@dataclass(frozen=True)
class Deliverable:
    kind: str
    title: str
    recorded_on: date
    steps: tuple[tuple[str, str, date], ...] = ()  # (status, level, changed_on), in the order they happened


@dataclass(frozen=True)
class Learning:
    kind: str  # LESSON_LEARNT | GOOD_PRACTICE
    category: str  # OUTCOME | METHODOLOGY | APPROACH | ACTIVITIES | OUTPUT
    summary: str


@dataclass(frozen=True)
class Outcome:
    summary: str
    capacity_level: str
    deliverables: tuple[str, ...] = ()  # titles of the Action's deliverables it stems from


@dataclass(frozen=True)
class FollowUp:
    """What the follow-up exercise learnt of an Action: (kind, description, status) of what it set up."""

    channel: str  # ROUND_TABLE | QUESTIONNAIRE | MISSION | REMOTE | PARTNER_REPORT
    summary: str
    observed_on: date
    mechanisms: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Replication:
    country: str
    summary: str
    observed_on: date
    request_of: str | None = None  # key of the Action whose request it arrived as, if any


@dataclass(frozen=True)
class Complement:
    """Another actor's initiative the Action complements (R27)."""

    name: str
    kind: str
    relation: str
    recorded_on: date
    initiative: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """An external evaluation of the programme: (criterion, finding) pairs, recommendations."""

    kind: str
    title: str
    evaluator: str
    started_on: date
    ended_on: date
    findings: tuple[tuple[str, str], ...]
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormerFocalPoint:
    """An expert who had been a focal point (of this kind) of the request of the Action `plan`."""

    expert: str  # reference
    plan: str  # key of the Action whose request named the focal point
    kind: str  # OPERATIONAL | STRATEGIC
    recorded_on: date


@dataclass(frozen=True)
class ExpertSpec:
    category: str
    nationality: str
    sector: str = "PUBLIC"
    level: str | None = "NATIONAL"


@dataclass(frozen=True)
class Expert:
    reference: str
    spec: ExpertSpec
    area: str
    registered_on: date


@dataclass
class ActionPlan:
    key: str
    region: str
    area: str
    topic: str
    authority: Authority
    received_on: date
    approved_on: date
    activities: tuple[Activity, ...]
    countries: tuple[str, ...] = ()
    regional_organisation: str | None = None
    co_requesters: tuple[Authority, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    outcome: str = COMPLETED
    team: tuple[ExpertSpec, ...] = ()  # case studies: the expert mix; generic Actions: drawn from the roster
    case_study: int | None = None
    lessons: tuple[Learning, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    replications: tuple[Replication, ...] = ()
    complements: tuple[Complement, ...] = ()
    co_facilitated: tuple[int, ...] = ()  # activities co-facilitated by the requesting institution's focal point
    topics: tuple[str, ...] = ()  # codes of contracts.reference.topics, filled by the plan
    cross_cutting: tuple[str, ...] = ()
    experts: list[str] = field(default_factory=list)  # references, filled by the plan
    deployments: list[tuple[int, str]] = field(default_factory=list)  # (activity index, expert reference)
    declined: list[tuple[int, str]] = field(default_factory=list)  # proposals the expert declined, before the above
    evaluated: bool = False  # every completed deployment evaluated by the programme

    @property
    def reference(self) -> str:
        return f"demo-{self.key}"

    @property
    def endorsed(self) -> bool:
        """R24: the leadership endorsed the agreed Fiche; one generic Action in ten went ahead without it."""
        return self.outcome != IN_PREPARATION and not self.key.endswith("7")

    @property
    def held(self) -> list[Activity]:
        return [a for a in self.activities if a.held and not a.cancelled]

    @property
    def completed_on(self) -> date:
        return max(a.ends_on for a in self.held) + timedelta(days=30)


@dataclass(frozen=True)
class OtherRequest:
    """A request that did not become an Action: rejected, deferred, withdrawn or still open."""

    key: str
    region: str
    area: str
    topic: str
    authority: Authority
    countries: tuple[str, ...]
    received_on: date
    outcome: str  # REJECT | DEFER | WITHDRAW | OPEN
    decided_on: date | None = None

    @property
    def reference(self) -> str:
        return f"demo-{self.key}"
