"""Subscription cursors: a position vector, signed by the gateway and bound to the caller it was issued to.

A cursor says where in the service topics a subscriber stopped. Unsigned, anyone could write one at offset 0
and replay history they were never shown; another caller's cursor would leak what that caller could see up
to it. So a cursor is `c2.<positions>.<mac>` with mac = HMAC-SHA256(key, positions + caller), the caller
being the token's `sub`, roles, region and authority: only the caller it was issued to can resume from it,
and only from a position this gateway (or one sharing its key) issued.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json

from aiokafka import TopicPartition
from service_core.auth import Principal

from gateway.streaming import TOPICS, Positions

_PREFIX = "c2."
MAX_CURSOR_LENGTH = 4096
_KEY_CONTEXT = b"mieux-gateway/subscription-cursor/v1"


class CursorError(ValueError):
    """The `after` argument is not a cursor this gateway issued to this caller."""


def derive_key(secret: str) -> bytes:
    """A key of its own for cursors (HMAC of the given secret), so a cursor's MAC never doubles as a JWT's."""
    return hmac.new(secret.encode(), _KEY_CONTEXT, hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _caller(principal: Principal) -> bytes:
    roles = sorted(role.value for role in principal.roles)
    return json.dumps([principal.sub, roles, principal.region, principal.authority_id]).encode()


class CursorSigner:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, body: str, principal: Principal) -> str:
        return _b64(hmac.new(self._key, body.encode() + b"|" + _caller(principal), hashlib.sha256).digest())

    def issue(self, positions: Positions, principal: Principal) -> str:
        by_topic: dict[str, dict[str, int]] = {}
        for tp, offset in sorted(positions.items()):
            by_topic.setdefault(tp.topic, {})[str(tp.partition)] = offset
        body = _b64(json.dumps(by_topic, separators=(",", ":"), sort_keys=True).encode())
        return f"{_PREFIX}{body}.{self._mac(body, principal)}"

    def read(self, cursor: str, principal: Principal) -> Positions:
        """The positions of a cursor issued to `principal`; CursorError for anything else."""
        if not cursor.startswith(_PREFIX) or len(cursor) > MAX_CURSOR_LENGTH or cursor.count(".") != 2:
            raise CursorError("not a regionEvents cursor: pass the `cursor` of an event you received")
        body, mac = cursor[len(_PREFIX) :].split(".")
        if not hmac.compare_digest(mac, self._mac(body, principal)):
            raise CursorError("this cursor was not issued to you by this gateway: subscribe without `after`")
        try:
            return _positions(json.loads(_unb64(body)))
        except (ValueError, binascii.Error) as exc:  # pragma: no cover - we signed it, so we wrote it
            raise CursorError("not a regionEvents cursor") from exc


def _positions(decoded: object) -> Positions:
    if not isinstance(decoded, dict):
        raise ValueError("positions are an object")
    positions: Positions = {}
    for topic, partitions in decoded.items():
        if topic not in TOPICS or not isinstance(partitions, dict):
            raise ValueError(f"unknown topic {topic!r}")
        for partition, offset in partitions.items():
            digits = isinstance(partition, str) and partition.isascii() and partition.isdigit()
            if not (digits and isinstance(offset, int) and offset >= 0):
                raise ValueError("bad position")
            positions[TopicPartition(topic, int(partition))] = offset
    return positions
