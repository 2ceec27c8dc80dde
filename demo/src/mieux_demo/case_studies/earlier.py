"""The earlier Actions the case studies' ordinals imply (Peru I-II, Cabo Verde I-III, ...)."""

from __future__ import annotations

from datetime import date

from mieux_demo.case_studies.vocabulary import DS, FFM, WS, D
from mieux_demo.model import AFRICA, EUN, HOR, IP, IRR, LAC, LEG, ActionPlan, Activity, Authority


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
