"""Start-up checks: configuration is validated, a taken port or a bad value gets a clear message."""

from __future__ import annotations

import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from service_core.embedded import EmbeddedBroker, EmbeddedPostgres, EmbeddedStackError
from service_core.embedded import postgres as embedded_postgres
from service_core.embedded.errors import free_port
from service_core.embedded.postgres import postgres_bin_dir


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


def test_the_embedded_postgres_runs_from_a_private_folder_whatever_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clone in a `mktemp -d` folder (0700) with its virtual environment inside: as root the server runs as
    # an unprivileged user who cannot enter it, so binaries and data must be reached another way.
    private = Path(tempfile.mkdtemp(prefix="mieux-private-"))
    state = Path(tempfile.mkdtemp(prefix="mieux-state-"))
    state.chmod(0o755)
    try:
        private.chmod(0o700)
        install = postgres_bin_dir().parent  # site-packages/<package>/<install>/bin, libraries in <package>.libs
        package, site = install.parent, install.parent.parent
        copy = private / "venv" / package.name / install.name
        shutil.copytree(install, copy, symlinks=True)
        shutil.copytree(site / f"{package.name}.libs", private / "venv" / f"{package.name}.libs", symlinks=True)
        monkeypatch.setattr(embedded_postgres, "postgres_bin_dir", lambda: copy / "bin")
        monkeypatch.setenv("MIEUX_SHARED_STATE_DIR", str(state))
        postgres = EmbeddedPostgres(private / "project" / ".mieux" / "pgdata", free_port(), durable=False)
        try:
            postgres.start()
            assert postgres.psql("SELECT 40 + 2").strip() == "42"
        finally:
            postgres.stop()
            postgres.remove_data()
        assert stat.S_IMODE(private.stat().st_mode) == 0o700  # the user's folder was not opened up
        assert not (private / "project" / ".mieux" / "pgdata").exists()
        assert list(state.glob("clusters/*")) == []  # nothing left behind where the data lived
    finally:
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)
