"""A dozen experts across categories and member states: the roster the read tests filter and page.

Names and contacts are invented.
"""

from __future__ import annotations

from typing import Any

YEAR = [{"available_from": "2025-01-01", "available_to": "2027-12-31"}]


def _profile(category: str, nationality: str, areas: dict[str, list[str]], languages: dict[str, str],
             *, sector: str = "PUBLIC", level: str | None = "NATIONAL", certifications: tuple[str, ...] = ()
             ) -> dict[str, Any]:  # fmt: skip
    return {
        "category": category,
        "nationality": nationality,
        "member_state": nationality if category == "EU_MS_GOVERNMENTAL" else None,
        "administration_level": level if category != "OTHER" else None,
        "sector": sector,
        "expertise": [{"thematic_area": area, "topics": topics} for area, topics in areas.items()],
        "languages": [{"language": code, "level": lvl} for code, lvl in languages.items()],
        "certifications": list(certifications),
        "availability": YEAR,
    }


EU, NON_EU, OTHER = "EU_MS_GOVERNMENTAL", "NON_EU_GOVERNMENTAL", "OTHER"
THB, LEGAL, MD, ASYLUM, HORIZONTAL = (
    "IRREGULAR_MIGRATION_THB", "LEGAL_MIGRATION_MOBILITY", "MIGRATION_DEVELOPMENT", "INTERNATIONAL_PROTECTION_ASYLUM",
    "HORIZONTAL",
)  # fmt: skip
DEMOS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("demo-expert-pt-1", "Demo Expert PT", _profile(EU, "PT", {MD: ["diaspora_engagement", "remittances"]},
                                                    {"pt": "NATIVE", "en": "C1", "fr": "B2"})),
    ("demo-expert-es-1", "Demo Expert ES", _profile(EU, "ES", {LEGAL: ["labour_migration_policies"]},
                                                    {"es": "NATIVE", "en": "C1"}, level="LOCAL")),
    ("demo-expert-nl-1", "Demo Expert NL", _profile(EU, "NL", {ASYLUM: ["interviewing_techniques", "coi"]},
                                                    {"nl": "NATIVE", "en": "C2"}, certifications=("EASO_TRAINER",))),
    ("demo-expert-de-1", "Demo Expert DE", _profile(EU, "DE", {THB: ["victim_identification"]},
                                                    {"de": "NATIVE", "en": "C1", "fr": "B1"})),
    ("demo-expert-fr-1", "Demo Expert FR", _profile(EU, "FR", {HORIZONTAL: ["migration_data"], MD: []},
                                                    {"fr": "NATIVE", "en": "B2"})),
    ("demo-expert-se-1", "Demo Expert SE", _profile(EU, "SE", {ASYLUM: ["reception_conditions"]},
                                                    {"sv": "NATIVE", "en": "C2"})),
    ("demo-expert-cv-1", "Demo Expert CV", _profile(NON_EU, "CV", {MD: ["diaspora_engagement"]},
                                                    {"pt": "NATIVE", "fr": "B2", "en": "B1"})),
    ("demo-expert-ph-1", "Demo Expert PH", _profile(NON_EU, "PH", {LEGAL: ["labour_migration_policies",
                                                                          "pre_departure_orientation"]},
                                                    {"en": "C2", "tl": "NATIVE"})),
    ("demo-expert-ar-1", "Demo Expert AR", _profile(NON_EU, "AR", {THB: ["anti_thb_action_plans"]},
                                                    {"es": "NATIVE", "en": "B2"})),
    ("demo-expert-be-1", "Demo Expert BE", _profile(OTHER, "BE", {HORIZONTAL: ["climate_change"]},
                                                    {"fr": "NATIVE", "en": "C1"}, sector="ACADEMIA", level=None)),
    ("demo-expert-ke-1", "Demo Expert KE", _profile(OTHER, "KE", {THB: ["shelters"]},
                                                    {"en": "C2", "sw": "NATIVE"}, sector="CIVIL_SOCIETY", level=None)),
    ("demo-expert-it-1", "Demo Expert IT", _profile(OTHER, "IT", {LEGAL: ["skills_matching"]},
                                                    {"it": "NATIVE", "en": "C1", "es": "B2"},
                                                    sector="INTERNATIONAL_ORGANISATION", level=None)),
)  # fmt: skip
