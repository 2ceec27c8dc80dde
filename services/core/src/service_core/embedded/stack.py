"""`make run`: PostgreSQL, the broker, every installed service and the gateway; Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from service_core.embedded.broker import EmbeddedBroker
from service_core.embedded.catalogue import GATEWAY, SERVICE_PROCESSES, ProcessSpec
from service_core.embedded.errors import EmbeddedStackError, ensure_port_free
from service_core.embedded.postgres import EmbeddedPostgres
from service_core.settings import DEV_JWT_SECRET


def project_root() -> Path:
    return Path(os.environ.get("MIEUX_HOME", Path.cwd())).resolve()


@dataclass
class DevStack:
    root: Path
    pg_port: int = int(os.environ.get("MIEUX_DEV_PG_PORT", "5433"))
    kafka_port: int = int(os.environ.get("MIEUX_DEV_KAFKA_PORT", "9092"))
    children: list[tuple[ProcessSpec, subprocess.Popen[bytes]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        state = self.root / ".mieux"
        self.logs = state / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.postgres = EmbeddedPostgres(state / "pgdata", self.pg_port)
        self.broker = EmbeddedBroker(self.kafka_port, self.logs / "broker.log")

    def start_infrastructure(self) -> None:
        say(f"PostgreSQL 18 (embedded) on 127.0.0.1:{self.pg_port}, data in {self.postgres.data_dir}")
        self.postgres.start()
        say(f"Kafka-protocol broker (Tansu, memory storage) on 127.0.0.1:{self.kafka_port}")
        self.broker.start()
        for spec in SERVICE_PROCESSES:
            if spec.database and self.postgres.create_database(spec.database):
                say(f"  created database {spec.database}")

    def service_env(self, spec: ProcessSpec) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "MIEUX_HTTP_PORT": str(spec.port),
                "MIEUX_KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
                "MIEUX_JWT_SECRET": env.get("MIEUX_JWT_SECRET", DEV_JWT_SECRET),
            }
        )
        if spec.database:
            env["MIEUX_DATABASE_URL"] = self.postgres.dsn(spec.database)
        for other in SERVICE_PROCESSES:
            env[f"MIEUX_{other.name.upper()}_URL"] = f"http://127.0.0.1:{other.port}"
        return env

    def spawn(self, spec: ProcessSpec) -> subprocess.Popen[bytes]:
        with (self.logs / f"{spec.name}.log").open("ab") as log_file:
            return subprocess.Popen(
                [sys.executable, "-m", spec.module, "all"] if spec.database else [sys.executable, "-m", spec.module],
                env=self.service_env(spec),
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def start_process(self, spec: ProcessSpec) -> None:
        ensure_port_free("127.0.0.1", spec.port, spec.name, "the service's MIEUX_HTTP_PORT")
        process = self.spawn(spec)
        self.children.append((spec, process))
        if not wait_ready(f"http://127.0.0.1:{spec.port}/readyz", process, timeout=60):
            raise EmbeddedStackError(f"{spec.name} did not become ready; see {self.logs / (spec.name + '.log')}")
        say(f"{spec.name:<9} http://127.0.0.1:{spec.port}  (log: .mieux/logs/{spec.name}.log)")

    def start_applications(self) -> list[ProcessSpec]:
        started = [spec for spec in (*SERVICE_PROCESSES, GATEWAY) if spec.installed]
        for spec in started:
            self.start_process(spec)
        missing = [spec.name for spec in (*SERVICE_PROCESSES, GATEWAY) if not spec.installed]
        if missing:
            say(f"not built yet (skipped): {', '.join(missing)}")
        return started

    def stop(self, grace_s: float = 15.0) -> None:
        """SIGTERM to every application at once, one grace period for all of them (not one each, so a stop is
        bounded however many hang), then SIGKILL to those still running."""
        for _, process in reversed(self.children):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for spec, process in reversed(self.children):
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{spec.name} did not stop in {grace_s:.0f} s; killing it")
                process.kill()
                process.wait()
        self.children.clear()
        self.broker.stop()
        self.postgres.stop()


@dataclass
class Restarter:
    """Keeps the stack up: a process that dies is started again after a backoff (1 s, doubling to 30 s,
    back to 1 s once it has stayed up a minute), and the launcher says so instead of stopping everything."""

    stack: DevStack
    failures: dict[str, int] = field(default_factory=dict)
    due: dict[str, float] = field(default_factory=dict)
    started_at: dict[str, float] = field(default_factory=dict)

    def check(self) -> None:
        now = time.monotonic()
        self._infrastructure()
        for index, (spec, process) in enumerate(self.stack.children):
            if process.poll() is None:
                if now - self.started_at.get(spec.name, 0.0) > 60:
                    self.failures.pop(spec.name, None)
                continue
            if spec.name not in self.due:
                delay = self._delay(spec.name)
                say(
                    f"{spec.name} exited with status {process.returncode}; restarting it in {delay:.0f} s "
                    f"(see .mieux/logs/{spec.name}.log)"
                )
                self.due[spec.name] = now + delay
            elif now >= self.due.pop(spec.name):
                self.stack.children[index] = (spec, self.stack.spawn(spec))
                self.started_at[spec.name] = now
                say(f"{spec.name} restarted")

    def _infrastructure(self) -> None:
        try:
            if not self.stack.postgres.running:
                say("PostgreSQL stopped; starting it again")
                self.stack.postgres.start()
            if not self.stack.broker.running:
                say("the broker stopped; starting it again (empty: the services republish their events)")
                self.stack.broker.start()
        except EmbeddedStackError as exc:
            say(f"error: {exc}; trying again")

    def _delay(self, name: str) -> float:
        self.failures[name] = self.failures.get(name, 0) + 1
        return float(min(2 ** (self.failures[name] - 1), 30))


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def say(message: str) -> None:
    print(f"[mieux] {message}", flush=True)


def run_forever() -> int:
    """Start everything, wait for Ctrl-C or SIGTERM, stop everything. Returns the exit status."""
    # A plain flag, not a threading.Event: the handler runs in the main thread between bytecodes, and
    # Event.set() there can wait forever for the lock the interrupted Event.wait() holds (a stop that hung).
    stop_requested: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        stop_requested.append(signum)

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    stack = DevStack(project_root())
    try:
        stack.start_infrastructure()
        started = stack.start_applications()
        from service_core.embedded.welcome import after_start_hooks, print_welcome

        after_start_hooks(started, stack.service_env(GATEWAY))
        print_welcome(started)
        keeper = Restarter(stack)
        while not stop_requested:
            keeper.check()
            time.sleep(1.0)
        say("stopping ...")
        return 0
    except EmbeddedStackError as exc:
        say(f"error: {exc}")
        return 1
    finally:
        stack.stop()
        say("stopped")
