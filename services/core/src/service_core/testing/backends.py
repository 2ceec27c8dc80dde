"""Where tests find PostgreSQL and Kafka: `MIEUX_TEST_BACKEND` = embedded (default) | external | containers."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from service_core.embedded import EmbeddedBroker, EmbeddedPostgres
from service_core.embedded.errors import free_port

# What a test run stopped by SIGTERM must stop before it ends (service_core.testing.fixtures).
STOP_ON_TERMINATION: list[Callable[[], None]] = []


@dataclass(frozen=True)
class Backend:
    kind: str
    admin_dsn: str  # a database on a server where tests may CREATE DATABASE
    bootstrap_servers: str

    def dsn(self, database: str) -> str:
        base, _, _ = self.admin_dsn.rpartition("/")
        return f"{base}/{database}"


@contextmanager
def embedded_backend() -> Iterator[Backend]:
    root = Path(tempfile.mkdtemp(prefix="mieux-test-"))
    postgres = EmbeddedPostgres(root / "pgdata", free_port(), durable=False)
    broker = EmbeddedBroker(free_port(), root / "broker.log")
    stops = [broker.stop, postgres.stop]
    STOP_ON_TERMINATION.extend(stops)
    try:
        postgres.start()
        broker.start()
        yield Backend("embedded", postgres.dsn("postgres"), broker.bootstrap_servers)
    finally:
        for stop in stops:
            STOP_ON_TERMINATION.remove(stop)
            stop()
        postgres.remove_data()
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def external_backend() -> Iterator[Backend]:
    try:
        dsn = os.environ["MIEUX_TEST_PG_DSN"]
        bootstrap = os.environ["MIEUX_TEST_KAFKA_BOOTSTRAP"]
    except KeyError as missing:
        raise RuntimeError(
            f"MIEUX_TEST_BACKEND=external needs {missing.args[0]} "
            "(e.g. postgresql://postgres:postgres@localhost:5432/postgres and localhost:9092)"
        ) from None
    yield Backend("external", dsn, bootstrap)


@contextmanager
def containers_backend() -> Iterator[Backend]:
    try:
        from testcontainers.kafka import KafkaContainer
        from testcontainers.postgres import PostgresContainer
    except ImportError as exc:
        raise RuntimeError("testcontainers is not installed: run `make install`") from exc
    try:
        postgres = PostgresContainer("postgres:17-alpine", driver=None).start()
    except Exception as exc:
        raise RuntimeError(f"MIEUX_TEST_BACKEND=containers needs a Docker engine that answers: {exc}") from exc
    kafka = KafkaContainer("confluentinc/cp-kafka:7.7.1").with_kraft().start()
    try:
        yield Backend("containers", postgres.get_connection_url(), kafka.get_bootstrap_server())
    finally:
        kafka.stop()
        postgres.stop()


BACKENDS = {"embedded": embedded_backend, "external": external_backend, "containers": containers_backend}


def selected_backend() -> str:
    kind = os.environ.get("MIEUX_TEST_BACKEND", "embedded")
    if kind not in BACKENDS:
        raise RuntimeError(f"MIEUX_TEST_BACKEND={kind!r}: choose one of {', '.join(BACKENDS)}")
    return kind
