"""What the experts service publishes, as far as it is defined here yet: the codes of a candidate's ranking."""

from __future__ import annotations

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
