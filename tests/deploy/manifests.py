"""What the deploy tests read: docker-compose.yml, deploy/, and the settings classes of the applications.

Nothing here runs a container (there may be no Docker engine): the files are parsed and compared with the code.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = ROOT / "docker-compose.yml"
K8S_BASE = DEPLOY / "k8s" / "base"
K8S_MONITORING = DEPLOY / "k8s" / "monitoring"
OBSERVABILITY = DEPLOY / "observability"
INFRASTRUCTURE = frozenset({"postgres", "kafka", "kafka-topics"})
# The port every application serves /metrics on without a token (service_core.metrics.serve_metrics_port):
# what Prometheus scrapes, since /metrics on the HTTP port wants a bearer token in production.
METRICS_PORT_VARIABLE = "MIEUX_METRICS_PORT"
OBSERVABILITY_PROFILE = "observability"
_INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


@dataclass(frozen=True)
class AppTarget:
    """One application service of the compose file, resolved to the workspace package it runs."""

    name: str  # the compose service name
    module: str  # the import name run by `python -m`
    dockerfile: Path
    build_args: dict[str, str]
    source_dir: Path
    project_dir: Path
    distribution: str  # the workspace member `uv sync --package` installs
    spec: dict[str, Any]

    @property
    def is_domain_service(self) -> bool:
        return self.module != "gateway"


@cache
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(loaded, dict) and isinstance(loaded.get("services"), dict), "docker-compose.yml has no services"
    return loaded


def compose_services() -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = compose()["services"]
    return services


def as_mapping(value: Any) -> dict[str, str]:
    """Compose accepts `KEY: value` mappings and `KEY=value` lists for environment and build args."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): "" if v is None else str(v) for k, v in value.items()}
    return dict(str(item).partition("=")[::2] for item in value)


def interpolate(value: str) -> str:
    """Resolve `${VAR:-default}` / `${VAR-default}` as Compose does when VAR is unset; fail on anything else."""

    def replace(match: re.Match[str]) -> str:
        name, operator, argument = match.groups()
        if operator in (":-", "-"):
            return argument
        pytest.fail(f"${{{name}}} in docker-compose.yml has no default; the checks cannot resolve it")

    return _INTERPOLATION.sub(replace, value.replace("$$", "\0")).replace("\0", "$")


def app_target(name: str, spec: dict[str, Any]) -> AppTarget:
    build = spec.get("build")
    assert isinstance(build, dict), f"compose service {name!r} is not infrastructure and has no build section"
    dockerfile = ROOT / build.get("context", ".") / build["dockerfile"]
    args = as_mapping(build.get("args"))
    if dockerfile.name == "Dockerfile.service":
        service = args.get("SERVICE", "")
        assert service, f"compose service {name!r}: Dockerfile.service needs the build arg SERVICE"
        module = f"{service}_service"
        project_dir = ROOT / "services" / service
        distribution = f"{service}-service"
    elif dockerfile.name == "Dockerfile.gateway":
        module, project_dir, distribution = "gateway", ROOT / "gateway", "gateway"
    else:
        pytest.fail(f"compose service {name!r} is built from {dockerfile}, not one of deploy/docker/Dockerfile.*")
    return AppTarget(
        name=name,
        module=module,
        dockerfile=dockerfile,
        build_args=args,
        source_dir=project_dir / "src" / module,
        project_dir=project_dir,
        distribution=distribution,
        spec=spec,
    )


def observability_services() -> dict[str, dict[str, Any]]:
    """The compose services of the optional observability profile (collector, tracing, Prometheus, Grafana)."""
    return {
        name: spec for name, spec in compose_services().items() if OBSERVABILITY_PROFILE in (spec.get("profiles") or [])
    }


def app_targets() -> list[AppTarget]:
    tooling = INFRASTRUCTURE | set(observability_services())
    return [app_target(name, spec) for name, spec in compose_services().items() if name not in tooling]


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"{path.relative_to(ROOT)}: {line!r} is not KEY=value"
            values[key.strip()] = value.strip()
    return values


def env_file_paths(spec: dict[str, Any]) -> list[Path]:
    entries = spec.get("env_file") or []
    entries = [entries] if isinstance(entries, str | dict) else entries
    return [ROOT / (entry["path"] if isinstance(entry, dict) else entry) for entry in entries]


def compose_env(target: AppTarget) -> dict[str, str]:
    """What the container gets: its env files (their committed .example templates), then `environment:`."""
    env: dict[str, str] = {}
    for path in env_file_paths(target.spec):
        template = path.with_name(path.name + ".example")
        assert template.is_file(), (
            f"{target.name}: env_file {path.relative_to(ROOT)} has no committed template {template.name}"
        )
        env.update(read_env_file(template))
    env.update({key: interpolate(value) for key, value in as_mapping(target.spec.get("environment")).items()})
    return env


def compose_metrics_port(target: AppTarget) -> int:
    """The port the application serves /metrics on for Prometheus: its MIEUX_METRICS_PORT, never the HTTP port."""
    env = compose_env(target)
    configured = env.get(METRICS_PORT_VARIABLE, "")
    assert configured.isdigit(), f"{target.name}: set {METRICS_PORT_VARIABLE} (the port Prometheus scrapes)"
    assert configured != env.get("MIEUX_HTTP_PORT"), f"{target.name}: {METRICS_PORT_VARIABLE} is the HTTP port"
    return int(configured)


def _container_ports(entry: str) -> set[int]:
    """The container side of `[[IP:]HOST:]CONTAINER[/PROTOCOL]`, where CONTAINER may be a range `A-B`."""
    container = interpolate(entry).split("/", 1)[0].rsplit(":", 1)[-1]
    first, _, last = container.partition("-")
    return set(range(int(first), int(last or first) + 1))


def published_ports(spec: dict[str, Any]) -> set[int]:
    """Container ports a compose service publishes on the host (`ports:`, short or long syntax)."""
    entries = [entry["target"] if isinstance(entry, dict) else entry for entry in spec.get("ports") or []]
    return set().union(*(_container_ports(str(entry)) for entry in entries))


def exposed_ports(spec: dict[str, Any]) -> set[int]:
    """Container ports a compose service declares for the compose network only (`expose:`)."""
    return set().union(*(_container_ports(str(entry)) for entry in spec.get("expose") or []))


def settings_class(module: str) -> type[BaseSettings]:
    """The settings class a package reads its MIEUX_* variables with; fails (never skips) when there is none."""
    if module == "gateway":
        try:
            settings_module = importlib.import_module("gateway.settings")
        except ModuleNotFoundError as exc:
            pytest.fail(f"gateway.settings cannot be imported ({exc}); the gateway must define GatewaySettings there")
        found = getattr(settings_module, "GatewaySettings", None)
        assert isinstance(found, type) and issubclass(found, BaseSettings), (
            "gateway.settings.GatewaySettings is missing"
        )
        return found
    from service_core.runtime import ServiceDefinition
    from service_core.settings import ServiceSettings

    for candidate in (f"{module}.settings", f"{module}.bootstrap"):
        try:
            imported = importlib.import_module(candidate)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                pytest.fail(f"{module} cannot be imported: is its package installed (`make install`)?")
            if exc.name == candidate:
                continue
            raise
        classes = {value.settings_class for value in vars(imported).values() if isinstance(value, ServiceDefinition)}
        if not classes:
            classes = {
                value
                for value in vars(imported).values()
                if isinstance(value, type) and issubclass(value, ServiceSettings) and value is not ServiceSettings
            }
        assert len(classes) <= 1, f"{candidate} defines several settings classes: {sorted(c.__name__ for c in classes)}"
        if classes:
            return classes.pop()
    pytest.fail(
        f"no settings class for {module}: expected a ServiceDefinition or a subclass of "
        f"service_core.settings.ServiceSettings in {module}.settings or {module}.bootstrap"
    )


def settings_fields(cls: type[BaseSettings]) -> dict[str, FieldInfo]:
    """The fields a process reads: its settings class's, and the JWT settings every process also reads
    (service_core.settings.JwtSettings, through `verifier_from`) even when its class does not derive from them."""
    from service_core.settings import JwtSettings

    return {**JwtSettings.model_fields, **cls.model_fields}


def settings_env_names(cls: type[BaseSettings]) -> dict[str, set[str]]:
    """Field name -> the environment variable names pydantic-settings reads it from (upper-cased)."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    names: dict[str, set[str]] = {}
    for field_name, info in settings_fields(cls).items():
        alias = info.validation_alias or info.alias
        if isinstance(alias, str):
            names[field_name] = {alias.upper()}
        elif isinstance(alias, AliasChoices):
            names[field_name] = {choice.upper() for choice in alias.choices if isinstance(choice, str)}
        else:
            names[field_name] = {(prefix + field_name).upper()}
    return names


@cache
def k8s_documents(folder: Path = K8S_BASE) -> tuple[tuple[Path, dict[str, Any]], ...]:
    documents = []
    for path in sorted(folder.rglob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document is not None:
                documents.append((path, document))
    return tuple(documents)


def k8s_kind(kind: str, folder: Path = K8S_BASE) -> list[dict[str, Any]]:
    return [document for _, document in k8s_documents(folder) if document.get("kind") == kind]
