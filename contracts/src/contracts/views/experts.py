"""What the experts service publishes, as far as it is defined here yet: the codes of a candidate's ranking and
what the roster can be ordered by."""

from __future__ import annotations

from enum import StrEnum

from contracts.views.common import OpenCodes


class RankReasonCode(OpenCodes):
    """Why matching ranks a candidate where it does (R18 background first, then expertise, language, time)."""

    EU_MS_PUBLIC_ADMINISTRATION = "EU_MS_PUBLIC_ADMINISTRATION"
    NON_EU_PUBLIC_ADMINISTRATION = "NON_EU_PUBLIC_ADMINISTRATION"
    OTHER_BACKGROUND = "OTHER_BACKGROUND"
    REGIONAL_PEER = "REGIONAL_PEER"
    THEMATIC_AREA_MATCH = "THEMATIC_AREA_MATCH"
    TOPIC_MATCH = "TOPIC_MATCH"
    HORIZONTAL_EXPERTISE = "HORIZONTAL_EXPERTISE"
    NO_THEMATIC_MATCH = "NO_THEMATIC_MATCH"
    LANGUAGE_MATCH = "LANGUAGE_MATCH"
    LANGUAGE_LIMITED = "LANGUAGE_LIMITED"
    LANGUAGE_MISSING = "LANGUAGE_MISSING"
    AVAILABLE = "AVAILABLE"
    PARTLY_AVAILABLE = "PARTLY_AVAILABLE"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    AVAILABILITY_UNKNOWN = "AVAILABILITY_UNKNOWN"
    CONTINUITY = "CONTINUITY"
    OTHER = "OTHER"


class ExpertOrderField(StrEnum):
    """What the roster can be ordered by (`GET /experts?order_by=`); by default newest registered first.
    The figures (`average_score`, `deployments_completed`) order the programme's own figures: not for a
    regional coordinator, who sees them cut to its region. An expert without a score sorts last, either way."""

    REGISTERED_ON = "registered_on"
    UPDATED_AT = "updated_at"
    AVERAGE_SCORE = "average_score"
    DEPLOYMENTS_COMPLETED = "deployments_completed"
