"""The 16 case studies of the ten-year report as named Actions (Thailand's is two consecutive Actions), plus
the earlier Actions their ordinals imply (Peru I-II, Cabo Verde I-III, ...). Countries, authorities, years,
activities, deliverables and the expert mix follow `facts.json`; exact days within a month are invented.
"""

from __future__ import annotations

from datetime import date

from mieux_demo.model import (
    AFRICA,
    ASIA,
    EU_GOV,
    EUN,
    HOR,
    IP,
    IRR,
    LAC,
    LEG,
    MD,
    NON_EU_GOV,
    OTHER,
    ActionPlan,
    Activity,
    Authority,
    Deliverable,
    ExpertSpec,
)

D = date
FFM, WS, DS, SV, TR = "FACT_FINDING_MISSION", "WORKSHOP", "DRAFTING_SESSION", "STUDY_VISIT", "TRAINING"
CONF, PRES, ASSESS, CONSULT = "CONFERENCE", "PRESENTATION", "ASSESSMENT_SESSION", "CONSULTATION"
REMOTE, FIELD, INFO, THEME, MEET = (
    "REMOTE_SUPPORT",
    "FIELD_VISIT",
    "INFORMATION_SESSION",
    "THEMATIC_SESSION",
    "MEETING_WITH_AUTHORITIES",
)
TECH, INST, MIN, GOV, LOCAL, REG = "TECHNICAL", "INSTITUTIONAL", "MINISTERIAL", "GOVERNMENTAL", "LOCAL", "REGIONAL"


def eu(ms: str, level: str = "NATIONAL") -> ExpertSpec:
    return ExpertSpec(EU_GOV, ms, "PUBLIC", level)


def southern(country: str) -> ExpertSpec:
    return ExpertSpec(NON_EU_GOV, country, "PUBLIC", "NATIONAL")


def other(country: str, sector: str) -> ExpertSpec:
    return ExpertSpec(OTHER, country, sector, None)


def adopted(kind: str, title: str, on: date, final: str, level: str, final_on: date) -> Deliverable:
    """Recorded as a draft, validated technically a month later, then `final` at `level` on `final_on`."""
    validated = min(date.fromordinal(on.toordinal() + 30), final_on)
    steps = (("VALIDATED", TECH, validated),) if final != "VALIDATED" else ()
    return Deliverable(kind, title, on, (*steps, (final, level, final_on)))


def drafted(kind: str, title: str, on: date) -> Deliverable:
    return Deliverable(kind, title, on)


CASE_STUDIES: tuple[ActionPlan, ...] = (
    ActionPlan(
        "cs01-thailand-1",
        ASIA,
        IRR,
        "Protection of trafficking victims and prevention of homelessness linked to migration",
        Authority("Ministry of Social Development and Human Security", "MSDHS"),
        D(2013, 3, 1),
        D(2013, 5, 15),
        (
            Activity(TR, D(2013, 8, 12), 3, "TH", "Bangkok"),
            Activity(SV, D(2014, 6, 2), 5, "BE", "Brussels"),
            Activity(SV, D(2015, 5, 11), 5, "IE", "Dublin"),
            Activity(WS, D(2016, 9, 5), 2, "TH", "Bangkok"),
        ),
        countries=("TH",),
        case_study=1,
        deliverables=(
            adopted(
                "STUDY_REPORT",
                "Review of victim identification and investigation procedures (DATIP)",
                D(2014, 9, 1),
                "ENDORSED",
                INST,
                D(2015, 2, 1),
            ),
            adopted(
                "INSTITUTIONAL_ARRANGEMENT",
                "Three-year housing-first pilot project (DSDW)",
                D(2016, 3, 1),
                "LAUNCHED",
                INST,
                D(2016, 11, 1),
            ),
        ),
        team=(other("BE", "CIVIL_SOCIETY"), other("IE", "CIVIL_SOCIETY"), eu("BE")),
    ),
    ActionPlan(
        "cs01-thailand-2",
        ASIA,
        IRR,
        "Assistance to child victims in shelters; gender and psychosocial support",
        Authority("Ministry of Social Development and Human Security", "MSDHS"),
        D(2017, 2, 1),
        D(2017, 3, 20),
        (
            Activity(WS, D(2017, 6, 12), 2, "TH", "Bangkok"),
            Activity(WS, D(2017, 9, 11), 2, "TH", "Chiang Mai"),
            Activity(WS, D(2017, 11, 13), 2, "TH", "Bangkok"),
            Activity(SV, D(2018, 4, 9), 5, "NL", "Amsterdam"),
        ),
        countries=("TH",),
        case_study=1,
        deliverables=tuple(
            adopted("INFORMATION_MATERIAL", title, D(2018, 2, 1), "LAUNCHED", INST, D(2018, 6, 1))
            for title in (
                "Safe Use of Modern Technologies in Combatting Trafficking of Children",
                "Gender and THB",
                "Identifying and Caring for Victims of Severe Physical, Psychological and/or Social Trauma",
            )
        ),
        team=(other("NL", "CIVIL_SOCIETY"), other("BE", "CIVIL_SOCIETY"), eu("NL")),
    ),
    ActionPlan(
        "cs02-peru-3",
        LAC,
        IRR,
        "Inter-sectoral guidelines and training against migrant smuggling",
        Authority("General Directorate for Democratic Security, Ministry of Interior", "DGSD"),
        D(2016, 10, 3),
        D(2017, 1, 20),
        (
            Activity(CONF, D(2017, 3, 14), 2, "PE", "Lima"),
            Activity(DS, D(2017, 5, 8), 3, "PE", "Lima"),
            Activity(ASSESS, D(2017, 8, 1), 10, None),
            Activity(TR, D(2018, 2, 19), 3, "PE", "Tacna"),
            Activity(TR, D(2018, 4, 16), 3, "PE", "Tumbes"),
            Activity(PRES, D(2018, 6, 15), 1, "PE", "Lima"),
        ),
        countries=("PE",),
        case_study=2,
        deliverables=(
            adopted(
                "GUIDELINES_PROTOCOL",
                "Inter-Sectoral Guidelines for the Prevention and Prosecution of Smuggling of "
                "Migrants, and for the Assistance and Protection of Smuggled Persons and Victims of Crime in the "
                "Context of Migration",
                D(2017, 10, 2),
                "ADOPTED",
                GOV,
                D(2018, 5, 10),
            ),
            adopted(
                "HANDBOOK_MANUAL",
                "Training Manual on Smuggling of Migrants",
                D(2018, 1, 15),
                "ADOPTED",
                INST,
                D(2018, 7, 2),
            ),
        ),
        team=(southern("AR"), eu("ES"), other("ES", "PRIVATE")),
    ),
    ActionPlan(
        "cs03-philippines-1",
        ASIA,
        IRR,
        "Social marketing against illegal recruitment and trafficking in persons",
        Authority("Department of Labour and Employment", "DOLE"),
        D(2009, 10, 5),
        D(2010, 1, 18),
        (
            Activity(FFM, D(2010, 3, 8), 5, "PH", "Manila"),
            Activity(FIELD, D(2010, 6, 7), 3, "PH", "Manila"),
            Activity(TR, D(2010, 10, 4), 3, "PH", "Manila"),
            Activity(DS, D(2011, 3, 7), 4, "PH", "Manila"),
            Activity(TR, D(2011, 9, 12), 2, "PH", "Manila"),
        ),
        countries=("PH",),
        case_study=3,
        deliverables=(
            adopted(
                "HANDBOOK_MANUAL",
                "Campaigning against Illegal Recruitment and Trafficking in Persons using Social Marketing Techniques",
                D(2011, 6, 1),
                "ADOPTED",
                INST,
                D(2012, 1, 16),
            ),
            adopted(
                "STUDY_REPORT",
                "Evaluation of POEA information tools with recommendations",
                D(2011, 11, 1),
                "VALIDATED",
                TECH,
                D(2011, 12, 1),
            ),
            adopted(
                "INFORMATION_MATERIAL",
                "Pilot campaign materials (posters, T-shirts, bracelets)",
                D(2011, 10, 3),
                "LAUNCHED",
                INST,
                D(2012, 2, 1),
            ),
        ),
        team=(eu("DE"), eu("SE")),
    ),
    ActionPlan(
        "cs04-south-east-asia",
        ASIA,
        MD,
        "Regional dialogue on migration and development, mobility and irregular migration",
        Authority("Commission on Filipinos Overseas", "CFO", country="PH"),
        D(2012, 2, 6),
        D(2012, 4, 16),
        (
            Activity(CONF, D(2012, 12, 3), 2, "PH", "Manila"),
            Activity(CONF, D(2013, 8, 19), 2, "ID", "Jakarta"),
            Activity(CONF, D(2013, 10, 21), 2, "VN", "Hanoi"),
        ),
        countries=("ID", "PH", "VN"),
        case_study=4,
        deliverables=(
            adopted(
                "STUDY_REPORT",
                "Reports and outcomes of the three regional conferences",
                D(2013, 11, 4),
                "ENDORSED",
                REG,
                D(2014, 1, 15),
            ),
        ),
        team=(
            eu("HU"),
            eu("IT"),
            eu("NL"),
            eu("PL"),
            eu("RO"),
            southern("ID"),
            southern("PH"),
            other("TH", "ACADEMIA"),
            other("SG", "ACADEMIA"),
        ),
    ),
    ActionPlan(
        "cs05-west-africa",
        AFRICA,
        HOR,
        "Migration, displacement, climate change and environmental degradation",
        Authority("Government of Togo (ACMHR)", "ACMHR"),
        D(2014, 3, 3),
        D(2014, 5, 12),
        (
            Activity(WS, D(2015, 10, 5), 3, "TG", "Lome"),
            Activity(INFO, D(2016, 3, 7), 2, "BJ", "Cotonou"),
            Activity(CONSULT, D(2016, 6, 6), 2, "BJ", "Cotonou"),
            Activity(CONSULT, D(2016, 7, 4), 2, "TG", "Lome"),
            Activity(CONSULT, D(2017, 2, 6), 2, "GW", "Bissau"),
            Activity(WS, D(2018, 9, 17), 2, "BJ", "Cotonou"),
        ),
        countries=("TG", "BJ", "GW"),
        case_study=5,
        co_requesters=(
            Authority("Government of Benin", None, country="BJ"),
            Authority("Government of Guinea-Bissau", None, country="GW"),
        ),
        deliverables=(
            adopted(
                "STUDY_REPORT",
                "Background paper on migration, climate change and environment in West Africa: "
                "Benin, Togo and Guinea-Bissau",
                D(2015, 9, 1),
                "VALIDATED",
                TECH,
                D(2015, 10, 9),
            ),
            adopted(
                "STUDY_REPORT",
                "Report of the Regional Restitution and Capitalisation Workshop in Benin",
                D(2018, 9, 24),
                "VALIDATED",
                TECH,
                D(2018, 10, 15),
            ),
        ),
        team=(other("BE", "ACADEMIA"), other("BE", "ACADEMIA"), southern("BD"), eu("FR")),
    ),
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
        "cs07-costa-rica-2",
        LAC,
        LEG,
        "Second National Integration Plan",
        Authority("Directorate General of Migration and Foreigners", "DGME"),
        D(2016, 5, 2),
        D(2016, 8, 22),
        (
            Activity(ASSESS, D(2016, 11, 7), 5, "CR", "San Jose"),
            Activity(SV, D(2017, 2, 13), 5, "ES", "Madrid"),
            Activity(WS, D(2017, 4, 24), 2, "CR", "San Jose"),
            Activity(CONSULT, D(2017, 7, 10), 2, "CR", "San Jose"),
            Activity(PRES, D(2017, 12, 8), 1, "CR", "San Jose"),
        ),
        countries=("CR",),
        case_study=7,
        deliverables=(
            adopted(
                "ACTION_PLAN",
                "Second National Integration Plan (2018-2022)",
                D(2017, 9, 1),
                "LAUNCHED",
                GOV,
                D(2017, 12, 8),
            ),
            adopted(
                "STUDY_REPORT",
                "Analysis of the Costa Rican migration context",
                D(2017, 3, 1),
                "VALIDATED",
                TECH,
                D(2017, 4, 3),
            ),
        ),
        team=(eu("ES", "LOCAL"), eu("ES", "LOCAL")),
    ),
    ActionPlan(
        "cs08-cabo-verde-4",
        AFRICA,
        LEG,
        "Municipal action plans for immigration and integration",
        Authority("Directorate General of Immigration", "DGI"),
        D(2016, 9, 5),
        D(2017, 1, 16),
        (
            Activity(FFM, D(2017, 3, 6), 5, "CV", "Praia"),
            Activity(THEME, D(2017, 6, 12), 3, "CV", "Praia"),
            Activity(SV, D(2017, 10, 9), 5, "PT", "Lisbon"),
            Activity(DS, D(2018, 3, 5), 3, "CV", "Praia"),
        ),
        countries=("CV",),
        case_study=8,
        deliverables=(
            adopted(
                "ACTION_PLAN",
                "Municipal Action Plan for Immigration and Integration (MAPII)",
                D(2018, 6, 1),
                "ADOPTED",
                LOCAL,
                D(2019, 2, 15),
            ),
            adopted(
                "HANDBOOK_MANUAL",
                "Procedure Manual for Integration at Municipal Level",
                D(2018, 6, 1),
                "VALIDATED",
                TECH,
                D(2019, 2, 15),
            ),
        ),
        team=(eu("PT"), eu("PT", "LOCAL")),
    ),
    ActionPlan(
        "cs09-comesa-2",
        AFRICA,
        HOR,
        "Migration data sharing and harmonised definitions among COMESA Member States",
        Authority("COMESA Secretariat", "COMESA", "REGIONAL_ORGANISATION"),
        D(2012, 11, 5),
        D(2013, 1, 21),
        (
            Activity(MEET, D(2013, 4, 8), 2, "ZM", "Lusaka"),
            Activity(TR, D(2013, 10, 14), 3, "ZM", "Lusaka"),
            Activity(REMOTE, D(2014, 5, 5), 20, None),
            Activity(ASSESS, D(2015, 3, 2), 15, None),
            Activity(WS, D(2016, 2, 15), 2, "ZM", "Lusaka"),
        ),
        regional_organisation="COMESA",
        case_study=9,
        deliverables=(
            adopted(
                "DATA_TOOL",
                "Migration Metadata Questionnaire and results report",
                D(2015, 6, 1),
                "VALIDATED",
                TECH,
                D(2015, 9, 1),
            ),
            drafted("GUIDELINES_PROTOCOL", "Agreement on Data-Sharing Mechanisms among COMESA States", D(2016, 3, 1)),
        ),
        team=(eu("HU"), eu("IT"), eu("MT"), eu("LT"), other("AT", "INTERNATIONAL_ORGANISATION")),
    ),
    ActionPlan(
        "cs10-kenya-2",
        AFRICA,
        HOR,
        "Standard Operating Procedures for migration data management",
        Authority("National Coordination Mechanism on Migration", "NCM"),
        D(2017, 1, 9),
        D(2017, 3, 13),
        (
            Activity(FFM, D(2017, 5, 8), 5, "KE", "Nairobi"),
            Activity(WS, D(2017, 10, 2), 3, "KE", "Nairobi"),
            Activity(DS, D(2018, 4, 9), 3, "KE", "Naivasha"),
            Activity(WS, D(2019, 2, 11), 2, "KE", "Nairobi"),
        ),
        countries=("KE",),
        case_study=10,
        deliverables=(adopted("SOP", "Data Management", D(2018, 9, 3), "ENDORSED", TECH, D(2019, 2, 12)),),
        team=(eu("IT"), eu("MT")),
    ),
    ActionPlan(
        "cs11-mexico-2",
        LAC,
        IP,
        "Capacity building of asylum officers on the EASO training curriculum",
        Authority("Mexican Commission for Refugee Assistance", "COMAR"),
        D(2016, 1, 11),
        D(2016, 3, 7),
        (
            Activity(TR, D(2016, 5, 16), 3, "MX", "Tapachula"),
            Activity(ASSESS, D(2016, 9, 5), 10, None),
            Activity(TR, D(2017, 2, 6), 5, "MX", "Mexico City"),
            Activity(TR, D(2017, 6, 5), 2, None),
            Activity(FIELD, D(2017, 9, 18), 2, "MX", "Tapachula"),
            Activity(THEME, D(2018, 3, 12), 2, "MX", "Mexico City"),
        ),
        countries=("MX",),
        case_study=11,
        co_requesters=(Authority("National Institute of Migration", "INM"),),
        deliverables=(
            adopted(
                "HANDBOOK_MANUAL",
                "COMAR practical guide on interview techniques",
                D(2017, 11, 6),
                "ADOPTED",
                INST,
                D(2018, 4, 2),
            ),
            adopted(
                "CURRICULUM",
                "EASO curriculum adapted to the Mexican framework",
                D(2016, 12, 5),
                "VALIDATED",
                TECH,
                D(2017, 1, 16),
            ),
        ),
        team=(eu("NL"), eu("PT"), eu("ES"), eu("SE")),
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
    ActionPlan(
        "cs13-mauritius-1",
        AFRICA,
        MD,
        "National Migration and Development Policy and Action Plan",
        Authority("Prime Minister's Office", "PMO"),
        D(2016, 9, 12),
        D(2016, 11, 21),
        (
            Activity(FFM, D(2017, 1, 16), 5, "MU", "Port Louis"),
            Activity(MEET, D(2017, 3, 6), 3, "MU", "Port Louis"),
            Activity(DS, D(2017, 5, 8), 4, "MU", "Port Louis"),
            Activity(CONSULT, D(2017, 7, 3), 2, "MU", "Rodrigues"),
            Activity(PRES, D(2017, 10, 2), 1, "MU", "Port Louis"),
        ),
        countries=("MU",),
        case_study=13,
        deliverables=(
            adopted(
                "POLICY",
                "National Migration and Development Policy and Action Plan",
                D(2017, 8, 1),
                "ADOPTED",
                GOV,
                D(2017, 12, 4),
            ),
        ),
        team=(other("AT", "INTERNATIONAL_ORGANISATION"), eu("FR"), southern("CV")),
    ),
    ActionPlan(
        "cs14-malawi-1",
        AFRICA,
        MD,
        "Capacity building on diaspora engagement and a Diaspora Engagement Policy",
        Authority("Diaspora Affairs Unit, Ministry of Foreign Affairs", "DAU"),
        D(2014, 1, 13),
        D(2014, 3, 24),
        (
            Activity(FFM, D(2014, 5, 19), 5, "MW", "Lilongwe"),
            Activity(WS, D(2014, 9, 8), 3, "MW", "Lilongwe"),
            Activity(DS, D(2015, 2, 9), 3, "MW", "Blantyre"),
            Activity(SV, D(2015, 6, 1), 4, "ET", "Addis Ababa"),
            Activity(SV, D(2015, 10, 5), 4, "IE", "Dublin"),
            Activity(WS, D(2016, 4, 11), 2, "MW", "Lilongwe"),
        ),
        countries=("MW",),
        case_study=14,
        deliverables=(adopted("POLICY", "Diaspora Engagement Policy", D(2016, 4, 12), "ADOPTED", GOV, D(2019, 2, 11)),),
        team=(southern("ET"), eu("IE")),
    ),
    ActionPlan(
        "cs15-madagascar-1",
        AFRICA,
        MD,
        "A comprehensive, inclusive Diaspora Engagement Policy",
        Authority("Directorate for Diaspora Affairs, Ministry of Foreign Affairs", "DDA"),
        D(2017, 1, 23),
        D(2017, 4, 3),
        (
            Activity(FFM, D(2017, 6, 12), 5, "MG", "Antananarivo"),
            Activity(WS, D(2017, 10, 9), 3, "MG", "Antananarivo"),
            Activity(SV, D(2018, 3, 12), 4, "SN", "Dakar"),
            Activity(SV, D(2018, 6, 11), 4, "FR", "Paris"),
            Activity(CONSULT, D(2019, 3, 4), 10, None),
            Activity(CONF, D(2019, 12, 5), 1, "MG", "Antananarivo"),
        ),
        countries=("MG",),
        case_study=15,
        deliverables=(
            adopted(
                "POLICY",
                "National Malagasy Diaspora Engagement Policy",
                D(2019, 6, 3),
                "VALIDATED",
                TECH,
                D(2019, 12, 5),
            ),
        ),
        team=(eu("FR"), eu("FR")),
    ),
    ActionPlan(
        "cs16-brazil-2",
        LAC,
        IP,
        "Protection of migrant children: interviewing techniques and border workflows",
        Authority("Federal Public Defender's Office", "DPU"),
        D(2018, 10, 1),
        D(2019, 1, 28),
        (
            Activity(FFM, D(2019, 7, 22), 14, "BR", "Boa Vista"),
            Activity(WS, D(2019, 9, 10), 2, "BR", "Brasilia"),
            Activity(DS, D(2019, 10, 7), 10, None),
            Activity(TR, D(2019, 11, 11), 2, "BR", "Boa Vista"),
            Activity(TR, D(2019, 12, 2), 2, "BR", "Sao Paulo"),
        ),
        countries=("BR",),
        case_study=16,
        deliverables=(
            adopted(
                "STUDY_REPORT",
                "Fact-finding mission report with recommendations",
                D(2019, 9, 10),
                "VALIDATED",
                TECH,
                D(2019, 9, 11),
            ),
            adopted(
                "HANDBOOK_MANUAL", "Manual on interviewing techniques", D(2019, 11, 4), "ADOPTED", INST, D(2019, 12, 20)
            ),
            adopted(
                "GUIDELINES_PROTOCOL",
                "Workflow for child protection at border crossing points",
                D(2019, 9, 11),
                "ADOPTED",
                INST,
                D(2019, 12, 20),
            ),
        ),
        team=(eu("PT"), eu("PT"), other("PT", "ACADEMIA"), eu("NL"), eu("NL")),
    ),
)


def _earlier(key: str, region: str, area: str, topic: str, authority: Authority, country: str | None,
             received: date, approved: date, **extra: object) -> ActionPlan:  # fmt: skip
    """An earlier Action of a case study's country (its content is not in the report: a generic course)."""

    def day(months: int) -> date:
        return date.fromordinal(approved.toordinal() + months * 30)

    place = country or "ZM"
    activities = (Activity(FFM, day(2), 5, place), Activity(WS, day(5), 2, place), Activity(DS, day(9), 3, place),
                  Activity(WS, day(13), 2, place))  # fmt: skip
    countries = (country,) if country else ()
    return ActionPlan(key, region, area, topic, authority, received, approved, activities, countries, **extra)  # type: ignore[arg-type]


EARLIER: tuple[ActionPlan, ...] = (
    _earlier("pe-1", LAC, IRR, "Protection and assistance of victims of trafficking",
             Authority("General Directorate for Democratic Security, Ministry of Interior", "DGSD"), "PE",
             D(2010, 2, 1), D(2010, 4, 12)),
    _earlier("pe-2", LAC, IRR, "Evaluation of the National Action Plan against trafficking in persons",
             Authority("General Directorate for Democratic Security, Ministry of Interior", "DGSD"), "PE",
             D(2013, 1, 14), D(2013, 3, 18)),
    _earlier("cr-1", LAC, HOR, "First National Integration Plan", Authority(
        "Directorate General of Migration and Foreigners", "DGME"), "CR", D(2012, 1, 9), D(2012, 3, 12)),
    _earlier("mx-1", LAC, IP, "Access to the asylum procedure", Authority(
        "Mexican Commission for Refugee Assistance", "COMAR"), "MX", D(2013, 9, 2), D(2013, 11, 4)),
    _earlier("br-1", LAC, HOR, "Migration governance and data", Authority(
        "Ministry of Justice", "MJ"), "BR", D(2016, 2, 8), D(2016, 4, 4)),
    _earlier("cv-1", AFRICA, IRR, "Border management and document security", Authority(
        "Directorate of Borders and Foreigners", "DEF"), "CV", D(2009, 3, 2), D(2009, 5, 11)),
    _earlier("cv-2", AFRICA, LEG, "National Immigration Strategy", Authority(
        "Directorate General of Immigration", "DGI"), "CV", D(2012, 1, 16), D(2012, 3, 5)),
    _earlier("cv-3", AFRICA, LEG, "Integration of immigrants at national level", Authority(
        "Directorate General of Immigration", "DGI"), "CV", D(2014, 2, 3), D(2014, 4, 7)),
    _earlier("comesa-1", AFRICA, IRR, "Harmonising national laws with the COMESA Model Law on Immigration",
             Authority("COMESA Secretariat", "COMESA", "REGIONAL_ORGANISATION"), None, D(2010, 6, 7), D(2010, 8, 9),
             regional_organisation="COMESA"),
    _earlier("ke-1", AFRICA, HOR, "Migration profile and coordination", Authority(
        "National Coordination Mechanism on Migration", "NCM"), "KE", D(2014, 6, 2), D(2014, 8, 4)),
    _earlier("jo-1", EUN, HOR, "Inter-institutional migration data management", Authority(
        "Ministry of Interior", "MOI"), "JO", D(2014, 1, 20), D(2014, 3, 17)),
)  # fmt: skip
