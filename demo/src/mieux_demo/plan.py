"""The whole demo portfolio, computed (deterministically) before anything is sent.

Targets (facts.json): 147 requests; 109 completed Actions by region x phase (the published table) and by
thematic area (the reading in demo/README.md); 675 experts registered, 340 deployed: 176 EU Member State
governmental experts from 22 Member States, 32 non-EU governmental, 132 other backgrounds.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from mieux_demo.case_studies import CASE_STUDIES, EARLIER
from mieux_demo.case_studies.aftermath import former_focal_points, with_aftermath
from mieux_demo.model import (
    AFRICA,
    ASIA,
    COMPLETED,
    EU_GOV,
    EUN,
    HOR,
    IN_PREPARATION,
    IP,
    IRR,
    LAC,
    LEG,
    MD,
    NON_EU_GOV,
    ONGOING,
    OTHER,
    ActionPlan,
    Activity,
    Authority,
    Deliverable,
    Expert,
    ExpertSpec,
    FormerFocalPoint,
    OtherRequest,
)
from mieux_demo.paths import with_paths
from mieux_demo.themes import with_themes

PHASES = ("MIEUX_I", "MIEUX_II", "MIEUX_III")
REGIONS = (AFRICA, ASIA, EUN, LAC)
AREAS = (IRR, LEG, MD, IP, HOR)
# Published: completed Actions by region x phase (facts.json, reading A).
REGION_PHASE = {AFRICA: (16, 26, 9), ASIA: (5, 5, 6), EUN: (11, 8, 5), LAC: (4, 3, 11)}
# Uncertain in facts.json: the reading used (README): area totals 41 / 19 / 15 / 7 / 27, phase totals as above.
AREA_PHASE = {IRR: (22, 16, 3), LEG: (5, 4, 10), MD: (0, 7, 8), IP: (0, 5, 2), HOR: (9, 10, 8)}
# Deployed EU Member State governmental experts per Member State (22 Member States, 176 experts; the
# chart's values, pairing with countries invented: it is not recoverable from the source).
DEPLOYED_EU_MS = {
    "DE": 22, "ES": 21, "NL": 19, "FR": 18, "PT": 16, "IT": 10, "BE": 9, "SE": 9, "PL": 7, "AT": 7, "HU": 6,
    "CZ": 6, "RO": 5, "BG": 5, "MT": 3, "IE": 3, "LT": 3, "FI": 2, "SI": 2, "DK": 1, "GR": 1, "HR": 1,
}  # fmt: skip
EU27 = (*DEPLOYED_EU_MS, "CY", "EE", "LV", "LU", "SK")
DEPLOYED = {EU_GOV: 176, NON_EU_GOV: 32, OTHER: 132}
REGISTERED = {EU_GOV: 330, NON_EU_GOV: 75, OTHER: 270}
OTHER_NON_EU_DEPLOYED = 47  # "up to 79" non-EU experts deployed: 32 governmental + 47 other backgrounds
SOUTHERN = ("MA", "TN", "SN", "GH", "PH", "GE", "MD", "AM", "CO", "CL", "DO", "UA", "KE", "ET", "TH", "JO", "CV", "AR")
EU_OTHER_NATIONALITIES = ("DE", "FR", "ES", "IT", "NL", "BE", "PT", "AT", "SE", "IE", "PL", "GR")
TAKEN = {"PE", "CR", "CV", "MX", "BR", "KE", "JO", "TH", "PH", "ID", "VN", "BJ", "GW", "TG", "BY", "MU", "MW", "MG"}
COUNTRIES = {
    AFRICA: ("SN", "GH", "NG", "ML", "NE", "BF", "CI", "SL", "LR", "GM", "ET", "UG", "TZ", "RW", "BI", "CD", "CM",
             "ZM", "ZW", "MZ", "ST", "MR", "GN", "TD", "DJ", "SC", "AO", "BW", "CF", "CG", "GA", "GQ", "LS", "NA",
             "SS", "ZA", "SD", "SO", "ER", "KM", "SZ"),
    ASIA: ("LA", "KH", "MM", "KG", "TJ", "BD", "LK", "NP", "MN", "TL", "AF", "PK", "FJ", "UZ"),
    EUN: ("MA", "TN", "MD", "GE", "AM", "AZ", "UA", "LB", "EG", "DZ", "PS", "LY"),
    LAC: ("CO", "EC", "PY", "DO", "HN", "GT", "SV", "UY", "AR", "CL", "BO", "JM", "PA", "TT", "NI", "HT"),
}  # fmt: skip
INSTITUTIONS = (("Ministry of Interior", "MOI"), ("Ministry of Labour", "MOL"), ("Ministry of Foreign Affairs", "MFA"),
                ("Immigration Service", "IS"), ("Ministry of Justice", "MOJ"))  # fmt: skip
TOPICS = {
    IRR: ("Identification and protection of victims of trafficking", "Border management and document security",
          "Return, readmission and reintegration", "Prosecution of migrant smuggling"),
    LEG: ("Labour migration policy", "Integration of immigrants", "Pre-departure orientation of migrant workers"),
    MD: ("Diaspora engagement", "Mainstreaming migration into development planning", "Remittances"),
    IP: ("Asylum procedures and interviewing techniques", "Reception of asylum seekers"),
    HOR: ("Migration data management", "Migration policy development", "Communication strategy on migration",
          "Inter-institutional coordination on migration"),
}  # fmt: skip
DELIVERABLE_KINDS = {IRR: "SOP", LEG: "HANDBOOK_MANUAL", MD: "STRATEGY", IP: "HANDBOOK_MANUAL", HOR: "DATA_TOOL"}
FOURTH = ("STUDY_VISIT", "TRAINING", "CONFERENCE", "REMOTE_SUPPORT", "THEMATIC_SESSION")
STUDY_VISIT_HOSTS = ("BE", "ES", "PT", "NL", "DE", "SE", "FR", "IT")
PHASE_YEARS = {"MIEUX_I": (2009, 2011), "MIEUX_II": (2012, 2015), "MIEUX_III": (2016, 2019)}


@dataclass(frozen=True)
class Portfolio:
    actions: tuple[ActionPlan, ...]
    others: tuple[OtherRequest, ...]
    experts: tuple[Expert, ...]
    former_focal_points: tuple[FormerFocalPoint, ...] = ()


def _phase_of(day: date) -> str:
    return "MIEUX_I" if day.year <= 2011 else "MIEUX_II" if day.year <= 2015 else "MIEUX_III"


def _cells(named: list[ActionPlan]) -> list[tuple[str, str, str]]:
    """(phase, region, area) of every generic completed Action: both published margins, minus the named ones."""
    cells: list[tuple[str, str, str]] = []
    for p, phase in enumerate(PHASES):
        regions = Counter({r: REGION_PHASE[r][p] for r in REGIONS})
        areas = Counter({a: AREA_PHASE[a][p] for a in AREAS})
        for action in named:
            if _phase_of(action.approved_on) == phase:
                regions[action.region] -= 1
                areas[action.area] -= 1
        assert min(regions.values()) >= 0 and min(areas.values()) >= 0, (phase, regions, areas)
        while sum(regions.values()):
            region = max(REGIONS, key=lambda r: (regions[r], -REGIONS.index(r)))
            area = max(AREAS, key=lambda a: (areas[a], -AREAS.index(a)))
            regions[region] -= 1
            areas[area] -= 1
            cells.append((phase, region, area))
    return cells


def _generic(index: int, key: str, region: str, area: str, approved: date, outcome: str, rng: random.Random,
             used: Counter[str]) -> ActionPlan:  # fmt: skip
    pool = COUNTRIES[region]
    country = pool[used[region] % len(pool)]
    used[region] += 1
    name, acronym = INSTITUTIONS[index % len(INSTITUTIONS)]
    topics = TOPICS[area]
    received = approved - timedelta(days=35 + rng.randrange(60))
    launch = 20 + rng.randrange(65) if index % 7 else 100 + rng.randrange(60)  # one in seven launches late
    start = approved + timedelta(days=launch)
    types = ["FACT_FINDING_MISSION", "WORKSHOP", "DRAFTING_SESSION", FOURTH[index % len(FOURTH)]]
    if index % 3 == 0:
        types.append("WORKSHOP")
    activities: list[Activity] = []
    for n, kind in enumerate(types):
        host = STUDY_VISIT_HOSTS[index % len(STUDY_VISIT_HOSTS)] if kind == "STUDY_VISIT" else country
        remote = kind == "REMOTE_SUPPORT"
        days = {"FACT_FINDING_MISSION": 5, "DRAFTING_SESSION": 3, "STUDY_VISIT": 4, "REMOTE_SUPPORT": 10}.get(kind, 2)
        held = outcome == COMPLETED or (outcome == ONGOING and n < 2)
        activities.append(Activity(kind, start, days, None if remote else host, held=held,
                                   participants=15 + rng.randrange(25)))  # fmt: skip
        if index % 10 == 4 and n == 1:  # now and then a study visit planned and cancelled
            activities.append(Activity("STUDY_VISIT", start + timedelta(days=20), 4, "BE", held=False, cancelled=True))
        start += timedelta(days=45 + rng.randrange(40))
    deliverables: tuple[Deliverable, ...] = ()
    if outcome == COMPLETED and index % 5 != 2:
        last = activities[-1].ends_on
        final = ("ADOPTED", "GOVERNMENTAL") if index % 3 == 0 else ("ENDORSED", "MINISTERIAL")
        steps = (("VALIDATED", "TECHNICAL", last + timedelta(days=10)), (*final, last + timedelta(days=25)))
        deliverables = (Deliverable(DELIVERABLE_KINDS[area], f"{topics[index % len(topics)]}: {country} "
                                    f"{DELIVERABLE_KINDS[area].replace('_', ' ').lower()}", last, steps),)  # fmt: skip
    return ActionPlan(
        key, region, area, topics[index % len(topics)], Authority(name, acronym), received, approved,
        tuple(activities) if outcome != IN_PREPARATION else (), (country,), deliverables=deliverables, outcome=outcome,
    )  # fmt: skip


def _actions(rng: random.Random) -> list[ActionPlan]:
    # fresh lists: the plan fills in experts and deployments, and the case studies are shared module data
    named = [replace(a, experts=list(a.experts), deployments=list(a.deployments)) for a in (*CASE_STUDIES, *EARLIER)]
    used: Counter[str] = Counter()
    actions = list(named)
    for index, (phase, region, area) in enumerate(_cells(named)):
        first, last = PHASE_YEARS[phase]
        year = first + index % (last - first + 1)
        month = 1 + rng.randrange(6 if year == 2019 else 12)
        approved = date(year, month, 1 + rng.randrange(27))
        actions.append(_generic(index, f"action-{index + 1:03d}", region, area, approved, COMPLETED, rng, used))
    open_regions = (LAC,) * 7 + (AFRICA, AFRICA, ASIA, ASIA, EUN)
    for n, region in enumerate(open_regions):
        outcome = IN_PREPARATION if n % 4 == 3 else ONGOING
        approved = date(2019, 2 + (n % 9), 4 + n)
        key = f"open-action-{n + 1:02d}"
        actions.append(_generic(200 + n, key, region, AREAS[n % len(AREAS)], approved, outcome, rng, used))
    return with_themes(actions)


def _others() -> list[OtherRequest]:
    """26 requests that did not become Actions: 12 rejected, 3 deferred, 6 withdrawn, 5 still open."""
    outcomes = ("REJECT",) * 12 + ("DEFER",) * 3 + ("WITHDRAW",) * 6 + ("OPEN",) * 5
    found = []
    for n, outcome in enumerate(outcomes):
        region = REGIONS[n % 4]
        country = COUNTRIES[region][-1 - n % 5]
        year = 2019 if outcome in ("OPEN", "DEFER") else 2009 + n % 10
        received = date(year, 1 + (n * 5) % 9, 2 + n)
        ineligible = n in (1, 5, 9, 16)  # non-governmental requesters before 2016 (R02)
        kind = ("CIVIL_SOCIETY" if n % 2 else "LOCAL_AUTHORITY") if ineligible else "NATIONAL_GOVERNMENT"
        if ineligible:
            received = date(2010 + n % 5, 3, 2 + n)
        authority = Authority(f"{INSTITUTIONS[n % 5][0]}" if not ineligible else "Migrants' rights platform",
                              INSTITUTIONS[n % 5][1] if not ineligible else f"MRP{n}", kind)  # fmt: skip
        decided = received + timedelta(days=60) if outcome in ("REJECT", "DEFER", "WITHDRAW") else None
        area = AREAS[n % 5]
        found.append(OtherRequest(f"request-{n + 1:02d}", region, area, TOPICS[area][0], authority, (country,),
                                  received, outcome, decided))  # fmt: skip
    return found


def _roster(actions: list[ActionPlan], rng: random.Random) -> list[Expert]:
    """675 experts; the 340 deployed ones are placed on held activities, every held activity gets one or more."""
    experts: list[Expert] = []
    eu_left = Counter(DEPLOYED_EU_MS)
    counts: Counter[str] = Counter()

    def add(spec: ExpertSpec, area: str, registered: date) -> str:
        reference = f"demo-expert-{len(experts) + 1:03d}"
        experts.append(Expert(reference, spec, area, registered))
        counts[spec.category] += 1
        if spec.category == EU_GOV:
            eu_left[spec.nationality] -= 1
        return reference

    staffed = [a for a in actions if a.held]
    for action in staffed:
        for spec in action.team:
            action.experts.append(add(spec, action.area, action.approved_on - timedelta(days=30)))
    generic: list[ExpertSpec] = [
        ExpertSpec(EU_GOV, ms, "PUBLIC", "NATIONAL") for ms, n in eu_left.items() for _ in range(n)
    ]
    generic += [
        ExpertSpec(NON_EU_GOV, SOUTHERN[i % len(SOUTHERN)]) for i in range(DEPLOYED[NON_EU_GOV] - counts[NON_EU_GOV])
    ]
    other_non_eu = OTHER_NON_EU_DEPLOYED - sum(
        1 for e in experts if e.spec.category == OTHER and e.spec.nationality not in EU27
    )
    sectors = ("ACADEMIA", "CIVIL_SOCIETY", "PRIVATE", "INTERNATIONAL_ORGANISATION")
    for i in range(DEPLOYED[OTHER] - counts[OTHER]):
        nationality = (
            SOUTHERN[i % len(SOUTHERN)] if i < other_non_eu else EU_OTHER_NATIONALITIES[i % len(EU_OTHER_NATIONALITIES)]
        )
        generic.append(ExpertSpec(OTHER, nationality, sectors[i % 4], None))
    rng.shuffle(generic)
    teams = [a for a in staffed if not a.team]
    for n, spec in enumerate(generic):
        action = teams[n % len(teams)]
        action.experts.append(add(spec, action.area, action.approved_on - timedelta(days=30)))
    for action in staffed:
        held = [i for i, a in enumerate(action.activities) if a.held and not a.cancelled]
        for n in range(max(len(held), len(action.experts))):
            action.deployments.append((held[n % len(held)], action.experts[n % len(action.experts)]))
    for category, total in REGISTERED.items():  # registered, never deployed
        for i in range(total - counts[category]):
            registered = date(2009 + i % 11, 1 + i % 12, 1 + i % 28)
            nationality = (EU27[i % len(EU27)] if category == EU_GOV else SOUTHERN[i % len(SOUTHERN)]
                           if category == NON_EU_GOV else EU_OTHER_NATIONALITIES[i % len(EU_OTHER_NATIONALITIES)])  # fmt: skip
            spec = ExpertSpec(category, nationality, "PUBLIC" if category != OTHER else "ACADEMIA",
                              "NATIONAL" if category != OTHER else None)  # fmt: skip
            add(spec, AREAS[i % 5], registered)
    return experts


def portfolio(seed: int = 2009) -> Portfolio:
    rng = random.Random(seed)
    actions = _actions(rng)
    experts = _roster(actions, rng)
    planned = with_aftermath(with_paths(actions, experts))
    return Portfolio(tuple(planned), tuple(_others()), tuple(experts), tuple(former_focal_points(planned, experts)))


def copy_of(plan: Portfolio, number: int) -> Portfolio:
    """Copy `number` (2, 3, ...) of the portfolio under its own external references, for load tests.

    Requests `demo-cNN-<key>`, experts `demo-expert-cNN-<n>` (so their e-mail addresses differ too): the
    services see new requests, Actions and experts with the same dates, places and shape. Copy 1 is `plan`.
    """
    if number == 1:
        return plan
    tag = f"c{number:02d}"

    def expert(reference: str) -> str:
        return reference.replace("demo-expert-", f"demo-expert-{tag}-", 1)

    actions = tuple(
        replace(a, key=f"{tag}-{a.key}", experts=[expert(r) for r in a.experts],
                deployments=[(i, expert(r)) for i, r in a.deployments],
                declined=[(i, expert(r)) for i, r in a.declined],
                replications=tuple(replace(r, request_of=r.request_of and f"{tag}-{r.request_of}")
                                   for r in a.replications))
        for a in plan.actions
    )  # fmt: skip
    others = tuple(replace(o, key=f"{tag}-{o.key}") for o in plan.others)
    links = tuple(replace(f, expert=expert(f.expert), plan=f"{tag}-{f.plan}") for f in plan.former_focal_points)
    return Portfolio(actions, others, tuple(replace(e, reference=expert(e.reference)) for e in plan.experts), links)
