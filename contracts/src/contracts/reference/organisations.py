"""Regional organisations and groups of states that may request assistance (R01), with their region."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events.requests import Region


@dataclass(frozen=True, slots=True)
class RegionalOrganisation:
    code: str
    name: str
    region: Region


_A, _S, _E, _L = Region.AFRICA, Region.ASIA, Region.EU_NEIGHBOURHOOD, Region.LATIN_AMERICA_CARIBBEAN

_ORGANISATIONS = (
    RegionalOrganisation("AU", "African Union Commission", _A),
    RegionalOrganisation("COMESA", "Common Market for Eastern and Southern Africa", _A),
    RegionalOrganisation("EAC", "East African Community", _A),
    RegionalOrganisation("ECCAS", "Economic Community of Central African States", _A),
    RegionalOrganisation("ECOWAS", "Economic Community of West African States", _A),
    RegionalOrganisation("IGAD", "Intergovernmental Authority on Development", _A),
    RegionalOrganisation("SADC", "Southern African Development Community", _A),
    RegionalOrganisation("ASEAN", "Association of Southeast Asian Nations", _S),
    RegionalOrganisation("SAARC", "South Asian Association for Regional Cooperation", _S),
    RegionalOrganisation("PIF", "Pacific Islands Forum", _S),
    RegionalOrganisation("LAS", "League of Arab States", _E),
    RegionalOrganisation("AIAMP", "Ibero-American Association of Public Prosecutors (incl. REMPM)", _L),
    RegionalOrganisation("REDTRAM", "Ibero-American Network of Prosecutors against Trafficking in Persons", _L),
    RegionalOrganisation("CAN", "Andean Community", _L),
    RegionalOrganisation("CARICOM", "Caribbean Community", _L),
    RegionalOrganisation("MERCOSUR", "Southern Common Market", _L),
    RegionalOrganisation("RCM", "Regional Conference on Migration (Puebla Process)", _L),
    RegionalOrganisation("SICA", "Central American Integration System", _L),
)
_BY_CODE = {o.code: o for o in _ORGANISATIONS}


def organisations() -> tuple[RegionalOrganisation, ...]:
    return _ORGANISATIONS


def organisation(code: str) -> RegionalOrganisation | None:
    return _BY_CODE.get(code)
