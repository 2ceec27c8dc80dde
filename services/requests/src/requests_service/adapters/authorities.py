"""The authority register: one id issued per institution, found again by its key or external identifier.

A service table written in the submitting transaction (not a projection: a rebuild keeps it). The key is
`domain.authorities.lookup_key` (country or organisation + matching name); `identifier` is an external id
the submitter may give (a registry number), which finds the institution whatever its name is typed as.
Ids issued before the register existed (slugs such as `th-msdhs`) were recorded into it by migration
`002_authorities.sql`, so the requests, Actions and tokens that carry them keep working.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import asyncpg

from requests_service.domain.authorities import lookup_key
from requests_service.domain.commands import Requester, SubmitRequest
from requests_service.domain.decide import home_of, requesters

_FIND = """
SELECT authority_id FROM authority
WHERE ($2::text IS NOT NULL AND identifier = $2) OR lookup_key = $1
ORDER BY (identifier IS NOT DISTINCT FROM $2) DESC LIMIT 1
"""
# An institution first registered without an identifier learns it the first time a submitter gives one.
_IDENTIFY = """
UPDATE authority SET identifier = $2 WHERE authority_id = $1 AND identifier IS NULL
AND NOT EXISTS (SELECT 1 FROM authority WHERE identifier = $2)
"""
_REGISTER = """
INSERT INTO authority (authority_id, lookup_key, identifier, name, acronym, type, country)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING authority_id
"""


@dataclass(frozen=True, slots=True)
class NewAuthority:
    authority_id: str
    key: str
    requester: Requester


@dataclass(frozen=True, slots=True)
class Resolved:
    command: SubmitRequest  # every requester with its `authority_id`
    new: tuple[NewAuthority, ...]  # to register once the submission is authorised

    @property
    def authority_ids(self) -> list[str]:
        return [r.authority_id or "" for _, r in requesters(self.command)]


async def resolve(conn: asyncpg.Connection, command: SubmitRequest) -> Resolved:
    """Find each requester in the register (read only); one not there gets a fresh id, registered later."""
    issued: dict[str, str] = {}  # key -> id, so a requester named twice in one submission is one authority
    new: list[NewAuthority] = []
    found: list[Requester] = []
    for _, requester in requesters(command):
        key = lookup_key(home_of(command, requester), requester.name)
        authority_id = issued.get(key) or await conn.fetchval(_FIND, key, requester.identifier)
        if authority_id is None:
            authority_id = str(uuid.uuid4())
            new.append(NewAuthority(authority_id, key, requester))
        issued[key] = authority_id
        found.append(replace(requester, authority_id=authority_id))
    authority, *co_requesters = found
    return Resolved(replace(command, authority=authority, co_requesters=tuple(co_requesters)), tuple(new))


async def register(conn: asyncpg.Connection, resolved: Resolved, names: dict[str, str]) -> Resolved:
    """Record the new authorities (and identifiers given for known ones). One registered meanwhile by a
    concurrent submission wins: its id is used."""
    new_ids = {item.authority_id for item in resolved.new}
    for _, requester in requesters(resolved.command):
        if requester.identifier is not None and requester.authority_id not in new_ids:
            await conn.execute(_IDENTIFY, requester.authority_id, requester.identifier)
    taken: dict[str, str] = {}
    for item in resolved.new:
        r = item.requester
        row = await conn.fetchval(
            _REGISTER, item.authority_id, item.key, r.identifier, names[item.authority_id], r.acronym, str(r.type),
            r.country,
        )  # fmt: skip
        if row is None:
            taken[item.authority_id] = await conn.fetchval(_FIND, item.key, r.identifier)
    if not taken:
        return resolved

    def final(requester: Requester) -> Requester:
        given = requester.authority_id or ""
        return replace(requester, authority_id=taken.get(given, given))

    command = resolved.command
    command = replace(
        command, authority=final(command.authority), co_requesters=tuple(final(r) for r in command.co_requesters)
    )
    return Resolved(command, ())
