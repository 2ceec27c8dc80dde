"""On the running stack: nothing any service published carries a name, an e-mail address, a phone
number or a participant's comment — with the demo portfolio (675 experts registered with contact details,
focal points, commented feedback) and the other scenarios' data on the topics. Besides the patterns, every
value the services hold in an identifying column (`contracts.classification.IDENTIFYING`) is looked for."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer
from contracts.classification import IDENTIFYING
from contracts.topics import SERVICES, service_topic
from gateway.schema.global_ids import raw_id

from .conftest import LaunchedStack
from .graphql_client import GraphQL

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]{2,}")
PHONE = re.compile(rb"\+\d[\d ]{7,}")
REGISTER = (
    """mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { expert { id } errors { code } } }"""
)


async def everything_published(bootstrap: str) -> list[Any]:
    consumer = AIOKafkaConsumer(
        *(service_topic(s) for s in SERVICES),
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[Any] = []
    try:
        quiet = 0
        while quiet < 3:  # three empty polls in a row: the topics are read to their end
            batch = await consumer.getmany(timeout_ms=700, max_records=5000)
            found = [r for messages in batch.values() for r in messages]
            records.extend(found)
            quiet = 0 if found else quiet + 1
    finally:
        await consumer.stop()
    return records


async def identifying_values(pg_port: int) -> list[str]:
    """Every value of every identifying column, read from the service databases of the running stack."""
    values: list[str] = []
    for service, tables in IDENTIFYING.items():
        conn = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{pg_port}/mieux_{service}")
        try:
            for table, columns in tables.items():
                for column in columns:
                    rows = await conn.fetch(f"SELECT DISTINCT {column} AS v FROM {table} WHERE {column} IS NOT NULL")
                    values.extend(row["v"] for row in rows)
        finally:
            await conn.close()
    return values


def test_no_message_on_any_topic_carries_personal_data(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    marker = "Zofia Quellenberg-Personal"
    registered = pm.data(
        REGISTER,
        input={
            "personalData": {"fullName": marker, "email": "zofia.quellenberg@example.org", "phone": "+48 601 234 567"},
            "profile": {"category": "OTHER", "nationality": "PL", "sector": "ACADEMIA"},
        },
    )["registerExpert"]
    assert registered["errors"] == []
    records = asyncio.run(everything_published(running_stack.bootstrap_servers))
    held = asyncio.run(identifying_values(running_stack.pg_port))
    anyone = re.compile("|".join(re.escape(v) for v in sorted(held, key=len, reverse=True)).encode())

    assert len(records) > 1000, "the demo portfolio should be on the topics"
    assert marker in held and len(held) > 675, "the experts' names, e-mails and phones were read"
    assert any(r.key == raw_id(registered["expert"]["id"]).encode() for r in records), "the new expert's event arrived"
    for record in records:
        blob = (record.value or b"") + b"".join(value for _, value in record.headers)
        assert marker.encode() not in blob
        assert not EMAIL.search(blob), f"an e-mail address on {record.topic}: {EMAIL.search(blob)}"
        assert not PHONE.search(blob), f"a phone number on {record.topic}"
        assert not anyone.search(blob), f"personal data on {record.topic}: {anyone.search(blob)}"


def test_no_log_file_holds_a_value_of_an_identifying_column(running_stack: LaunchedStack) -> None:
    """The processes' logs (.mieux/logs) after the demo load: no expert's name, e-mail or phone, no focal
    point's name, as held in the identifying columns (contracts.classification.IDENTIFYING)."""
    held = asyncio.run(identifying_values(running_stack.pg_port))
    anyone = re.compile("|".join(re.escape(v) for v in sorted(held, key=len, reverse=True)).encode())
    files = sorted((running_stack.home / ".mieux" / "logs").rglob("*.log"))

    assert len(held) > 675 and files
    for path in files:
        found = anyone.search(path.read_bytes())
        assert found is None, f"{path.name} holds personal data: {found}"
