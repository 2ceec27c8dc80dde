"""The Kubernetes base parses, its Deployments are probed and configured with their settings' names."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import yaml
from contracts.topics import SERVICES, dead_letter_topic, service_topic

from .manifests import (
    K8S_BASE,
    METRICS_PORT_VARIABLE,
    ROOT,
    app_targets,
    compose_metrics_port,
    compose_services,
    k8s_documents,
    k8s_kind,
    settings_class,
    settings_env_names,
    settings_fields,
)

TARGETS = {target.name: target for target in app_targets()}
MODULES = {name: target.module for name, target in TARGETS.items()}


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    containers: list[dict[str, Any]] = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1, "one application container per pod"
    return containers[0]


def container_env(deployment: dict[str, Any]) -> dict[str, str | None]:
    """Variable -> value (None when it comes from a Secret), from envFrom ConfigMaps, then env."""
    config_maps = {cm["metadata"]["name"]: cm.get("data", {}) for cm in k8s_kind("ConfigMap")}
    spec = container(deployment)
    env: dict[str, str | None] = {}
    for source in spec.get("envFrom", []):
        assert "configMapRef" in source, "Secrets are named one by one (env/valueFrom), so every variable is visible"
        name = source["configMapRef"]["name"]
        assert name in config_maps, f"ConfigMap {name} is not in the base"
        env.update({key: str(value) for key, value in config_maps[name].items()})
    for entry in spec.get("env", []):
        env[entry["name"]] = entry.get("value")
    return env


def container_ports(deployment: dict[str, Any]) -> dict[str, int]:
    return {port["name"]: port["containerPort"] for port in container(deployment)["ports"]}


def metrics_container_port(deployment: dict[str, Any]) -> int:
    """The container port /metrics is served on without a token: MIEUX_METRICS_PORT, named `metrics`."""
    name = deployment["metadata"]["name"]
    configured = container_env(deployment).get(METRICS_PORT_VARIABLE) or ""
    assert configured.isdigit(), f"{name}: set {METRICS_PORT_VARIABLE} in a ConfigMap (the port Prometheus scrapes)"
    ports = container_ports(deployment)
    assert ports.get("metrics") == int(configured), f"{name}: name the {METRICS_PORT_VARIABLE} container port `metrics`"
    assert ports.get("http") != int(configured), f"{name}: {METRICS_PORT_VARIABLE} is the HTTP port"
    return int(configured)


def matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def services_of(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    return [s for s in k8s_kind("Service") if matches(s["spec"].get("selector", {}), pod_labels)]


def service_target(deployment: dict[str, Any], service_port: dict[str, Any]) -> int | None:
    """The container port a Service port forwards to (its targetPort by name or number; the port by default)."""
    target = service_port.get("targetPort", service_port["port"])
    return container_ports(deployment).get(target) if isinstance(target, str) else int(target)


def test_every_manifest_parses_and_is_listed_in_the_kustomization() -> None:
    assert k8s_documents(), "no manifests under deploy/k8s/base"
    for path, document in k8s_documents():
        assert {"apiVersion", "kind"} <= set(document), f"{path.relative_to(ROOT)}: not a Kubernetes object"
    kustomization = yaml.safe_load((K8S_BASE / "kustomization.yaml").read_text())
    listed = {K8S_BASE / resource for resource in kustomization["resources"]}
    assert all(path.is_file() for path in listed)
    on_disk = {path for path in K8S_BASE.rglob("*.yaml") if path.name != "kustomization.yaml"}
    assert on_disk == listed, f"not listed: {sorted(str(p) for p in on_disk - listed)}"


def test_the_same_applications_run_in_compose_and_kubernetes() -> None:
    deployments = {d["metadata"]["name"] for d in k8s_kind("Deployment")}
    assert deployments == set(MODULES), "a Deployment per compose application service"
    services = {s["metadata"]["name"] for s in k8s_kind("Service")}
    assert deployments <= services


def test_deployment_has_liveness_and_readiness_probes(deployment: dict[str, Any]) -> None:
    spec = container(deployment)
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        assert probe in spec, f"{deployment['metadata']['name']}: no {probe}"
        assert spec[probe]["httpGet"]["path"] == path
        # The API's port: the metrics port answers every path with the metrics, so a probe there always passes.
        assert spec[probe]["httpGet"]["port"] == "http" in container_ports(deployment)
    assert spec["resources"]["requests"].keys() >= {"cpu", "memory"}
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_deployment_runs_the_compose_image_and_command(deployment: dict[str, Any]) -> None:
    name = deployment["metadata"]["name"]
    spec, compose = container(deployment), compose_services()[name]
    assert spec["command"] == compose["command"]
    assert compose["image"].split(":")[0] == spec["image"]
    assert container_ports(deployment)["http"] == int(container_env(deployment)["MIEUX_HTTP_PORT"] or 0)
    assert metrics_container_port(deployment) == compose_metrics_port(TARGETS[name]), "the compose metrics port"


def test_deployment_serves_metrics_on_a_port_of_its_services_named_metrics(deployment: dict[str, Any]) -> None:
    name = deployment["metadata"]["name"]
    port = metrics_container_port(deployment)
    services = services_of(deployment)
    assert services, f"{name}: no Service selects its pods"
    for service in services:
        ports = {entry["name"]: entry for entry in service["spec"]["ports"]}
        assert "metrics" in ports, f"Service {service['metadata']['name']}: no port `metrics` for the scrapers"
        assert service_target(deployment, ports["metrics"]) == port, f"Service {service['metadata']['name']}"
        assert service["spec"].get("type", "ClusterIP") == "ClusterIP", "the metrics port stays inside the cluster"


def test_deployment_env_matches_its_settings_class(deployment: dict[str, Any]) -> None:
    name = deployment["metadata"]["name"]
    cls = settings_class(MODULES[name])
    names = settings_env_names(cls)
    given = {key for key in container_env(deployment) if key.startswith("MIEUX_")}
    unknown = given - set().union(*names.values())
    assert not unknown, f"{name}: {sorted(unknown)} are not fields of {cls.__name__}"
    missing = [field for field, env in names.items() if settings_fields(cls)[field].is_required() and not env & given]
    assert not missing, f"{name}: {cls.__name__} requires {missing}"
    assert "MIEUX_JWT_SECRET" in given and container_env(deployment)["MIEUX_JWT_SECRET"] is None, "secret from a Secret"


def test_postgres_cluster_creates_every_service_database() -> None:
    (cluster,) = k8s_kind("Cluster")
    initdb = cluster["spec"]["bootstrap"]["initdb"]
    created = {initdb["database"]} | {
        re.match(r"CREATE DATABASE (\w+)", sql).group(1)  # type: ignore[union-attr]
        for sql in initdb.get("postInitSQL", [])
    }
    assert created == {f"mieux_{name}" for name in SERVICES}
    for deployment in k8s_kind("Deployment"):
        url = container_env(deployment).get("MIEUX_DATABASE_URL")
        if url:
            dsn = urlparse(url)
            assert dsn.hostname == f"{cluster['metadata']['name']}-rw" and dsn.password is None
            assert dsn.path.lstrip("/") in created
            assert dsn.username == initdb["owner"]


def test_kafka_topics_cover_every_event_and_dead_letter_topic() -> None:
    (kafka,) = k8s_kind("Kafka")
    topics = k8s_kind("KafkaTopic")
    assert {t["metadata"]["name"] for t in topics} == {service_topic(n) for n in SERVICES} | {
        dead_letter_topic(n) for n in SERVICES
    }
    assert all(t["metadata"]["labels"]["strimzi.io/cluster"] == kafka["metadata"]["name"] for t in topics)
    bootstrap = f"{kafka['metadata']['name']}-kafka-bootstrap:9092"
    for deployment in k8s_kind("Deployment"):
        servers = container_env(deployment).get("MIEUX_KAFKA_BOOTSTRAP_SERVERS")
        assert servers in (None, bootstrap)
