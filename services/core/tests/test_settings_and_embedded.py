"""Start-up checks: configuration is validated, a taken port or a bad value gets a clear message."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from service_core.embedded import EmbeddedBroker, EmbeddedStackError
from service_core.embedded.errors import free_port


def test_a_bad_setting_names_the_variable_and_exits_2() -> None:
    code = (
        "from service_core.settings import ServiceSettings, load_settings\n"
        "class S(ServiceSettings):\n    service_name: str = 'x'\n    http_port: int = 1\n"
        "load_settings(S)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={"MIEUX_DATABASE_URL": "mysql://nope", "MIEUX_KAFKA_BOOTSTRAP_SERVERS": "no-port", "PATH": ""},
    )
    assert result.returncode == 2
    assert "MIEUX_DATABASE_URL: Value error, must be a postgresql:// URL" in result.stderr
    assert "MIEUX_KAFKA_BOOTSTRAP_SERVERS" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_taken_port_is_reported_with_the_variable_to_change(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(EmbeddedStackError, match=f"port 127.0.0.1:{port} is already in use.*MIEUX_DEV_KAFKA_PORT"):
            EmbeddedBroker(port, tmp_path / "broker.log").start()


def test_the_broker_stops_without_leaving_a_process(tmp_path: Path) -> None:
    broker = EmbeddedBroker(free_port(), tmp_path / "broker.log")
    broker.start()
    assert broker.running
    broker.stop()
    assert not broker.running
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", broker.port))  # the port is free again
