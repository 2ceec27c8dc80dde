"""Sortable, searchable lists through the graph, as a client pages them: `orderBy` both ways with the cursors of
that order, `filter.search` and the list filters, within the caller's access; refusals name the argument."""

from __future__ import annotations

from typing import Any

from gateway.schema.global_ids import raw_id

from .conftest import SUBMIT, Gql, Stack, submission
from .test_experts_graph import register

REQUESTS = """query($filter: RequestFilter, $order: RequestOrder, $first: Int, $after: String, $last: Int,
                    $before: String) {
  requests(filter: $filter, orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id receivedOn region status } } } }"""
AFRICA = {"role": "regional_coordinator", "claims": {"region": "AFRICA"}}
PLACES = (  # country, region, received on, institution, topic
    ("CV", "AFRICA", "2019-03-04", "Direção-Geral de Imigração", "Integração dos imigrantes"),
    ("SN", "AFRICA", "2018-11-20", "Direction générale des Sénégalais de l'extérieur", "Diaspora et développement"),
    ("TH", "ASIA", "2019-01-15", "Ministry of Labour", "Labour migration"),
    ("PE", "LATIN_AMERICA_CARIBBEAN", "2018-06-01", "Superintendencia Nacional de Migraciones", "Atención a migrantes"),
    ("GH", "AFRICA", "2019-03-04", "Ghana Immigration Service", "Labour migration"),
)  # fmt: skip


async def requests_in(gql: Gql) -> dict[str, str]:
    ids = {}
    for country, region, on, name, topic in PLACES:
        authority = {"name": name, "type": "NATIONAL_GOVERNMENT"}
        body = submission(countries=[country], region=region, receivedOn=on, authority=authority, topic=topic)
        answer = (await gql(SUBMIT, input=body))["data"]["submitRequest"]
        assert answer["errors"] == [], answer
        ids[country] = answer["request"]["id"]
    return ids


def ids_of(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]


async def whole_list(gql: Gql, order: dict[str, str], backward: bool, **caller: Any) -> list[str]:
    """Every request in `order`, two at a time, forward from the start or backward from the end."""
    seen: list[str] = []
    cursor: str | None = None
    while True:
        paging = {"last": 2, "before": cursor} if backward else {"first": 2, "after": cursor}
        body = await gql(REQUESTS, order=order, **paging, **caller)
        assert not body.get("errors"), body
        page = body["data"]["requests"]
        seen = ids_of(page) + seen if backward else seen + ids_of(page)
        info = page["pageInfo"]
        if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
            return seen
        cursor = info["startCursor"] if backward else info["endCursor"]


async def test_a_client_pages_an_ordered_searched_list_both_ways_within_its_access(gql: Gql, stack: Stack) -> None:
    ids = await requests_in(gql)
    by_date = sorted(PLACES, key=lambda p: (p[2], raw_id(ids[p[0]])))  # ties by the service's id, not the global one
    oldest_first = [ids[p[0]] for p in by_date]

    order = {"field": "RECEIVED_ON", "direction": "ASC"}
    assert await whole_list(gql, order, backward=False) == oldest_first
    assert await whole_list(gql, order, backward=True) == oldest_first
    newest_first = await whole_list(gql, {"field": "RECEIVED_ON"}, backward=False)  # DESC by default
    assert newest_first == list(reversed(oldest_first))
    africa_first = [i for i in oldest_first if i in {ids["CV"], ids["SN"], ids["GH"]}]
    assert await whole_list(gql, order, backward=True, **AFRICA) == africa_first

    async def found(search: str, **extra: Any) -> set[str]:
        body = await gql(REQUESTS, filter={"search": search, **extra}, first=20)
        assert not body.get("errors"), body
        return set(ids_of(body["data"]["requests"]))

    assert await found("integracao IMIGR") == {ids["CV"]}  # Integração, Imigração
    assert await found("senegalais exter") == {ids["SN"]}
    assert await found("atencion") == {ids["PE"]}
    assert await found("labour", regionIn=["AFRICA", "LATIN_AMERICA_CARIBBEAN"]) == {ids["GH"]}
    assert await found("migra", statusIn=["OPEN"], regionIn=["ASIA"]) == {ids["TH"]}
    coordinator = await gql(REQUESTS, filter={"search": "labour", "regionIn": ["ASIA", "AFRICA"]}, **AFRICA)
    assert ids_of(coordinator["data"]["requests"]) == [ids["GH"]]  # never Thailand, outside its region
    region = await gql(
        """{ region(code: AFRICA) { requests(orderBy: {field: RECEIVED_ON, direction: ASC}, first: 1) {
             edges { node { id } } } } }"""
    )
    assert ids_of(region["data"]["region"]["requests"]) == [ids["SN"]]


async def test_refused_orders_cursors_searches_and_lists_name_their_argument(gql: Gql, stack: Stack) -> None:
    await requests_in(gql)
    by_region = (await gql(REQUESTS, order={"field": "REGION", "direction": "ASC"}, first=2))["data"]["requests"]

    async def refused(query: str, **variables: Any) -> dict[str, Any]:
        body = await gql(query, **variables)
        assert body["errors"], body
        extensions: dict[str, Any] = body["errors"][0]["extensions"]
        return extensions

    mismatch = await refused(REQUESTS, after=by_region["pageInfo"]["endCursor"], first=2)
    assert mismatch == {"code": "CURSOR_ORDER_MISMATCH", "field": "after"}
    invalid = await refused(REQUESTS, after="bm9uc2Vuc2U", first=2)
    assert invalid == {"code": "INVALID_CURSOR", "field": "after"}
    empty = await refused(REQUESTS, filter={"regionIn": []})
    assert empty == {"code": "BAD_USER_INPUT", "field": "filter.regionIn"}
    many = await refused(REQUESTS, filter={"statusIn": ["OPEN"] * 21})
    assert many == {"code": "VALIDATION_ERROR", "field": "filter.statusIn"}
    long = await refused(REQUESTS, filter={"search": "x" * 201})
    assert long == {"code": "VALIDATION_ERROR", "field": "filter.search"}

    await register(gql, "Élodie Müller", "EU_MS_GOVERNMENTAL", "FR", "FR")
    experts = """query($filter: ExpertFilter, $order: ExpertOrder) {
      experts(filter: $filter, orderBy: $order, first: 5) { totalCount edges { node { personalData { fullName } } } } }"""
    found = await gql(experts, filter={"search": "elodie muller"}, order={"field": "AVERAGE_SCORE"})
    assert found["data"]["experts"]["edges"] == [{"node": {"personalData": {"fullName": "Élodie Müller"}}}]
    hidden = await refused(experts, filter={"search": "elodie"}, **AFRICA)
    assert hidden == {"code": "PERSONAL_DATA_HIDDEN", "field": "filter.search"}
    cut = await refused(experts, order={"field": "AVERAGE_SCORE", "direction": "ASC"}, **AFRICA)
    assert cut == {"code": "INVALID_ORDER", "field": "orderBy"}
    actions = await gql('{ actions(orderBy: {field: CODE, direction: ASC}, filter: {search: "cabo"}) { totalCount } }')
    assert actions["data"]["actions"]["totalCount"] == 0 and not actions.get("errors")
