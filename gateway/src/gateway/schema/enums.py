"""GraphQL enums: upper snake case, the same codes the services use."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="MIEUX regions; a regional coordinator sees only its own.")
class Region(Enum):
    AFRICA = "AFRICA"
    ASIA = "ASIA"
    EU_NEIGHBOURHOOD = "EU_NEIGHBOURHOOD"
    LATIN_AMERICA_CARIBBEAN = "LATIN_AMERICA_CARIBBEAN"


@strawberry.enum(description="The four thematic areas and horizontal interventions.")
class ThematicArea(Enum):
    IRREGULAR_MIGRATION_THB = "IRREGULAR_MIGRATION_THB"
    LEGAL_MIGRATION_MOBILITY = "LEGAL_MIGRATION_MOBILITY"
    MIGRATION_DEVELOPMENT = "MIGRATION_DEVELOPMENT"
    INTERNATIONAL_PROTECTION_ASYLUM = "INTERNATIONAL_PROTECTION_ASYLUM"
    HORIZONTAL = "HORIZONTAL"


@strawberry.enum(
    description="Type of requesting authority. Local authorities, ombudspersons, parliaments, judicial "
    "authorities and civil-society organisations are eligible only for requests received on or after 2016-01-01."
)
class AuthorityType(Enum):
    NATIONAL_GOVERNMENT = "NATIONAL_GOVERNMENT"
    REGIONAL_ORGANISATION = "REGIONAL_ORGANISATION"
    LOCAL_AUTHORITY = "LOCAL_AUTHORITY"
    OMBUDSPERSON = "OMBUDSPERSON"
    PARLIAMENT = "PARLIAMENT"
    JUDICIAL_AUTHORITY = "JUDICIAL_AUTHORITY"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"


@strawberry.enum(description="Where a request stands.")
class RequestStatus(Enum):
    OPEN = "OPEN"
    INELIGIBLE = "INELIGIBLE"
    DEFERRED = "DEFERRED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.enum(description="A steering-group decision on a request.")
class RequestDecision(Enum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    DEFER = "DEFER"


@strawberry.enum(description="Operational focal points run the Action day to day; strategic ones steer it.")
class FocalPointKind(Enum):
    OPERATIONAL = "OPERATIONAL"
    STRATEGIC = "STRATEGIC"


@strawberry.enum(
    description="Programme phase, from the approval date: MIEUX I 2009-2011, II 2012-2015, III 2016-Mar 2020, MIEUX+ Apr 2020-Apr 2023."
)
class Phase(Enum):
    MIEUX_I = "MIEUX_I"
    MIEUX_II = "MIEUX_II"
    MIEUX_III = "MIEUX_III"
    MIEUX_PLUS = "MIEUX_PLUS"


@strawberry.enum(description="Where an Action stands.")
class ActionStatus(Enum):
    IN_PREPARATION = "IN_PREPARATION"
    ONGOING = "ONGOING"
    COMPLETED = "COMPLETED"


@strawberry.enum(description="Capacity levels an Action addresses.")
class CapacityLevel(Enum):
    INDIVIDUAL = "INDIVIDUAL"
    ORGANISATIONAL = "ORGANISATIONAL"
    ENABLING_ENVIRONMENT = "ENABLING_ENVIRONMENT"


@strawberry.enum(description="The three parties whose agreement an Action Fiche needs (R05).")
class FicheParty(Enum):
    MIEUX_TEAM = "MIEUX_TEAM"
    STEERING_GROUP = "STEERING_GROUP"
    PARTNER_AUTHORITY = "PARTNER_AUTHORITY"


@strawberry.enum
class FicheStatus(Enum):
    DRAFTED = "DRAFTED"
    AGREED = "AGREED"


@strawberry.enum(description="The controlled list of activity types.")
class ActivityType(Enum):
    ASSESSMENT_SESSION = "ASSESSMENT_SESSION"
    DRAFTING_SESSION = "DRAFTING_SESSION"
    FACT_FINDING_MISSION = "FACT_FINDING_MISSION"
    FIELD_VISIT = "FIELD_VISIT"
    INFORMATION_SESSION = "INFORMATION_SESSION"
    THEMATIC_SESSION = "THEMATIC_SESSION"
    MEETING_WITH_AUTHORITIES = "MEETING_WITH_AUTHORITIES"
    PRESENTATION = "PRESENTATION"
    REMOTE_SUPPORT = "REMOTE_SUPPORT"
    STUDY_VISIT = "STUDY_VISIT"
    WORKSHOP = "WORKSHOP"
    TRAINING = "TRAINING"
    CONFERENCE = "CONFERENCE"
    CONSULTATION = "CONSULTATION"


@strawberry.enum
class ActivityStatus(Enum):
    PLANNED = "PLANNED"
    HELD = "HELD"
    CANCELLED = "CANCELLED"


@strawberry.enum(description="Kinds of deliverable (outputs) an Action produces.")
class DeliverableKind(Enum):
    POLICY = "POLICY"
    STRATEGY = "STRATEGY"
    ACTION_PLAN = "ACTION_PLAN"
    ROADMAP = "ROADMAP"
    SOP = "SOP"
    HANDBOOK_MANUAL = "HANDBOOK_MANUAL"
    CURRICULUM = "CURRICULUM"
    GUIDELINES_PROTOCOL = "GUIDELINES_PROTOCOL"
    COMMUNICATION_STRATEGY = "COMMUNICATION_STRATEGY"
    INFORMATION_MATERIAL = "INFORMATION_MATERIAL"
    STUDY_REPORT = "STUDY_REPORT"
    DATA_TOOL = "DATA_TOOL"
    INSTITUTIONAL_ARRANGEMENT = "INSTITUTIONAL_ARRANGEMENT"


@strawberry.enum(description="Deliverable status; it only moves forward (skips allowed, R26).")
class DeliverableStatus(Enum):
    DRAFTED = "DRAFTED"
    VALIDATED = "VALIDATED"
    ENDORSED = "ENDORSED"
    ADOPTED = "ADOPTED"
    LAUNCHED = "LAUNCHED"
    IMPLEMENTED = "IMPLEMENTED"


@strawberry.enum(description="The level at which a deliverable status change happened.")
class DeliverableLevel(Enum):
    TECHNICAL = "TECHNICAL"
    INSTITUTIONAL = "INSTITUTIONAL"
    MINISTERIAL = "MINISTERIAL"
    GOVERNMENTAL = "GOVERNMENTAL"
    LOCAL = "LOCAL"
    NATIONAL = "NATIONAL"
    REGIONAL = "REGIONAL"
