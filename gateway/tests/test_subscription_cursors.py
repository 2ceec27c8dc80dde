"""Subscription cursors are signed and bound to their caller: forged or borrowed ones are refused."""

from __future__ import annotations

import base64
import json

import pytest
from aiokafka import TopicPartition
from contracts.events.requests import Region
from contracts.topics import ACTIONS
from fastapi import FastAPI
from gateway.cursors import CursorError, CursorSigner, derive_key
from service_core.auth import issue_token
from service_core.embedded.welcome import dev_token
from service_core.settings import DEV_JWT_SECRET

from .live import Publish, Socket, go_live, held, next_of, principal_of, readers_closed, unique


def forged_from(cursor: str) -> list[str]:
    """Ways to write a cursor at offset 0 of every partition from a genuine one."""
    _, body, mac = cursor.split(".")
    start = {ACTIONS: {"0": 0, "1": 0, "2": 0}}
    zero = base64.urlsafe_b64encode(json.dumps(start).encode()).decode().rstrip("=")
    other_key = CursorSigner(derive_key("a-secret-that-is-not-this-gateways-0123456789"))
    return [
        f"c2.{zero}.{mac}",  # positions rewritten, signature kept
        f"c1.{zero}",  # the old unsigned format
        other_key.issue({}, principal_of(dev_token("programme_manager"))),  # signed with another key
        f"c2.{body}.{mac[:-2]}AA",  # signature altered
        f"c2.{body}",  # no signature
        "c2." + "A" * 5000,  # oversized
    ]


async def refused(app: FastAPI, token: str, after: str) -> dict[str, object]:
    async with Socket(app) as socket:
        await socket.init(token)
        await socket.subscribe("AFRICA", after=after)
        error = await socket.refusal()
    extensions = error["extensions"]
    assert isinstance(extensions, dict)
    return extensions


async def first_cursor(app: FastAPI, token: str, publish: Publish) -> tuple[str, str]:
    """A genuine cursor issued to `token`'s caller, and the subject of one event published after it."""
    async with Socket(app) as socket:
        await socket.init(token)
        await socket.subscribe("AFRICA")
        probes, cursor = await go_live(socket, publish)
        later = unique("later")
        await publish(held(later, Region.AFRICA), later)
        await next_of(socket, {later}, probes)
    return cursor, later


async def test_a_forged_cursor_is_refused_before_the_stream_starts(gateway: FastAPI, publish: Publish) -> None:
    manager = dev_token("programme_manager")
    cursor, _ = await first_cursor(gateway, manager, publish)
    for forged in forged_from(cursor):
        assert await refused(gateway, manager, forged) == {"code": "INVALID_CURSOR", "field": "after"}, forged
    await readers_closed(gateway)


async def test_another_callers_cursor_is_refused_and_a_fresh_token_of_the_same_caller_resumes(
    gateway: FastAPI, publish: Publish
) -> None:
    coordinator = dev_token("regional_coordinator", region="AFRICA")
    cursor, later = await first_cursor(gateway, coordinator, publish)
    others = [
        dev_token("programme_manager"),  # a more powerful caller still may not borrow it
        dev_token("focal_point", authority_id="an-authority"),
        issue_token(DEV_JWT_SECRET, sub="another-coordinator", roles=["regional_coordinator"], region="AFRICA"),
    ]
    for token in others:
        assert await refused(gateway, token, cursor) == {"code": "INVALID_CURSOR", "field": "after"}

    # The cursor is bound to the caller, not to the token: after a token refresh the subscriber resumes.
    fresh = issue_token(
        DEV_JWT_SECRET,
        sub="dev-regional_coordinator-africa",
        roles=["regional_coordinator"],
        region="AFRICA",
        ttl_s=600,
    )
    assert fresh != coordinator
    async with Socket(gateway) as socket:
        await socket.init(fresh)
        await socket.subscribe("AFRICA", after=cursor)
        assert (await socket.events())["subject"] == later
    await readers_closed(gateway)


def test_a_cursor_reads_back_only_for_the_caller_it_was_issued_to() -> None:
    signer = CursorSigner(derive_key(DEV_JWT_SECRET))
    coordinator = principal_of(dev_token("regional_coordinator", region="AFRICA"))
    asia = principal_of(dev_token("regional_coordinator", region="ASIA"))
    positions = {TopicPartition(ACTIONS, 0): 7, TopicPartition(ACTIONS, 2): 3}
    cursor = signer.issue(positions, coordinator)
    assert signer.read(cursor, coordinator) == positions
    for caller, secret in ((asia, DEV_JWT_SECRET), (coordinator, DEV_JWT_SECRET + "-rotated")):
        with pytest.raises(CursorError):
            CursorSigner(derive_key(secret)).read(cursor, caller)
