"""The right to erasure on the running stack, demo portfolio loaded: an expert (with an Action-feedback note
about herself) and a focal point are erased; then no database (every column of every table, events and
inboxes included), no log file under .mieux/logs and no topic (dead letters included) holds their names,
e-mail address or phone number. What is looked for follows `contracts.classification.IDENTIFYING`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer
from contracts.classification import IDENTIFYING

from .conftest import LaunchedStack
from .graphql_client import GraphQL

EXPERT = {"fullName": "Wilhelmina Erasure-Kowalczyk", "email": "wilhelmina.erasure@example.org",
          "phone": "+48 600 314 159"}  # fmt: skip
FOCAL_POINT = {"name": "Bartholomew Forgetme-Okonkwo", "role": "Erasable Head of Unit",
               "institution": "Erasable Directorate of Records"}  # fmt: skip
NOTE = f"{EXPERT['fullName']} here: reach me at {EXPERT['email']} or {EXPERT['phone']}"

REGISTER = (
    """mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { expert { id } errors { code } } }"""
)
ONGOING = """{ actions(filter: {status: ONGOING}, first: 50) { edges { node { id activities { edges { node { id status } } } } } } }"""
PROPOSE = """mutation($input: ProposeDeploymentInput!) {
  proposeDeployment(input: $input) { deployment { id } errors { code message } } }"""
CONFIRM = """mutation($input: ConfirmDeploymentInput!) {
  confirmDeployment(input: $input) { deployment { status } errors { code message } } }"""
FEEDBACK = """mutation($input: SubmitActionFeedbackInput!) {
  submitActionFeedback(input: $input) { errors { code message } } }"""
NOTES = """query($a: ID!) { action(id: $a) { feedback { expertFeedback { expertId note } } } }"""
ERASE_EXPERT = """mutation($input: EraseExpertInput!) { eraseExpert(input: $input) { errors { code } } }"""
APPROVED = """{ requests(filter: {status: APPROVED}, first: 1) { edges { node { id } } } }"""
NOMINATE = """mutation($input: NominateFocalPointInput!) {
  nominateFocalPoint(input: $input) { request { focalPoints { focalPointId name } } errors { code } } }"""
ERASE_FOCAL_POINT = """mutation($input: EraseFocalPointInput!) {
  eraseFocalPoint(input: $input) { request { focalPoints { focalPointId name role institution } } errors { code } } }"""


def markers() -> list[str]:
    """The values of the identifying columns (contracts.classification) this scenario wrote, and the phone
    number as digits only, as a log or a normalising system might hold it."""
    typed = {"full_name": EXPERT["fullName"], "email": EXPERT["email"], "phone": EXPERT["phone"],
             "name": FOCAL_POINT["name"]}  # fmt: skip
    columns = {column for tables in IDENTIFYING.values() for cols in tables.values() for column in cols}
    assert columns == set(typed), "the scenario writes every identifying column"
    return [*typed.values(), EXPERT["phone"].replace(" ", "").lstrip("+"), FOCAL_POINT["role"]]


def eventually(check: Callable[[], Any], what: str, timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(1)


def deployed_expert_with_a_note(pm: GraphQL) -> tuple[str, str]:
    """A new expert, confirmed on a planned activity of an ongoing demo Action, who left a note about herself."""
    expert = pm.data(REGISTER, input={"personalData": EXPERT, "profile": {
        "category": "OTHER", "nationality": "PL", "sector": "ACADEMIA"}})["registerExpert"]  # fmt: skip
    assert expert["errors"] == []
    expert_id = expert["expert"]["id"]
    for edge in pm.data(ONGOING)["actions"]["edges"]:
        for activity in (e["node"] for e in edge["node"]["activities"]["edges"]):
            if activity["status"] != "PLANNED":
                continue
            proposed = pm.data(PROPOSE, input={"expertId": expert_id, "activityId": activity["id"]})[
                "proposeDeployment"
            ]
            if proposed["errors"]:
                continue
            confirmed = pm.data(CONFIRM, input={"deploymentId": proposed["deployment"]["id"]})["confirmDeployment"]
            assert confirmed["errors"] == [], confirmed
            action_id = edge["node"]["id"]
            feedback = {"actionId": action_id, "source": "EXPERT", "expertId": expert_id, "note": NOTE,
                        "ratings": {"relevance": 4}}  # fmt: skip

            def given(feedback: dict[str, Any] = feedback) -> bool:  # it learns of the deployment from the stream
                errors = pm.data(FEEDBACK, input=feedback)["submitActionFeedback"]["errors"]
                assert all(e["code"] == "EXPERT_NOT_DEPLOYED" for e in errors), errors
                return not errors

            eventually(given, "the feedback service knows the deployment")
            return expert_id, action_id
    raise AssertionError("no planned activity of an ongoing demo Action accepted the deployment")


def nominated_focal_point(pm: GraphQL) -> tuple[str, str]:
    request_id = pm.data(APPROVED)["requests"]["edges"][0]["node"]["id"]
    nominated = pm.data(NOMINATE, input={"requestId": request_id, "kind": "OPERATIONAL", **FOCAL_POINT})
    focal_point = next(
        fp for fp in nominated["nominateFocalPoint"]["request"]["focalPoints"] if fp["name"] == FOCAL_POINT["name"]
    )
    return request_id, focal_point["focalPointId"]


async def database_hits(dsn: str, needles: list[str]) -> list[str]:
    """`database.table` (row count) of every row of every table of every database whose text holds a needle."""
    admin = await asyncpg.connect(dsn)
    try:
        names = [r["datname"] for r in await admin.fetch("SELECT datname FROM pg_database WHERE NOT datistemplate")]
    finally:
        await admin.close()
    patterns = [f"%{needle}%" for needle in needles]
    hits: list[str] = []
    for name in names:
        conn = await asyncpg.connect(dsn.rsplit("/", 1)[0] + f"/{name}")
        try:
            tables = await conn.fetch(
                "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            )
            for table in tables:
                qualified = f'"{table["schemaname"]}"."{table["tablename"]}"'
                found = await conn.fetchval(f"SELECT count(*) FROM {qualified} t WHERE t::text ILIKE ANY($1)", patterns)
                if found:
                    hits.append(f"{name}.{qualified} ({found} rows)")
        finally:
            await conn.close()
    return hits


async def topic_hits(bootstrap: str, needles: list[str]) -> tuple[int, set[str], list[str]]:
    """Every record of every topic on the broker (service topics and dead letters): (count, topics, hits)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
                                enable_auto_commit=False)  # fmt: skip
    await consumer.start()
    hits: list[str] = []
    count = 0
    try:
        topics = {t for t in await consumer.topics() if not t.startswith("__")}
        consumer.subscribe(sorted(topics))
        quiet = 0
        while quiet < 3:
            batch = await consumer.getmany(timeout_ms=700, max_records=5000)
            records = [r for messages in batch.values() for r in messages]
            count += len(records)
            quiet = 0 if records else quiet + 1
            for record in records:
                blob = ((record.value or b"") + b"".join(v for _, v in record.headers)).decode(errors="replace")
                hits.extend(f"{record.topic}@{record.offset}: {n}" for n in needles if n.lower() in blob.lower())
    finally:
        await consumer.stop()
    return count, topics, hits


def log_hits(logs: Path, needles: list[str]) -> list[str]:
    files = sorted(logs.rglob("*.log"))
    assert files, f"no log files under {logs}"
    return [
        f"{path.name}: {n}" for path in files for n in needles if n.lower() in path.read_text(errors="replace").lower()
    ]


def test_after_erasure_no_store_log_or_topic_holds_the_persons_data(running_stack: LaunchedStack) -> None:
    pm = GraphQL(running_stack.graphql_url)
    expert_id, action_id = deployed_expert_with_a_note(pm)
    request_id, focal_point_id = nominated_focal_point(pm)
    needles = markers()
    dsn = f"postgresql://postgres@127.0.0.1:{running_stack.pg_port}/postgres"
    assert asyncio.run(database_hits(dsn, needles)), "the scan finds the data before the erasure"

    assert pm.data(ERASE_EXPERT, input={"expertId": expert_id})["eraseExpert"]["errors"] == []
    erased = pm.data(ERASE_FOCAL_POINT, input={"requestId": request_id, "focalPointId": focal_point_id})
    assert erased["eraseFocalPoint"]["errors"] == []
    [shown] = [fp for fp in erased["eraseFocalPoint"]["request"]["focalPoints"] if fp["focalPointId"] == focal_point_id]
    assert (shown["name"], shown["role"], shown["institution"]) == (None, None, None)

    def note_gone() -> bool:  # the feedback service handles ExpertPersonalDataErased from the stream
        items = pm.data(NOTES, a=action_id)["action"]["feedback"]["expertFeedback"]
        mine = [i for i in items if i["expertId"] == expert_id]
        return bool(mine) and mine[0]["note"] is None

    eventually(note_gone, "the erased expert's Action-feedback note is deleted")

    assert asyncio.run(database_hits(dsn, needles)) == []
    assert log_hits(running_stack.home / ".mieux" / "logs", needles) == []
    count, topics, hits = asyncio.run(topic_hits(running_stack.bootstrap_servers, needles))
    assert count > 1000, "the demo portfolio is on the topics"
    assert {"mieux.experts.v1", "mieux.feedback.v1", "mieux.requests.v1"} <= topics
    assert hits == []
