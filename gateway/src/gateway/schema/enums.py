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
