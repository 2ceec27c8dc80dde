"""A service that closes a kept-alive connection as the gateway sends on it: a read is sent again on a new
connection, a command is not (the service may have acted on it); over a real socket."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from gateway.clients import ServiceClient, ServiceUnavailable, new_http_client

from .sockets import tcp_server

_BODY = b'{"ok": true}'
_ANSWER = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(_BODY), _BODY)


@dataclass
class ClosingService:
    """Answers the first request on each connection, then closes it on the next one without answering."""

    port: int = 0
    requests_seen: list[bytes] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            for answered in (True, False):
                head = await reader.readuntil(b"\r\n\r\n")
                self.requests_seen.append(head.split(b" ", 2)[0])
                if b"content-length:" in head.lower():
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    await reader.readexactly(length)
                if answered:
                    writer.write(_ANSWER)
                    await writer.drain()
        except asyncio.IncompleteReadError:
            pass
        finally:
            writer.close()


@pytest.fixture
async def closing() -> AsyncIterator[ClosingService]:
    service = ClosingService()
    async with tcp_server(service.handle) as service.port:
        yield service


async def test_a_read_on_a_connection_the_service_closes_unanswered_is_sent_again(closing: ClosingService) -> None:
    client = ServiceClient("experts", new_http_client(f"http://127.0.0.1:{closing.port}", 5.0))
    try:
        assert await client.get("/experts/e-1", "token") == {"ok": True}
        assert await client.get("/experts/e-2", "token") == {"ok": True}  # first sent on the closing connection
    finally:
        await client.close()

    assert closing.requests_seen == [b"GET", b"GET", b"GET"]


async def test_a_command_on_a_connection_the_service_closes_unanswered_is_not_sent_again(
    closing: ClosingService,
) -> None:
    client = ServiceClient("experts", new_http_client(f"http://127.0.0.1:{closing.port}", 5.0))
    try:
        assert await client.get("/experts/e-1", "token") == {"ok": True}
        with pytest.raises(ServiceUnavailable, match="RemoteProtocolError"):
            await client.command("/experts", "token", {"name": "x"})
    finally:
        await client.close()

    assert closing.requests_seen == [b"GET", b"POST"]
