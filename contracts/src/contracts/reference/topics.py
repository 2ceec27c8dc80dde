"""The topic catalogue: what MIEUX Actions worked on, by thematic area (the ten-year report's topic table).

Each Action is classified with one or more topics (`ActionClassified`); a topic may belong to a family the
programme reports on: trafficking in human beings (THB, 27 of the 109 Actions completed 2009-2019) and labour
migration (12 Actions since MIEUX II). Codes are stable; names are the catalogue's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from contracts.events.requests import ThematicArea


class TopicFamily(StrEnum):
    THB = "THB"
    LABOUR_MIGRATION = "LABOUR_MIGRATION"


@dataclass(frozen=True, slots=True)
class Topic:
    code: str
    name: str
    thematic_area: ThematicArea
    families: tuple[TopicFamily, ...] = ()


_IRR, _LEG, _INT, _MIG, _HOR = (
    ThematicArea.IRREGULAR_MIGRATION_THB, ThematicArea.LEGAL_MIGRATION_MOBILITY,
    ThematicArea.INTERNATIONAL_PROTECTION_ASYLUM, ThematicArea.MIGRATION_DEVELOPMENT, ThematicArea.HORIZONTAL,
)  # fmt: skip
_THB, _LABOUR_MIGRATION = TopicFamily.THB, TopicFamily.LABOUR_MIGRATION

TOPICS: tuple[Topic, ...] = (
    # IRREGULAR_MIGRATION_THB
    Topic("ANTI_THB_ACTION_PLANS", "Anti-THB action plans", _IRR, (_THB,)),
    Topic("ASSISTANCE_TO_VULNERABLE_THB_VICTIMS", "Assistance to vulnerable THB victims", _IRR, (_THB,)),
    Topic(
        "AWARENESS_RAISING_CAMPAIGNS_AGAINST_ILLEGAL_RECRUITMENT_AND_THB",
        "Awareness-raising campaigns against illegal recruitment and THB",
        _IRR,
        (_THB,),
    ),
    Topic("BLUE_BORDER_MANAGEMENT", "Blue border management", _IRR, ()),
    Topic("BORDER_MANAGEMENT_POLICY", "Border management policy", _IRR, ()),
    Topic("BORDER_PROCEDURES", "Border procedures", _IRR, ()),
    Topic(
        "COOPERATION_ON_CRIMINAL_MATTERS_RELATED_TO_THB",
        "Cooperation on criminal matters related to THB",
        _IRR,
        (_THB,),
    ),
    Topic(
        "DETECTION_INVESTIGATION_AND_PROSECUTION_OF_MIGRATION_RELATED_CRIMES_INCLUDING_SMUGGLING_OF_MIGRANTS_AND_THB",
        "Detection, investigation and prosecution of migration-related crimes, including smuggling of migrants and THB",
        _IRR,
        (_THB,),
    ),
    Topic("DOCUMENT_FRAUD_AND_DOCUMENT_SECURITY", "Document fraud and document security", _IRR, ()),
    Topic(
        "FIGHT_AGAINST_THB_INTERNATIONAL_NORMS_AND_NATIONAL_GOOD_PRACTICES",
        "Fight against THB: international norms and national good practices",
        _IRR,
        (_THB,),
    ),
    Topic("FRONT_LINE_SUPPORT_TO_RETURNEES", "Front-line support to returnees", _IRR, ()),
    Topic("GENDER_BASED_APPROACH_TO_ADDRESSING_THB", "Gender-based approach to addressing THB", _IRR, (_THB,)),
    Topic(
        "GOOD_PRACTICES_ON_BORDER_AND_MIGRATION_MANAGEMENT",
        "Good practices on border and migration management",
        _IRR,
        (),
    ),
    Topic(
        "HUMAN_RIGHTS_IMPLICATIONS_OF_BORDER_AND_MIGRATION_MANAGEMENT",
        "Human rights implications of border and migration management",
        _IRR,
        (),
    ),
    Topic(
        "IDENTIFYING_AND_TREATING_THE_PSYCHOSOCIAL_TRAUMA_OF_THB_VICTIMS",
        "Identifying and treating the psychosocial trauma of THB victims",
        _IRR,
        (_THB,),
    ),
    Topic("INTEGRATED_BORDER_MANAGEMENT", "Integrated border management", _IRR, ()),
    Topic("IRREGULAR_MIGRATION_ISSUES", "Irregular migration issues", _IRR, ()),
    Topic(
        "MANAGEMENT_OF_DETENTION_FACILITIES_FOR_IRREGULAR_MIGRANTS",
        "Management of detention facilities for irregular migrants",
        _IRR,
        (),
    ),
    Topic(
        "MONITORING_AND_EVALUATION_OF_ANTI_THB_ACTIONS", "Monitoring and evaluation of anti-THB actions", _IRR, (_THB,)
    ),
    Topic(
        "MONITORING_AND_EVALUATION_OF_THE_NATIONAL_AND_REGIONAL_ACTION_PLANS_AGAINST_THB",
        "Monitoring and evaluation of the national and regional action plans against THB",
        _IRR,
        (_THB,),
    ),
    Topic(
        "PASSENGER_PROFILING_AFTER_ENTRY_MIGRATION_MANAGEMENT_AND_HUMAN_RIGHTS",
        "Passenger profiling, after-entry migration management and human rights",
        _IRR,
        (),
    ),
    Topic("REFERRAL_OF_THB_VICTIMS", "Referral of THB victims", _IRR, (_THB,)),
    Topic("REINTEGRATION_OF_RETURNEES", "Reintegration of returnees", _IRR, ()),
    Topic("RETURN_AND_READMISSION", "Return and readmission", _IRR, ()),
    Topic("SMUGGLING_OF_MIGRANTS", "Smuggling of migrants", _IRR, ()),
    Topic("THB", "THB", _IRR, (_THB,)),
    Topic("THB_AWARENESS", "THB awareness", _IRR, (_THB,)),
    Topic("TRAFFICKING_IN_CHILDREN", "Trafficking in children", _IRR, (_THB,)),
    # LEGAL_MIGRATION_MOBILITY
    Topic(
        "AFRICAN_OPERATIONAL_REPERTOIRE_OF_JOBS_AND_PROFESSIONS_METHODOLOGY",
        "African Operational Repertoire of Jobs and Professions (ROAME) methodology",
        _LEG,
        (_LABOUR_MIGRATION,),
    ),
    Topic(
        "AWARENESS_RAISING_CAMPAIGN_CYCLES_WITHIN_THE_CONTEXT_OF_LABOUR_MIGRATION",
        "Awareness-raising campaign cycles within the context of labour migration",
        _LEG,
        (_LABOUR_MIGRATION,),
    ),
    Topic(
        "GOVERNANCE_OF_EXTERNAL_LABOUR_MIGRATION", "Governance of external labour migration", _LEG, (_LABOUR_MIGRATION,)
    ),
    Topic(
        "INTERNATIONAL_LABOUR_MIGRATION_CONVENTIONS",
        "International labour migration conventions",
        _LEG,
        (_LABOUR_MIGRATION,),
    ),
    Topic("LABOUR_EXPLOITATION", "Labour exploitation", _LEG, (_LABOUR_MIGRATION,)),
    Topic("LABOUR_MIGRATION", "Labour migration", _LEG, (_LABOUR_MIGRATION,)),
    Topic(
        "LABOUR_MIGRATION_COMMUNICATION_AND_INFORMATION_STRATEGIES",
        "Labour migration communication and information strategies",
        _LEG,
        (_LABOUR_MIGRATION,),
    ),
    Topic("LABOUR_MIGRATION_POLICIES", "Labour migration policies", _LEG, (_LABOUR_MIGRATION,)),
    Topic(
        "NEGOTIATION_OF_MULTI_BILATERAL_LABOUR_MIGRATION_AGREEMENTS",
        "Negotiation of multi/bilateral labour migration agreements",
        _LEG,
        (_LABOUR_MIGRATION,),
    ),
    Topic(
        "PROTECTION_OF_MIGRANT_WORKERS_RIGHTS_AND_OF_THEIR_FAMILIES",
        "Protection of migrant workers' rights and of their families",
        _LEG,
        (_LABOUR_MIGRATION,),
    ),
    # INTERNATIONAL_PROTECTION_ASYLUM
    Topic("ACCESS_TO_ASYLUM_PROCEDURES", "Access to asylum procedures", _INT, ()),
    Topic(
        "ASSISTANCE_AND_PROTECTION_OF_CHILDREN_IN_MIGRATION",
        "Assistance and protection of children in migration",
        _INT,
        (),
    ),
    Topic("CHILD_BEST_INTERESTS_ASSESSMENT", "Child best interests assessment", _INT, ()),
    Topic("COUNTRY_OF_ORIGIN_INFORMATION", "Country of origin information (COI)", _INT, ()),
    Topic("EVIDENCE_ASSESSMENT", "Evidence assessment", _INT, ()),
    Topic("EXCLUSION_FROM_INTERNATIONAL_PROTECTION", "Exclusion from international protection", _INT, ()),
    Topic(
        "INCLUSION_FOR_ASYLUM_CASE_OFFICERS_WITH_A_SPECIFIC_FOCUS_ON_VULNERABLE_PERSONS",
        "Inclusion for asylum case officers, with a specific focus on vulnerable persons",
        _INT,
        (),
    ),
    Topic(
        "INTERVIEWING_TECHNIQUES_FOR_INTERNATIONAL_PROTECTION_APPLICANTS",
        "Interviewing techniques for (child) international protection applicants",
        _INT,
        (),
    ),
    Topic(
        "PROTECTION_AND_ASSISTANCE_OF_UNACCOMPANIED_MIGRANT_CHILDREN",
        "Protection and assistance of unaccompanied migrant children",
        _INT,
        (),
    ),
    # MIGRATION_DEVELOPMENT
    Topic("COMMUNICATION_WITH_THE_DIASPORA", "Communication with the diaspora", _MIG, ()),
    Topic(
        "CONTRIBUTION_OF_IMMIGRANT_COMMUNITIES_TO_THEIR_COUNTRIES_OF_DESTINATION",
        "Contribution of immigrant communities to their countries of destination",
        _MIG,
        (),
    ),
    Topic("DIASPORA_CAPITAL", "Diaspora capital", _MIG, ()),
    Topic("DIASPORA_ENGAGEMENT", "Diaspora engagement", _MIG, ()),
    Topic("DIASPORA_ISSUES", "Diaspora issues", _MIG, ()),
    Topic("DIASPORA_MAPPING", "Diaspora mapping", _MIG, ()),
    Topic("FOSTERING_SUSTAINABLE_LINKS_WITH_THE_DIASPORA", "Fostering sustainable links with the diaspora", _MIG, ()),
    Topic("M_AND_D_FOR_CONSULAR_AND_DIPLOMATIC_STAFF", "M&D for consular and diplomatic staff", _MIG, ()),
    Topic("M_AND_D_ISSUES", "M&D issues", _MIG, ()),
    Topic("OUTREACH_STRATEGIES", "Outreach strategies", _MIG, ()),
    Topic("REMITTANCES_FOR_DEVELOPMENT", "Remittances for development", _MIG, ()),
    Topic(
        "STRATEGIC_PARTNERSHIPS_AND_THE_DIASPORA_S_ROLE_IN_POST_CRISIS_SITUATIONS",
        "Strategic partnerships and the diaspora's role in post-crisis situations",
        _MIG,
        (),
    ),
    # HORIZONTAL
    Topic("BUILDING_POLICY_COHERENCE", "Building policy coherence", _HOR, ()),
    Topic("COMMUNICATION_AND_COMMUNICATION_SKILLS", "Communication and communication skills", _HOR, ()),
    Topic("COOPERATION_ON_IMMIGRATION_MATTERS", "Cooperation on immigration matters", _HOR, ()),
    Topic(
        "FRAMEWORKS_AND_PROCEDURES_ON_THE_ENTRY_AND_RESIDENCE_OF_FOREIGNERS",
        "Frameworks and procedures on the entry and residence of foreigners",
        _HOR,
        (),
    ),
    Topic(
        "FUNCTIONING_OF_A_MIGRATION_OBSERVATORY_AND_MIGRATION_DATA_MANAGEMENT",
        "Functioning of a migration observatory and migration data management",
        _HOR,
        (),
    ),
    Topic("GAMM", "GAMM", _HOR, ()),
    Topic("INSTITUTION_BUILDING_AND_REFORM", "Institution building and reform", _HOR, ()),
    Topic("LEADERSHIP_AND_MANAGEMENT", "Leadership and management", _HOR, ()),
    Topic("LEGAL_HARMONISATION", "Legal harmonisation", _HOR, ()),
    Topic("MIGRANT_INTEGRATION_STRATEGY_DEVELOPMENT", "Migrant integration strategy development", _HOR, ()),
    Topic("MIGRANT_INTEGRATION_ALSO_AT_LOCAL_LEVEL", "Migrant integration, also at local level", _HOR, ()),
    Topic("MIGRATION_AND_HOMELESSNESS", "Migration and homelessness", _HOR, ()),
    Topic("MIGRATION_DATA_COLLECTION_AND_ANALYSIS", "Migration data collection and analysis", _HOR, ()),
    Topic(
        "MIGRATION_DATA_COLLECTION_AND_INFORMATION_SHARING",
        "Migration data collection and information sharing",
        _HOR,
        (),
    ),
    Topic(
        "MIGRATION_DATA_HARMONISATION_AND_INFORMATION_SHARING",
        "Migration data harmonisation and information sharing",
        _HOR,
        (),
    ),
    Topic(
        "MIGRATION_GOVERNANCE_AND_THE_IMPLEMENTATION_OF_MIGRATION_POLICIES",
        "Migration governance and the implementation of migration policies",
        _HOR,
        (),
    ),
    Topic("MIGRATION_INDICATORS", "Migration indicators", _HOR, ()),
    Topic("MIGRATION_MANAGEMENT", "Migration management", _HOR, ()),
    Topic(
        "MIGRATION_POLICY_AND_MIGRATION_POLICY_DEVELOPMENT",
        "Migration policy and migration policy development",
        _HOR,
        (),
    ),
    Topic(
        "MIGRATION_CLIMATE_CHANGE_AND_ENVIRONMENTAL_DEGRADATION_ALSO_AT_LOCAL_LEVEL",
        "Migration, climate change and environmental degradation, also at local level",
        _HOR,
        (),
    ),
    Topic(
        "MODERN_MIGRATION_MANAGEMENT_SYSTEMS_AND_METHODS", "Modern migration management systems and methods", _HOR, ()
    ),
    Topic("POPULATION_CENSUSES_AND_POPULATION_SURVEYS", "Population censuses and population surveys", _HOR, ()),
    Topic(
        "PROJECT_IDENTIFICATION_DEVELOPMENT_AND_PROJECT_MONITORING_AND_EVALUATION",
        "Project identification, development, and project monitoring and evaluation",
        _HOR,
        (),
    ),
    Topic("QUALITY_MANAGEMENT_OF_CAPACITY_BUILDING", "Quality management of capacity building", _HOR, ()),
    Topic("TRAINING_CURRICULUM_DEVELOPMENT", "Training curriculum development", _HOR, ()),
)
_BY_CODE = {t.code: t for t in TOPICS}


def topic(code: str) -> Topic | None:
    return _BY_CODE.get(code)


def codes_of(family: TopicFamily) -> tuple[str, ...]:
    return tuple(t.code for t in TOPICS if family in t.families)
