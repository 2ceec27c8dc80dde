"""What the demo's Actions work on: topics of the catalogue and cross-cutting issues, and the regional
organisations some generic Actions are requested by, so that the report's dependent figures hold.

Targets: 27 of the 109 completed Actions on trafficking in human beings (L1800), 12 on labour migration
(L1855, the most recent ones first: "since 2011"), more than 120 countries reached (L69: the Actions'
countries and the member states of their regional organisations).
"""

from __future__ import annotations

from dataclasses import replace

from contracts.reference.organisations import organisation
from contracts.reference.topics import TopicFamily, codes_of

from mieux_demo.case_studies.learning import LEARNING
from mieux_demo.model import ASIA, COMPLETED, EUN, HOR, IP, IRR, LAC, LEG, MD, ActionPlan, Authority

THB_ACTIONS, LABOUR_MIGRATION_ACTIONS = 27, 12
# (topic text of the request, topic codes) per thematic area; the first of IRR and LEG are their families'
THB = ("Identification and protection of victims of trafficking", ("REFERRAL_OF_THB_VICTIMS", "ANTI_THB_ACTION_PLANS"))
LABOUR = ("Labour migration policy", ("LABOUR_MIGRATION_POLICIES", "GOVERNANCE_OF_EXTERNAL_LABOUR_MIGRATION"))
OTHER_TOPICS = {
    IRR: (("Border management and document security", ("INTEGRATED_BORDER_MANAGEMENT", "DOCUMENT_FRAUD_AND_DOCUMENT_SECURITY")),
          ("Return, readmission and reintegration", ("RETURN_AND_READMISSION", "REINTEGRATION_OF_RETURNEES")),
          ("Prosecution of migrant smuggling", ("SMUGGLING_OF_MIGRANTS",))),
    LEG: (("Integration of immigrants", ("MIGRANT_INTEGRATION_ALSO_AT_LOCAL_LEVEL",)),
          ("Frameworks for the entry and residence of foreigners",
           ("FRAMEWORKS_AND_PROCEDURES_ON_THE_ENTRY_AND_RESIDENCE_OF_FOREIGNERS",))),
    MD: (("Diaspora engagement", ("DIASPORA_ENGAGEMENT",)), ("Remittances", ("REMITTANCES_FOR_DEVELOPMENT",)),
         ("Mainstreaming migration into development planning", ("M_AND_D_ISSUES",))),
    IP: (("Asylum procedures and interviewing techniques", ("ACCESS_TO_ASYLUM_PROCEDURES", "EVIDENCE_ASSESSMENT")),
         ("Reception of asylum seekers", ("ACCESS_TO_ASYLUM_PROCEDURES",))),
    HOR: (("Migration data management", ("MIGRATION_DATA_COLLECTION_AND_ANALYSIS",)),
          ("Migration policy development", ("MIGRATION_POLICY_AND_MIGRATION_POLICY_DEVELOPMENT",)),
          ("Communication strategy on migration", ("COMMUNICATION_AND_COMMUNICATION_SKILLS",)),
          ("Inter-institutional coordination on migration", ("BUILDING_POLICY_COHERENCE",))),
}  # fmt: skip
# The case studies and the earlier Actions, as their topics and the report's practices describe them.
NAMED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cs01-thailand-1": (("ASSISTANCE_TO_VULNERABLE_THB_VICTIMS", "MIGRATION_AND_HOMELESSNESS"), ("GENDER",)),
    "cs01-thailand-2": (("TRAFFICKING_IN_CHILDREN", "GENDER_BASED_APPROACH_TO_ADDRESSING_THB",
                         "IDENTIFYING_AND_TREATING_THE_PSYCHOSOCIAL_TRAUMA_OF_THB_VICTIMS"), ("GENDER",)),
    "cs02-peru-3": (("SMUGGLING_OF_MIGRANTS", "DETECTION_INVESTIGATION_AND_PROSECUTION_OF_MIGRATION_RELATED_CRIMES_"
                     "INCLUDING_SMUGGLING_OF_MIGRANTS_AND_THB"), ("HUMAN_RIGHTS",)),
    "cs03-philippines-1": (("AWARENESS_RAISING_CAMPAIGNS_AGAINST_ILLEGAL_RECRUITMENT_AND_THB",), ()),
    "cs04-south-east-asia": (("COOPERATION_ON_IMMIGRATION_MATTERS", "MIGRATION_MANAGEMENT"), ()),
    "cs05-west-africa": (("MIGRATION_CLIMATE_CHANGE_AND_ENVIRONMENTAL_DEGRADATION_ALSO_AT_LOCAL_LEVEL",),
                         ("CLIMATE_ENVIRONMENT",)),
    "cs06-belarus-1": (("LABOUR_MIGRATION_POLICIES", "PROTECTION_OF_MIGRANT_WORKERS_RIGHTS_AND_OF_THEIR_FAMILIES"), ()),
    "cs07-costa-rica-2": (("MIGRANT_INTEGRATION_STRATEGY_DEVELOPMENT",), ("GENDER", "HUMAN_RIGHTS")),
    "cs08-cabo-verde-4": (("MIGRANT_INTEGRATION_ALSO_AT_LOCAL_LEVEL",), ()),
    "cs09-comesa-2": (("MIGRATION_DATA_HARMONISATION_AND_INFORMATION_SHARING",), ()),
    "cs10-kenya-2": (("MIGRATION_DATA_COLLECTION_AND_INFORMATION_SHARING",), ()),
    "cs11-mexico-2": (("PROTECTION_AND_ASSISTANCE_OF_UNACCOMPANIED_MIGRANT_CHILDREN",), ("HUMAN_RIGHTS",)),
    "cs12-jordan-2": (("ASSISTANCE_TO_VULNERABLE_THB_VICTIMS", "REFERRAL_OF_THB_VICTIMS"), ("HUMAN_RIGHTS",)),
    "cs13-mauritius-1": (("M_AND_D_ISSUES", "DIASPORA_ENGAGEMENT"), ()),
    "cs14-malawi-1": (("DIASPORA_ENGAGEMENT", "DIASPORA_MAPPING"), ()),
    "cs15-madagascar-1": (("DIASPORA_ENGAGEMENT",), ()),
    "cs16-brazil-2": (("ASSISTANCE_AND_PROTECTION_OF_CHILDREN_IN_MIGRATION", "CHILD_BEST_INTERESTS_ASSESSMENT"),
                      ("HUMAN_RIGHTS",)),
    "pe-1": (("ASSISTANCE_TO_VULNERABLE_THB_VICTIMS",), ()),
    "pe-2": (("MONITORING_AND_EVALUATION_OF_THE_NATIONAL_AND_REGIONAL_ACTION_PLANS_AGAINST_THB",), ()),
    "cv-1": (("INTEGRATED_BORDER_MANAGEMENT", "DOCUMENT_FRAUD_AND_DOCUMENT_SECURITY"), ()),
    "cv-2": (("MIGRATION_POLICY_AND_MIGRATION_POLICY_DEVELOPMENT",), ()),
    "cv-3": (("MIGRANT_INTEGRATION_STRATEGY_DEVELOPMENT",), ()),
    "comesa-1": (("LEGAL_HARMONISATION",), ()),
}  # fmt: skip
# One generic Action a region requested by a regional organisation (the first in the plan's order), held
# in its secretariat's country.
REGIONAL = {LAC: ("CARICOM", "Caribbean Community Secretariat", "TT", "Port of Spain"),
            EUN: ("LAS", "League of Arab States Secretariat", "EG", "Cairo"),
            ASIA: ("ASEAN", "ASEAN Secretariat", "ID", "Jakarta")}  # fmt: skip


def _regional(plan: ActionPlan, organisation: str, name: str, seat: str, city: str) -> ActionPlan:
    activities = tuple(a if a.place is None else replace(a, place=seat, city=city) for a in plan.activities)
    return replace(plan, countries=(), regional_organisation=organisation, activities=activities,
                   authority=Authority(name, organisation, "REGIONAL_ORGANISATION"))  # fmt: skip


def _generic_themes(
    actions: list[ActionPlan], area: str, family: TopicFamily, topic: tuple[str, tuple[str, ...]], target: int
) -> None:
    """`target` completed Actions work on the `family`: the named ones, then generic ones of `area`, most
    recent first, on `topic`; the rest of the area's generic Actions on its other topics."""
    codes = set(codes_of(family))
    named = sum(1 for a in actions if a.key in NAMED and a.outcome == COMPLETED and codes & set(a.topics))
    generic = [i for i, a in enumerate(actions) if a.area == area and a.key not in NAMED]
    completed = sorted((i for i in generic if actions[i].outcome == COMPLETED),
                       key=lambda i: actions[i].approved_on, reverse=True)  # fmt: skip
    chosen = set(completed[: target - named])
    others = OTHER_TOPICS[area]
    for n, i in enumerate(generic):
        text, topics = topic if i in chosen else others[n % len(others)]
        actions[i] = replace(actions[i], topic=text, topics=topics)


def with_themes(actions: list[ActionPlan]) -> list[ActionPlan]:
    found = [replace(a, topics=NAMED[a.key][0], cross_cutting=NAMED[a.key][1]) if a.key in NAMED else a
             for a in actions]  # fmt: skip
    found = [replace(a, lessons=LEARNING[a.key][0], outcomes=LEARNING[a.key][1]) if a.key in LEARNING else a
             for a in found]  # fmt: skip
    for region, (code, name, seat, city) in REGIONAL.items():
        first = next(i for i, a in enumerate(found) if a.region == region and a.key.startswith("action-"))
        found[first] = _regional(found[first], code, name, seat, city)
    _generic_themes(found, IRR, TopicFamily.THB, THB, THB_ACTIONS)
    _generic_themes(found, LEG, TopicFamily.LABOUR_MIGRATION, LABOUR, LABOUR_MIGRATION_ACTIONS)
    for area in (MD, IP, HOR):
        generic = [i for i, a in enumerate(found) if a.area == area and a.key not in NAMED]
        for n, i in enumerate(generic):
            text, codes = OTHER_TOPICS[area][n % len(OTHER_TOPICS[area])]
            found[i] = replace(found[i], topic=text, topics=codes)
    return found


def countries_reached(actions: list[ActionPlan]) -> set[str]:
    reached: set[str] = set()
    for a in actions:
        found = organisation(a.regional_organisation) if a.regional_organisation else None
        reached |= {*a.countries, *(found.members if found else ())}
    return reached
