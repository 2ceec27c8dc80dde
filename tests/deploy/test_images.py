"""The image recipes, the container health probe, the topic script and the env templates, checked without Docker."""

from __future__ import annotations

import http.server
import importlib.util
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from contracts.topics import SERVICES, dead_letter_topic, service_topic

from .manifests import DEPLOY, ROOT, AppTarget, read_env_file

DOCKERFILES = sorted((DEPLOY / "docker").glob("Dockerfile.*"))


def makefile_uv_version() -> str:
    match = re.search(r"^UV_VERSION\s*:?=\s*(\S+)", (ROOT / "Makefile").read_text(), flags=re.MULTILINE)
    assert match, "Makefile has no UV_VERSION"
    return match.group(1)


def instructions(dockerfile: Path) -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile.read_text())
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=[path.name for path in DOCKERFILES])
def test_dockerfile_builds_from_the_lock_with_the_pinned_uv_and_runs_unprivileged(dockerfile: Path) -> None:
    lines = instructions(dockerfile)
    text = "\n".join(lines)
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in lines
    assert len([line for line in lines if line.startswith("FROM ")]) >= 2, "multi-stage: the runtime has no build tools"
    assert f"ARG UV_VERSION={makefile_uv_version()}" in lines, "uv pinned as in the Makefile"
    assert 'uv=="${UV_VERSION}"' in text or "uv==${UV_VERSION}" in text
    syncs = [line for line in lines if "uv sync" in line]
    assert syncs and all("--frozen" in line and "--no-dev" in line and "--package" in line for line in syncs)
    runtime = text.rsplit("\nFROM ", 1)[1]
    users = re.findall(r"^USER (\S+)", runtime, flags=re.MULTILINE)
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the runtime stage runs as a non-root user"
    assert re.search(r"^HEALTHCHECK .*\"/app/healthcheck.py\", \"/healthz\"\]", runtime, flags=re.MULTILINE)
    assert "COPY deploy/docker/healthcheck.py /app/healthcheck.py" in runtime


def test_service_dockerfile_is_parameterised_by_service() -> None:
    text = "\n".join(instructions(DEPLOY / "docker" / "Dockerfile.service"))
    assert 'uv sync --frozen --no-dev --no-editable --package "${SERVICE}-service"' in text
    assert 'CMD ["sh", "-c", "exec python -m \\"${SERVICE}_service\\" all"]' in text


def test_gateway_dockerfile_runs_the_gateway_on_8000() -> None:
    text = "\n".join(instructions(DEPLOY / "docker" / "Dockerfile.gateway"))
    assert "uv sync --frozen --no-dev --no-editable --package gateway" in text
    assert 'CMD ["python", "-m", "gateway"]' in text
    assert "ARG PORT=8000" in text


def test_build_context_keeps_local_state_out() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".tools", ".mieux", "deploy/env"} <= ignored
    assert "deploy/docker" not in ignored and "services" not in ignored


def test_build_args_name_an_existing_dockerfile_stage_input(app: AppTarget) -> None:
    text = app.dockerfile.read_text()
    for arg in app.build_args:
        assert re.search(rf"^ARG {arg}\b", text, flags=re.MULTILINE), (
            f"{app.name}: {arg} is not an ARG of {app.dockerfile.name}"
        )


# --- the health probe -----------------------------------------------------------------------------------------


def load_probe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mieux_healthcheck", DEPLOY / "docker" / "healthcheck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/healthz" else 503)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def probed_port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_probe_is_healthy_on_200_and_unhealthy_otherwise(probed_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    probe = load_probe()
    monkeypatch.setenv("MIEUX_HTTP_PORT", str(probed_port))
    assert probe.main(["healthcheck.py", "/healthz"]) == 0
    assert probe.main(["healthcheck.py", "/readyz"]) == 1
    monkeypatch.setenv("MIEUX_HTTP_PORT", "")
    assert probe.main(["healthcheck.py"]) == 1


def test_probe_reports_a_closed_port_as_unhealthy(monkeypatch: pytest.MonkeyPatch) -> None:
    probe = load_probe()
    monkeypatch.setenv("MIEUX_HTTP_PORT", "1")
    assert probe.main(["healthcheck.py", "/healthz"]) == 1


# --- the topic script, run against a stand-in kafka-topics.sh ---------------------------------------------------


def test_topic_script_creates_each_topic_once_idempotently(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    stub = tmp_path / "kafka-topics.sh"
    stub.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n')
    stub.chmod(0o755)
    env = {**os.environ, "KAFKA_BIN": str(tmp_path), "KAFKA_BOOTSTRAP_SERVERS": "kafka:9092"}
    result = subprocess.run(
        ["sh", str(DEPLOY / "kafka" / "create-topics.sh")], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    creates = [line for line in calls.read_text().splitlines() if "--create" in line]
    topics = [re.search(r"--topic (\S+)", line).group(1) for line in creates]  # type: ignore[union-attr]
    expected = {service_topic(name) for name in SERVICES} | {dead_letter_topic(name) for name in SERVICES}
    assert sorted(topics) == sorted(expected)
    assert all(
        "--if-not-exists" in line and "--partitions 3" in line and "--replication-factor 1" in line for line in creates
    )
    assert all("--bootstrap-server kafka:9092" in line for line in creates)


# --- env templates ----------------------------------------------------------------------------------------------


def test_real_env_files_are_git_ignored_and_templates_are_not() -> None:
    ignored = (DEPLOY / "env" / ".gitignore").read_text().split()
    assert "*.env" in ignored and "!*.env.example" in ignored


def test_database_password_template_is_consistent() -> None:
    values = read_env_file(DEPLOY / "env" / "postgres.env.example")
    assert values["POSTGRES_PASSWORD"] == values["PGPASSWORD"], "the server's password and the clients' must match"


def test_shared_template_ships_no_usable_secret_or_issuer() -> None:
    values = read_env_file(DEPLOY / "env" / "shared.env.example")
    assert values["MIEUX_JWT_SECRET"] == "", "an example value would be a secret everybody knows"
    assert values["MIEUX_JWT_ISSUER"] == "", "the operator's identity provider, not an example address"
