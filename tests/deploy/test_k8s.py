"""The Kubernetes base parses, its Deployments are probed and configured with their settings' names."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import yaml
from contracts.topics import SERVICES, dead_letter_topic, service_topic

from .manifests import (
    K8S_BASE,
    ROOT,
    app_targets,
    compose_services,
    k8s_documents,
    k8s_kind,
    settings_class,
    settings_env_names,
    settings_fields,
)

MODULES = {target.name: target.module for target in app_targets()}


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
    port_names = {port.get("name") for port in spec["ports"]}
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        assert probe in spec, f"{deployment['metadata']['name']}: no {probe}"
        assert spec[probe]["httpGet"]["path"] == path
        assert spec[probe]["httpGet"]["port"] in port_names
    assert spec["resources"]["requests"].keys() >= {"cpu", "memory"}
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_deployment_runs_the_compose_image_and_command(deployment: dict[str, Any]) -> None:
    name = deployment["metadata"]["name"]
    spec, compose = container(deployment), compose_services()[name]
    assert spec["command"] == compose["command"]
    assert compose["image"].split(":")[0] == spec["image"]
    assert spec["ports"][0]["containerPort"] == int(container_env(deployment)["MIEUX_HTTP_PORT"] or 0)


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
