"""The compose observability profile agrees with the applications: Prometheus scrapes each of them on its
metrics port (MIEUX_METRICS_PORT, no token; the HTTP port's /metrics wants one in production), their spans
reach the collector and Jaeger, Grafana finds its datasources and the dashboard, and every query of the
dashboard reads series the code exports."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

import yaml
from jsonschema import Draft7Validator

from .manifests import (
    OBSERVABILITY,
    OBSERVABILITY_PROFILE,
    ROOT,
    AppTarget,
    as_mapping,
    compose_env,
    compose_metrics_port,
    compose_services,
    interpolate,
    observability_services,
)
from .metric_families import exported_series, parse_promql, service_families, unknown_references

DASHBOARD = OBSERVABILITY / "grafana" / "dashboards" / "mieux-platform.json"
COLLECTOR = "otel-collector"
PROMETHEUS_SCHEMA = ROOT / "tests" / "deploy" / "standards" / "schemastore" / "prometheus.json"
# Exported but not a health signal of the running platform: the one-off rebuild process's progress.
NOT_ON_THE_DASHBOARD = frozenset({"mieux_projection_rebuild_events"})


def load_yaml(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text())
    assert isinstance(loaded, dict), f"{path.relative_to(ROOT)} is not a YAML mapping"
    return loaded


def mounted(service: str, host_path: Path) -> PurePosixPath:
    """Where the compose service mounts a file or folder of the repository (read-only)."""
    for volume in compose_services()[service].get("volumes", []):
        source, _, rest = volume.partition(":")
        target, _, mode = rest.partition(":")
        if (ROOT / source).resolve() == host_path.resolve():
            assert mode == "ro", f"{service}: {source} should be mounted read-only"
            return PurePosixPath(target)
    raise AssertionError(f"{service} does not mount {host_path.relative_to(ROOT)}")


def flag(service: str, name: str) -> str:
    """The value of `--name=value` (or `--name value`) in a compose service's command."""
    command = compose_services()[service].get("command", [])
    for index, arg in enumerate(command):
        if arg.startswith(f"--{name}="):
            return str(arg.split("=", 1)[1])
        if arg == f"--{name}":
            return str(command[index + 1])
    raise AssertionError(f"{service}: no --{name} in {command}")


def host_port(address: str) -> tuple[str, int]:
    parsed = urlparse(address if "//" in address else f"//{address}")
    assert parsed.hostname and parsed.port, f"{address!r} has no host:port"
    return parsed.hostname, parsed.port


def prometheus_jobs() -> dict[str, dict[str, Any]]:
    config = load_yaml(OBSERVABILITY / "prometheus.yml")
    return {job["job_name"]: job for job in config["scrape_configs"]}


def collector_config() -> dict[str, Any]:
    return load_yaml(OBSERVABILITY / "otel-collector.yaml")


def collector_otlp_http_port() -> int:
    http = collector_config()["receivers"]["otlp"]["protocols"]["http"]
    return host_port(http["endpoint"])[1]


@cache
def dashboard() -> dict[str, Any]:
    loaded = json.loads(DASHBOARD.read_text())
    assert isinstance(loaded, dict)
    return loaded


def dashboard_panels() -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = []
    for panel in dashboard()["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))  # a collapsed row holds its panels
    return panels


def dashboard_expressions() -> list[tuple[str, str]]:
    return [(panel["title"], target["expr"]) for panel in dashboard_panels() for target in panel.get("targets", [])]


def test_the_platform_runs_without_the_profile_and_the_profile_adds_only_published_images() -> None:
    tooling = observability_services()
    assert {COLLECTOR, "prometheus", "grafana"} <= set(tooling), "collector, Prometheus and Grafana in the profile"
    for name, spec in compose_services().items():
        if name in tooling:
            assert spec["profiles"] == [OBSERVABILITY_PROFILE], name
            tag = spec["image"].partition(":")[2]
            assert tag and tag != "latest", f"{name}: pin the image tag"
            for port in spec.get("ports", []):
                assert interpolate(str(port)).startswith("127.0.0.1:"), f"{name}: publish {port} on loopback only"
        else:
            assert not spec.get("profiles"), f"{name} must start with a plain `docker compose up`"
        for needed in spec.get("depends_on") or {}:
            assert needed not in tooling or name in tooling, f"{name} must not need {needed} (profile only)"


def test_every_file_the_compose_services_mount_from_the_repository_exists() -> None:
    for name, spec in compose_services().items():
        for volume in spec.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts {source}, which does not exist"


def test_prometheus_scrapes_every_application_on_its_metrics_port(app: AppTarget) -> None:
    job = prometheus_jobs().get(app.name)
    assert job is not None, f"prometheus.yml has no job {app.name!r} (the job label the dashboard and alerts use)"
    assert job.get("metrics_path", "/metrics") == "/metrics"
    targets = [target for group in job["static_configs"] for target in group["targets"]]
    http_port = int(compose_env(app)["MIEUX_HTTP_PORT"])
    assert f"{app.name}:{http_port}" not in targets, f"job {app.name}: the HTTP port answers 401 in production"
    assert targets == [f"{app.name}:{compose_metrics_port(app)}"], f"job {app.name}: scrape MIEUX_METRICS_PORT"


def test_prometheus_config_follows_its_schema() -> None:
    validator = Draft7Validator(json.loads(PROMETHEUS_SCHEMA.read_text()))
    config = load_yaml(OBSERVABILITY / "prometheus.yml")
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(config)]
    assert not errors, "\n".join(errors)


def test_every_prometheus_target_is_a_compose_service_and_the_config_is_mounted() -> None:
    services = compose_services()
    for name, job in prometheus_jobs().items():
        for group in job["static_configs"]:
            for target in group["targets"]:
                host, _ = host_port(target)
                assert host in services, f"job {name}: {target} names no compose service"
    config = mounted("prometheus", OBSERVABILITY / "prometheus.yml")
    assert flag("prometheus", "config.file") == str(config)
    telemetry = collector_config()["service"]["telemetry"]["metrics"]["readers"][0]["pull"]["exporter"]["prometheus"]
    assert prometheus_jobs()[COLLECTOR]["static_configs"][0]["targets"] == [f"{COLLECTOR}:{telemetry['port']}"]


def test_application_sends_spans_to_the_collector_only_when_asked(app: AppTarget) -> None:
    raw = as_mapping(app.spec["environment"])
    assert raw["OTEL_TRACES_EXPORTER"] == "${OTEL_TRACES_EXPORTER:-none}", "off unless the operator asks"
    env = compose_env(app)
    assert env["OTEL_TRACES_EXPORTER"] == "none"
    host, port = host_port(env["OTEL_EXPORTER_OTLP_ENDPOINT"])
    assert host == COLLECTOR and port == collector_otlp_http_port(), "the collector's OTLP/HTTP receiver"
    assert str(port) in [str(p) for p in compose_services()[COLLECTOR].get("expose", [])]


def test_collector_pipeline_uses_only_defined_components_and_every_defined_one() -> None:
    config = collector_config()
    service = config["service"]
    assert set(service.get("extensions", [])) <= set(config.get("extensions") or {})
    used: dict[str, set[str]] = {"receivers": set(), "processors": set(), "exporters": set()}
    for name, pipeline in service["pipelines"].items():
        assert pipeline["receivers"] and pipeline["exporters"], f"pipeline {name} needs receivers and exporters"
        for section in used:
            components = pipeline.get(section, [])
            unknown = set(components) - set(config.get(section) or {})
            assert not unknown, f"pipeline {name}: {section} {sorted(unknown)} are not defined"
            used[section] |= set(components)
    for section, names in used.items():
        assert set(config.get(section) or {}) == names, f"{section} defined but in no pipeline"
    assert "traces" in service["pipelines"]
    assert mounted(COLLECTOR, OBSERVABILITY / "otel-collector.yaml") == PurePosixPath(flag(COLLECTOR, "config"))


def test_collector_exports_traces_to_a_backend_of_the_profile() -> None:
    config = collector_config()
    tooling = observability_services()
    for name in config["service"]["pipelines"]["traces"]["exporters"]:
        host, port = host_port(config["exporters"][name]["endpoint"])
        assert host in tooling, f"exporter {name} sends to {host}, not a service of the profile"
        backend = tooling[host]
        if backend["image"].startswith("jaegertracing/"):
            assert as_mapping(backend.get("environment")).get("COLLECTOR_OTLP_ENABLED") == "true"
            assert port in (4317, 4318) and str(port) in [str(p) for p in backend.get("expose", [])]


def test_grafana_is_provisioned_with_prometheus_jaeger_and_the_dashboard() -> None:
    provisioning = OBSERVABILITY / "grafana" / "provisioning"
    assert mounted("grafana", provisioning) == PurePosixPath("/etc/grafana/provisioning")
    sources = load_yaml(provisioning / "datasources" / "datasources.yaml")["datasources"]
    by_type = {source["type"]: source for source in sources}
    assert {"prometheus", "jaeger"} <= set(by_type)
    services = compose_services()
    for kind, service in (("prometheus", "prometheus"), ("jaeger", "jaeger")):
        host, port = host_port(by_type[kind]["url"])
        assert host == service in services, f"{kind} datasource: {by_type[kind]['url']}"
        published = [interpolate(str(p)).rsplit(":", 1)[1] for p in services[service].get("ports", [])]
        assert str(port) in published + [str(p) for p in services[service].get("expose", [])]
    (provider,) = load_yaml(provisioning / "dashboards" / "dashboards.yaml")["providers"]
    folder = mounted("grafana", DASHBOARD.parent)
    assert PurePosixPath(provider["options"]["path"]) == folder


def test_dashboard_queries_read_only_exported_series_and_labels() -> None:
    expressions = dashboard_expressions()
    assert expressions, "the dashboard has no queries"
    problems = [f"{title}: {problem}" for title, expr in expressions for problem in unknown_references(expr)]
    assert not problems, "\n".join(problems)


def test_dashboard_shows_every_family_a_service_exports() -> None:
    read = {selector.name for _, expr in dashboard_expressions() for selector in parse_promql(expr).selectors}
    wanted = {
        name
        for name, family in service_families().items()
        if name.startswith("mieux_") and name not in NOT_ON_THE_DASHBOARD and not name.endswith("_created")
    }
    missing = [name for name in sorted(wanted) if not set(service_families()[name].series()) & read]
    assert not missing, f"the dashboard shows nothing of {missing}"
    assert "process_resident_memory_bytes" in read
    assert {"mieux_graphql_operations_total", "mieux_graphql_refusals_total"} <= read
    assert "mieux_graphql_operation_duration_seconds_bucket" in read


def test_dashboard_panels_use_its_datasource_variable_and_unique_ids() -> None:
    variables = {variable["name"]: variable for variable in dashboard()["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
    ids = [panel["id"] for panel in dashboard_panels()]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    for panel in dashboard_panels():
        if panel["type"] != "row":
            assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
            assert panel.get("targets"), f"{panel['title']}: no query"
    for name, variable in variables.items():
        if variable["type"] == "query":
            match = re.fullmatch(r"label_values\((\w+),\s*(\w+)\)", variable["definition"])
            assert match, f"variable {name}: {variable['definition']}"
            series, label = match.groups()
            assert series in exported_series() and label in {"job", "instance"} | (exported_series()[series] or set())
