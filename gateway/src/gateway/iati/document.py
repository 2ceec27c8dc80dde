"""IATI 2.03 `iati-activities` XML: one `iati-activity` per Action (built with lxml, element order as the XSD).

What the domain does not hold is left out, for the publisher to add: budgets, transactions, planned
disbursements, results, contacts and policy markers (no policy objectives are recorded per Action).
Codes are from the IATI 2.03 codelists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from contracts.events.requests import AuthorityType, RequestingAuthority
from lxml import etree

from gateway.iati.projection import ActionRecord

IATI_VERSION = "2.03"
SECTOR_MIGRATION = "15190"  # DAC CRS purpose code
SECTOR_NAME = "Facilitation of orderly, safe, regular and responsible migration and mobility"

# ActivityStatus: 1 pipeline/identification, 2 implementation, 3 finalisation (financial close is not known here).
_STATUS = {"IN_PREPARATION": "1", "ONGOING": "2", "COMPLETED": "3"}
# ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
_PLANNED_START, _ACTUAL_START, _PLANNED_END, _ACTUAL_END = "1", "2", "3", "4"
# OrganisationType of the partner institution.
_ORGANISATION_TYPE = {
    AuthorityType.NATIONAL_GOVERNMENT: "10",
    AuthorityType.LOCAL_AUTHORITY: "11",
    AuthorityType.OMBUDSPERSON: "15",
    AuthorityType.PARLIAMENT: "15",
    AuthorityType.JUDICIAL_AUTHORITY: "15",
    AuthorityType.REGIONAL_ORGANISATION: "40",
    AuthorityType.CIVIL_SOCIETY: "22",
}
# Region (vocabulary 1, OECD DAC) for an Action with no partner country (a regional organisation's).
_DAC_REGION = {"AFRICA": "298", "ASIA": "798", "LATIN_AMERICA_CARIBBEAN": "498", "EU_NEIGHBOURHOOD": "998"}
# OrganisationRole: 1 funding, 2 accountable (IATI has no "beneficiary"; the partner answers for the Action), 4 implementing.
_FUNDING, _ACCOUNTABLE, _IMPLEMENTING = "1", "2", "4"


@dataclass(frozen=True)
class Publisher:
    """Who publishes the file, and the fixed parties of every Action; a publisher sets its own identifiers."""

    reporting_org_ref: str = "XI-IATI-EC_INTPA"
    reporting_org_type: str = "15"
    reporting_org_name: str = "European Commission - International Partnerships"
    activity_prefix: str = "MIEUX"
    funder_name: str = "European Union"
    funder_ref: str = "XI-IATI-EC_INTPA"
    implementer_name: str = "International Centre for Migration Policy Development (ICMPD)"
    implementer_type: str = "40"
    language: str = "en"
    currency: str = "EUR"


def activity_status(action: ActionRecord) -> str:
    if action.completed_on is not None:
        return _STATUS["COMPLETED"]
    return _STATUS["ONGOING"] if action.launched_on is not None else _STATUS["IN_PREPARATION"]


def iati_activities(
    actions: Iterable[ActionRecord],
    authorities: Mapping[str, RequestingAuthority],
    publisher: Publisher,
    generated_at: datetime | None = None,
) -> etree._Element:
    root = etree.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": _datetime(generated_at or datetime.now(UTC))},
    )
    for action in sorted(actions, key=lambda a: a.opened.code):
        root.append(_activity(action, authorities, publisher))
    return root


def to_bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _datetime(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        etree.SubElement(element, "narrative").text = text
    return element


def _activity(action: ActionRecord, authorities: Mapping[str, RequestingAuthority], pub: Publisher) -> etree._Element:
    opened = action.opened
    activity = etree.Element(
        "iati-activity",
        {
            "{http://www.w3.org/XML/1998/namespace}lang": pub.language,
            "default-currency": pub.currency,
            "hierarchy": "1",
        },
    )
    etree.SubElement(activity, "iati-identifier").text = f"{pub.reporting_org_ref}-{pub.activity_prefix}-{opened.code}"
    _sub(activity, "reporting-org", pub.reporting_org_name, ref=pub.reporting_org_ref, type=pub.reporting_org_type)
    _sub(activity, "title", f"MIEUX {opened.label}: {opened.topic}")
    _sub(
        activity,
        "description",
        f"Peer-to-peer expertise for {opened.label} (Action {opened.code}, {opened.phase.value}): {opened.topic}. "
        f"Thematic area: {opened.thematic_area.value}; region: {opened.region.value}.",
        type="1",
    )
    _sub(activity, "participating-org", pub.funder_name, role=_FUNDING, ref=pub.funder_ref, type="15")
    for authority_id in (opened.authority_id, *opened.co_requester_ids):
        authority = authorities.get(authority_id)
        if authority is not None:
            _sub(
                activity,
                "participating-org",
                authority.name,
                role=_ACCOUNTABLE,
                type=_ORGANISATION_TYPE[authority.type],
            )
    _sub(activity, "participating-org", pub.implementer_name, role=_IMPLEMENTING, type=pub.implementer_type)
    _sub(activity, "other-identifier", ref=opened.code, type="A1")
    _sub(activity, "activity-status", code=activity_status(action))
    _dates(activity, action)
    countries = list(dict.fromkeys(opened.countries))
    _sub(activity, "activity-scope", code="4" if len(countries) == 1 else "3" if countries else "2")
    for country, share in zip(countries, _shares(len(countries)), strict=True):
        _sub(activity, "recipient-country", code=country, percentage=str(share))
    if not countries:
        _sub(activity, "recipient-region", code=_DAC_REGION[opened.region.value], vocabulary="1", percentage="100")
    _sub(activity, "sector", SECTOR_NAME, vocabulary="1", code=SECTOR_MIGRATION, percentage="100")
    _sub(activity, "collaboration-type", code="1")  # bilateral
    _sub(activity, "default-flow-type", code="10")  # ODA
    _sub(activity, "default-finance-type", code="110")  # standard grant
    _sub(activity, "default-aid-type", code="D02", vocabulary="1")  # other technical assistance
    _sub(activity, "default-tied-status", code="5")  # untied
    for deliverable in sorted(action.deliverables.values(), key=lambda d: d.id):
        link = _sub(
            activity,
            "document-link",
            format="application/octet-stream",
            url=f"urn:mieux:deliverable:{deliverable.id}",  # the document itself is the partner's (R25)
        )
        _sub(link, "title", deliverable.title)
        _sub(
            link,
            "description",
            f"{deliverable.kind.value.replace('_', ' ').lower()}, {deliverable.status.value.lower()}",
        )
        _sub(link, "category", code="A08")  # results, outcomes and outputs
        _sub(link, "document-date", iso_date=deliverable.dated.isoformat())
    return activity


def _dates(activity: etree._Element, action: ActionRecord) -> None:
    moments: list[tuple[str, date | None]] = [
        (_PLANNED_START, action.opened.approved_on),
        (_ACTUAL_START, action.launched_on),
        (_PLANNED_END, action.planned_end),
        (_ACTUAL_END, action.completed_on),
    ]
    for kind, moment in moments:
        if moment is not None:
            _sub(activity, "activity-date", type=kind, iso_date=moment.isoformat())


def _shares(count: int) -> list[int]:
    """Whole percentages summing to 100 (IATI requires the sum), the remainder on the first countries."""
    if count == 0:
        return []
    base, remainder = divmod(100, count)
    return [base + (1 if index < remainder else 0) for index in range(count)]
