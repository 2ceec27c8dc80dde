"""The 16 case studies of the ten-year report as named Actions (Thailand's is two consecutive Actions), plus
the earlier Actions their ordinals imply (Peru I-II, Cabo Verde I-III, ...). Countries, authorities, years,
activities, deliverables and the expert mix follow `facts.json`; exact days within a month are invented.

One module a region holds its case studies (asia, africa, eu_neighbourhood, latin_america), `earlier` the
earlier Actions, and `vocabulary` the terms they are written in (activity types, levels, expert specs).
"""

from __future__ import annotations

from mieux_demo.case_studies.africa import AFRICA_CASE_STUDIES
from mieux_demo.case_studies.asia import ASIA_CASE_STUDIES
from mieux_demo.case_studies.earlier import EARLIER
from mieux_demo.case_studies.eu_neighbourhood import EU_NEIGHBOURHOOD_CASE_STUDIES
from mieux_demo.case_studies.latin_america import LATIN_AMERICA_CASE_STUDIES
from mieux_demo.case_studies.vocabulary import (
    ASSESS,
    CONF,
    CONSULT,
    DS,
    FFM,
    FIELD,
    GOV,
    INFO,
    INST,
    LOCAL,
    MEET,
    MIN,
    PRES,
    REG,
    REMOTE,
    SV,
    TECH,
    THEME,
    TR,
    WS,
    D,
    adopted,
    drafted,
    eu,
    other,
    southern,
)
from mieux_demo.model import ActionPlan

# in the report's order, cs01 to cs16 (the order their keys sort in)
CASE_STUDIES: tuple[ActionPlan, ...] = tuple(
    sorted(
        (
            *ASIA_CASE_STUDIES,
            *AFRICA_CASE_STUDIES,
            *EU_NEIGHBOURHOOD_CASE_STUDIES,
            *LATIN_AMERICA_CASE_STUDIES,
        ),
        key=lambda plan: plan.key,
    )
)

__all__ = [
    "ASSESS",
    "CASE_STUDIES",
    "CONF",
    "CONSULT",
    "DS",
    "EARLIER",
    "FFM",
    "FIELD",
    "GOV",
    "INFO",
    "INST",
    "LOCAL",
    "MEET",
    "MIN",
    "PRES",
    "REG",
    "REMOTE",
    "SV",
    "TECH",
    "THEME",
    "TR",
    "WS",
    "D",
    "adopted",
    "drafted",
    "eu",
    "other",
    "southern",
]
