"""The case studies of the ten-year report in the EU neighbourhood (06, 12)."""

from __future__ import annotations

from mieux_demo.case_studies.vocabulary import (
    ASSESS,
    DS,
    FFM,
    INST,
    MIN,
    PRES,
    SV,
    TECH,
    THEME,
    TR,
    D,
    adopted,
    eu,
    other,
)
from mieux_demo.model import EUN, IRR, LEG, ActionPlan, Activity, Authority

EU_NEIGHBOURHOOD_CASE_STUDIES: tuple[ActionPlan, ...] = (
    ActionPlan(
        "cs06-belarus-1",
        EUN,
        LEG,
        "Legislation on external labour migration and migrant workers' rights",
        Authority("Ministry of Internal Affairs", "MIA"),
        D(2016, 2, 1),
        D(2016, 4, 11),
        (
            Activity(THEME, D(2016, 9, 12), 3, "BY", "Minsk"),
            Activity(DS, D(2017, 4, 3), 4, "BY", "Minsk"),
            Activity(PRES, D(2018, 6, 12), 1, "BY", "Minsk"),
        ),
        countries=("BY",),
        case_study=6,
        deliverables=(
            adopted(
                "STUDY_REPORT",
                "Analytical Report on Legislation on External Labour Migration",
                D(2018, 3, 1),
                "ENDORSED",
                MIN,
                D(2018, 6, 12),
            ),
        ),
        team=(other("MD", "INTERNATIONAL_ORGANISATION"), eu("BG")),
    ),
    ActionPlan(
        "cs12-jordan-2",
        EUN,
        IRR,
        "Procedures for protecting and assisting victims of trafficking in shelters",
        Authority("Ministry of Social Development", "MoSD"),
        D(2017, 1, 16),
        D(2017, 3, 27),
        (
            Activity(ASSESS, D(2017, 5, 8), 5, "JO", "Amman"),
            Activity(FFM, D(2017, 7, 10), 5, "JO", "Amman"),
            Activity(DS, D(2018, 1, 15), 3, "JO", "Amman"),
            Activity(SV, D(2018, 6, 4), 4, "BE", "Brussels"),
            Activity(TR, D(2019, 3, 11), 3, "JO", "Amman"),
        ),
        countries=("JO",),
        case_study=12,
        deliverables=(
            adopted(
                "SOP", "Guiding Principles for Shelters Working with VoTs", D(2018, 9, 3), "ADOPTED", MIN, D(2019, 4, 1)
            ),
            adopted("STUDY_REPORT", "Needs Assessment report", D(2017, 9, 4), "VALIDATED", TECH, D(2017, 10, 2)),
            adopted(
                "INSTITUTIONAL_ARRANGEMENT",
                "Memorandum of Understanding between the two shelters",
                D(2018, 2, 5),
                "ADOPTED",
                INST,
                D(2018, 5, 7),
            ),
        ),
        team=(eu("BE"), eu("BG")),
    ),
)
