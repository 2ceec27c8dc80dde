"""docker-compose.yml agrees with the code: the services it runs exist, and their environment is their settings."""

from __future__ import annotations

import json
import os
import re
import tomllib
from typing import Any
from urllib.parse import urlparse

import pytest
from contracts.services import SERVICE_LIST
from contracts.topics import SERVICES, dead_letter_topic, service_topic
from jsonschema import Draft7Validator
from pydantic import ValidationError
from service_core.embedded.catalogue import GATEWAY, SERVICE_PROCESSES
from service_core.settings import jwt_settings_of

from .manifests import (
    DEPLOY,
    INFRASTRUCTURE,
    ROOT,
    AppTarget,
    as_mapping,
    compose,
    compose_env,
    compose_metrics_port,
    compose_services,
    exposed_ports,
    observability_services,
    published_ports,
    settings_class,
    settings_env_names,
    settings_fields,
)

PORTS = {spec.module: spec.port for spec in (*SERVICE_PROCESSES, GATEWAY)}
COMPOSE_SCHEMA = ROOT / "tests" / "deploy" / "standards" / "compose-spec" / "compose-spec.json"
# What deploy/env/shared.env.example leaves empty and tells the operator to fill in (production refuses it empty).
OPERATOR_FILLED = {
    "MIEUX_JWT_SECRET": "Zt8w2LpQ-generated-by-the-operator-k4M3q9xV",
    "MIEUX_JWT_ISSUER": "https://login.mieux.eu",
}


def mieux_vars(env: dict[str, str]) -> dict[str, str]:
    return {key.upper(): value for key, value in env.items() if key.upper().startswith("MIEUX_")}


def created_databases() -> set[str]:
    sql = "\n".join(path.read_text() for path in sorted((DEPLOY / "postgres" / "init").glob("*.sql")))
    return {name.lower() for name in re.findall(r"CREATE\s+DATABASE\s+\"?(\w+)\"?", sql, flags=re.IGNORECASE)}


def scripted_topics() -> set[str]:
    return set(re.findall(r"\bmieux\.[a-z_]+\.(?:v\d+|dlq)\b", (DEPLOY / "kafka" / "create-topics.sh").read_text()))


def healthcheck_test(spec: dict[str, Any]) -> list[str] | str:
    check = spec.get("healthcheck") or {}
    assert not check.get("disable"), "healthcheck disabled"
    test: list[str] | str = check.get("test") or []
    assert test and test != ["NONE"], "no healthcheck test"
    return test


def test_every_compose_service_is_infrastructure_or_built_from_a_deploy_dockerfile() -> None:
    for name, spec in compose_services().items():
        if name in INFRASTRUCTURE or name in observability_services():
            assert "build" not in spec, f"{name} is infrastructure: a published image, not a build"
        else:
            assert (spec.get("build") or {}).get("dockerfile", "").startswith("deploy/docker/Dockerfile."), name
    assert {"postgres", "kafka", "kafka-topics"} <= set(compose_services())


def test_app_service_runs_an_existing_workspace_package(app: AppTarget) -> None:
    assert app.dockerfile.is_file(), f"{app.name}: {app.dockerfile} does not exist"
    assert (app.source_dir / "__init__.py").is_file(), f"{app.name}: no package at {app.source_dir.relative_to(ROOT)}"
    project = tomllib.loads((app.project_dir / "pyproject.toml").read_text())["project"]
    assert project["name"] == app.distribution, f"{app.name}: `uv sync --package {app.distribution}` would not find it"
    members = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["uv"]["workspace"]["members"]
    relative = app.project_dir.relative_to(ROOT).as_posix()
    assert any(re.fullmatch(m.replace("*", "[^/]+"), relative) for m in members), (
        f"{relative} is not a workspace member"
    )
    command = app.spec.get("command")
    assert command[:3] == ["python", "-m", app.module], f"{app.name}: command {command} does not run {app.module}"


def test_app_service_listens_on_its_catalogue_port(app: AppTarget) -> None:
    port = str(PORTS[app.module])
    env = compose_env(app)
    assert env.get("MIEUX_HTTP_PORT") == port, f"{app.name}: MIEUX_HTTP_PORT should be {port}"
    assert env.get("MIEUX_HTTP_HOST") == "0.0.0.0", f"{app.name}: must listen on all interfaces in a container"
    assert app.build_args.get("PORT") == port, f"{app.name}: build arg PORT should be {port}"


def test_app_service_serves_metrics_on_its_own_port_inside_the_compose_network(app: AppTarget) -> None:
    # Scrapers get /metrics there without a token, so the host must not reach it.
    port = compose_metrics_port(app)
    assert port in exposed_ports(app.spec), f"{app.name}: `expose` the metrics port {port} (compose network only)"
    assert port not in published_ports(app.spec), f"{app.name}: the metrics port {port} must not be published"


def test_every_mieux_variable_is_a_field_of_the_settings_class(app: AppTarget) -> None:
    cls = settings_class(app.module)
    known = set().union(*settings_env_names(cls).values())
    unknown = sorted(set(mieux_vars(compose_env(app))) - known)
    assert not unknown, f"{app.name}: {unknown} are not fields of {cls.__module__}.{cls.__name__} ({sorted(known)})"


def test_every_required_setting_is_provided(app: AppTarget) -> None:
    cls = settings_class(app.module)
    given = set(mieux_vars(compose_env(app)))
    missing = [
        sorted(names)[0]
        for field, names in settings_env_names(cls).items()
        if settings_fields(cls)[field].is_required() and not names & given
    ]
    assert not missing, f"{app.name}: {cls.__name__} requires {missing}, docker-compose.yml does not set them"


def test_settings_validate_with_the_compose_environment(app: AppTarget, monkeypatch: pytest.MonkeyPatch) -> None:
    cls = settings_class(app.module)
    for key in list(os.environ):
        if key.upper().startswith("MIEUX_"):
            monkeypatch.delenv(key)
    for key, value in {**mieux_vars(compose_env(app)), **OPERATOR_FILLED}.items():
        monkeypatch.setenv(key, value)
    try:
        settings: Any = cls(_env_file=None)  # type: ignore[call-arg]
        jwt_settings_of(settings)  # exits (status 2) on a JWT setting production refuses
    except (ValidationError, SystemExit) as exc:
        pytest.fail(f"{app.name}: the compose environment does not validate as {cls.__name__}:\n{exc}")
    assert settings.environment == "production"
    assert settings.http_port == PORTS[app.module]
    assert settings.metrics_port == compose_metrics_port(app), "the process reads its metrics port"


def test_infrastructure_and_every_app_service_have_healthchecks(app: AppTarget) -> None:
    for name in ("postgres", "kafka"):
        healthcheck_test(compose_services()[name])
    test = healthcheck_test(app.spec)
    assert "/app/healthcheck.py" in test and ("/healthz" in test or "/readyz" in test), f"{app.name}: {test}"


def test_app_services_start_after_what_they_need(app: AppTarget) -> None:
    depends = app.spec.get("depends_on") or {}
    assert isinstance(depends, dict), f"{app.name}: depends_on needs conditions, not a list"
    services = compose_services()
    for needed, how in depends.items():
        condition = how["condition"]
        assert condition in ("service_healthy", "service_completed_successfully"), f"{app.name} -> {needed}"
        if condition == "service_healthy":
            healthcheck_test(services[needed])
    env = compose_env(app)
    if "MIEUX_DATABASE_URL" in env:
        assert depends.get("postgres", {}).get("condition") == "service_healthy"
    if "MIEUX_KAFKA_BOOTSTRAP_SERVERS" in env:
        assert depends.get("kafka", {}).get("condition") == "service_healthy"
        assert depends.get("kafka-topics", {}).get("condition") == "service_completed_successfully"
    for key, value in env.items():
        if key.startswith("MIEUX_") and key.endswith("_URL") and value.startswith("http"):
            host = urlparse(value).hostname
            assert host in services, f"{app.name}: {key}={value} names no compose service"
            assert depends.get(host, {}).get("condition") == "service_healthy", f"{app.name} must wait for {host}"


def test_init_script_creates_one_database_per_service() -> None:
    assert created_databases() == {f"mieux_{name}" for name in SERVICES}
    volumes = compose_services()["postgres"]["volumes"]
    assert "./deploy/postgres/init:/docker-entrypoint-initdb.d:ro" in volumes


def test_every_service_database_is_created_by_the_init_script(app: AppTarget) -> None:
    env = compose_env(app)
    if not app.is_domain_service:
        assert "MIEUX_DATABASE_URL" not in env, "the gateway talks to services over HTTP, never to a database"
        return
    url = urlparse(env["MIEUX_DATABASE_URL"])
    assert url.hostname == "postgres" and url.password is None, "DSN: the compose postgres, password from PGPASSWORD"
    assert url.path.lstrip("/") == f"mieux_{app.name}" in created_databases()


def test_topic_job_creates_every_event_and_dead_letter_topic() -> None:
    expected = {service_topic(name) for name in SERVICES} | {dead_letter_topic(name) for name in SERVICES}
    assert scripted_topics() == expected
    job = compose_services()["kafka-topics"]
    assert "./deploy/kafka/create-topics.sh:/opt/mieux/create-topics.sh:ro" in job["volumes"]
    assert job["entrypoint"] == ["/bin/sh", "/opt/mieux/create-topics.sh"]
    assert job["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_topics_cover_every_service_in_compose(app: AppTarget) -> None:
    if app.is_domain_service:
        assert {service_topic(app.name), dead_letter_topic(app.name)} <= scripted_topics()
        assert as_mapping(compose_services()["kafka-topics"]["environment"])["TOPIC_PARTITIONS"] == "3"


def test_kafka_runs_in_kraft_mode_and_postgres_is_17() -> None:
    kafka, postgres = compose_services()["kafka"], compose_services()["postgres"]
    env = as_mapping(kafka["environment"])
    assert kafka["image"].startswith("apache/kafka:")
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert not any("ZOOKEEPER" in key for key in env)
    assert "PLAINTEXT://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]
    assert postgres["image"].split(":")[1].startswith("17")


def test_compose_file_follows_the_compose_specification() -> None:
    validator = Draft7Validator(json.loads(COMPOSE_SCHEMA.read_text()))
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose())]
    assert not errors, "\n".join(errors)


def test_every_listed_service_defaults_to_its_listed_port_and_the_gateway_looks_for_it_there() -> None:
    gateway = settings_fields(settings_class("gateway"))
    for listed in SERVICE_LIST:
        assert settings_fields(settings_class(listed.package))["http_port"].default == listed.port, listed.name
        assert gateway[f"{listed.name}_url"].default == listed.local_url, listed.name
    assert tuple(s.name for s in SERVICE_LIST) == SERVICES
