"""Regional organisations and groups of states that may request assistance (R01), with their region.

`members`: the member states (ISO codes, as of 2019) of the organisations whose membership is a list of
states; the countries an Action with the organisation reaches. Empty for networks of institutions and
for the African Union (its Commission requests on behalf of the whole continent, not a listed subset).
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.events.requests import Region


@dataclass(frozen=True, slots=True)
class RegionalOrganisation:
    code: str
    name: str
    region: Region
    members: tuple[str, ...] = ()


_A, _S, _E, _L = Region.AFRICA, Region.ASIA, Region.EU_NEIGHBOURHOOD, Region.LATIN_AMERICA_CARIBBEAN

_ORGANISATIONS = (
    RegionalOrganisation("AU", "African Union Commission", _A),
    RegionalOrganisation(
        "COMESA",
        "Common Market for Eastern and Southern Africa",
        _A,
        (
            "BI",
            "KM",
            "CD",
            "DJ",
            "EG",
            "ER",
            "SZ",
            "ET",
            "KE",
            "LY",
            "MG",
            "MW",
            "MU",
            "RW",
            "SC",
            "SO",
            "SD",
            "TN",
            "UG",
            "ZM",
            "ZW",
        ),
    ),
    RegionalOrganisation(
        "EAC",
        "East African Community",
        _A,
        (
            "BI",
            "KE",
            "RW",
            "SS",
            "TZ",
            "UG",
        ),
    ),
    RegionalOrganisation(
        "ECCAS",
        "Economic Community of Central African States",
        _A,
        (
            "AO",
            "BI",
            "CM",
            "CF",
            "TD",
            "CG",
            "CD",
            "GQ",
            "GA",
            "RW",
            "ST",
        ),
    ),
    RegionalOrganisation(
        "ECOWAS",
        "Economic Community of West African States",
        _A,
        (
            "BJ",
            "BF",
            "CV",
            "CI",
            "GM",
            "GH",
            "GN",
            "GW",
            "LR",
            "ML",
            "NE",
            "NG",
            "SN",
            "SL",
            "TG",
        ),
    ),
    RegionalOrganisation(
        "IGAD",
        "Intergovernmental Authority on Development",
        _A,
        (
            "DJ",
            "ER",
            "ET",
            "KE",
            "SO",
            "SS",
            "SD",
            "UG",
        ),
    ),
    RegionalOrganisation(
        "SADC",
        "Southern African Development Community",
        _A,
        (
            "AO",
            "BW",
            "KM",
            "CD",
            "SZ",
            "LS",
            "MG",
            "MW",
            "MU",
            "MZ",
            "NA",
            "SC",
            "ZA",
            "TZ",
            "ZM",
            "ZW",
        ),
    ),
    RegionalOrganisation(
        "ASEAN",
        "Association of Southeast Asian Nations",
        _S,
        (
            "BN",
            "KH",
            "ID",
            "LA",
            "MY",
            "MM",
            "PH",
            "SG",
            "TH",
            "VN",
        ),
    ),
    RegionalOrganisation(
        "SAARC",
        "South Asian Association for Regional Cooperation",
        _S,
        (
            "AF",
            "BD",
            "BT",
            "IN",
            "MV",
            "NP",
            "PK",
            "LK",
        ),
    ),
    RegionalOrganisation("PIF", "Pacific Islands Forum", _S),
    RegionalOrganisation(
        "LAS",
        "League of Arab States",
        _E,
        (
            "DZ",
            "BH",
            "KM",
            "DJ",
            "EG",
            "IQ",
            "JO",
            "KW",
            "LB",
            "LY",
            "MR",
            "MA",
            "OM",
            "PS",
            "QA",
            "SA",
            "SO",
            "SD",
            "SY",
            "TN",
            "AE",
            "YE",
        ),
    ),
    RegionalOrganisation("AIAMP", "Ibero-American Association of Public Prosecutors (incl. REMPM)", _L),
    RegionalOrganisation("REDTRAM", "Ibero-American Network of Prosecutors against Trafficking in Persons", _L),
    RegionalOrganisation(
        "CAN",
        "Andean Community",
        _L,
        (
            "BO",
            "CO",
            "EC",
            "PE",
        ),
    ),
    RegionalOrganisation(
        "CARICOM",
        "Caribbean Community",
        _L,
        (
            "AG",
            "BS",
            "BB",
            "BZ",
            "DM",
            "GD",
            "GY",
            "HT",
            "JM",
            "MS",
            "KN",
            "LC",
            "VC",
            "SR",
            "TT",
        ),
    ),
    RegionalOrganisation(
        "MERCOSUR",
        "Southern Common Market",
        _L,
        (
            "AR",
            "BR",
            "PY",
            "UY",
            "VE",
        ),
    ),
    RegionalOrganisation("RCM", "Regional Conference on Migration (Puebla Process)", _L),
    RegionalOrganisation(
        "SICA",
        "Central American Integration System",
        _L,
        (
            "BZ",
            "CR",
            "SV",
            "GT",
            "HN",
            "NI",
            "PA",
            "DO",
        ),
    ),
)
_BY_CODE = {o.code: o for o in _ORGANISATIONS}


def organisations() -> tuple[RegionalOrganisation, ...]:
    return _ORGANISATIONS


def organisation(code: str) -> RegionalOrganisation | None:
    return _BY_CODE.get(code)
