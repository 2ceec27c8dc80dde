"""The Kubernetes monitoring (Prometheus Operator resources) agrees with the base and the code: every
Deployment is scraped on its metrics port (MIEUX_METRICS_PORT, no token) and nowhere else, every alert
reads series the code exports and has a runbook."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import promql_parser
import yaml
from jsonschema import Draft7Validator

from .manifests import DEPLOY, K8S_BASE, K8S_MONITORING, ROOT, k8s_documents, k8s_kind
from .metric_families import unknown_references
from .test_k8s import container, matches, metrics_container_port, service_target, services_of
from .test_observability import prometheus_jobs

MONITORING_API = "monitoring.coreos.com/v1"
CRDS = Path(__file__).parent / "standards" / "prometheus-operator-v0.93.0"
RUNBOOK = DEPLOY / "README.md"
# What the platform must alert on, as the series each alert reads.
REQUIRED_READINGS = {
    "dead letters parked": "mieux_dead_letters_parked",
    "relay lag": "mieux_relay_lag_seconds",
    "consumer lag growing": "mieux_consumer_lag_records",
    "a task restarting": "mieux_task_restarts_total",
    "a task down": "mieux_task_up",
    "readiness failing": "kube_pod_container_status_ready",
    "HTTP 5xx rate": "mieux_http_request_duration_seconds_count",
}


def closed(schema: Any) -> Any:
    """The CRD's structural schema with every declared object closed: the API server prunes fields it does
    not declare, so a misspelt field would be dropped without a word; here it is an error."""
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: closed(value) for key, value in schema.items()}
    if "properties" in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
        copy.setdefault("additionalProperties", False)
    return copy


@cache
def crd_validators() -> dict[str, Draft7Validator]:
    validators = {}
    for path in CRDS.glob("monitoring.coreos.com_*.yaml"):
        crd = yaml.safe_load(path.read_text())
        (version,) = [v for v in crd["spec"]["versions"] if f"{crd['spec']['group']}/{v['name']}" == MONITORING_API]
        validators[crd["spec"]["names"]["kind"]] = Draft7Validator(closed(version["schema"]["openAPIV3Schema"]))
    return validators


def monitoring(kind: str) -> list[dict[str, Any]]:
    return k8s_kind(kind, K8S_MONITORING)


def alert_rules() -> list[dict[str, Any]]:
    (rule,) = monitoring("PrometheusRule")
    return [r for group in rule["spec"]["groups"] for r in group["rules"] if "alert" in r]


def selected_series(expression: str, label: str) -> set[str]:
    """The values an expression's matchers accept for `label` (`=` or an alternation `=~`)."""
    values: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            for matcher in node.matchers.matchers:
                if matcher.name == label:
                    values.update(matcher.value.split("|"))

    promql_parser.walk(promql_parser.parse(expression), visit)
    return values


def series_read(expression: str) -> set[str]:
    names: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            names.add(node.name)

    promql_parser.walk(promql_parser.parse(expression), visit)
    return names


def test_monitoring_is_a_kustomization_of_operator_resources_in_the_base_namespace() -> None:
    kustomization = yaml.safe_load((K8S_MONITORING / "kustomization.yaml").read_text())
    base = yaml.safe_load((K8S_BASE / "kustomization.yaml").read_text())
    assert kustomization["namespace"] == base["namespace"], "monitors and rules live beside the applications"
    listed = {K8S_MONITORING / resource for resource in kustomization["resources"]}
    on_disk = {path for path in K8S_MONITORING.rglob("*.yaml") if path.name != "kustomization.yaml"}
    assert listed == on_disk, f"not listed: {sorted(str(p.relative_to(ROOT)) for p in on_disk - listed)}"
    documents = [(path, d) for path, d in k8s_documents(K8S_MONITORING) if path.name != "kustomization.yaml"]
    assert {d["kind"] for _, d in documents} == {"ServiceMonitor", "PrometheusRule"}
    assert all(d["apiVersion"] == MONITORING_API for _, d in documents)


def test_monitoring_resources_match_the_operator_schemas() -> None:
    for path, document in k8s_documents(K8S_MONITORING):
        if path.name == "kustomization.yaml":
            continue
        validator = crd_validators().get(document["kind"])
        assert validator is not None, f"{path.relative_to(ROOT)}: no vendored CRD for {document['kind']}"
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, f"{path.relative_to(ROOT)} {document['metadata']['name']}: {errors}"


def test_deployment_metrics_are_scraped_on_its_metrics_port_only(deployment: dict[str, Any]) -> None:
    name = deployment["metadata"]["name"]
    port = metrics_container_port(deployment)
    scraped = []
    for service in services_of(deployment):
        ports = {entry["name"]: entry for entry in service["spec"]["ports"]}
        for monitor in monitoring("ServiceMonitor"):
            if not matches(monitor["spec"]["selector"]["matchLabels"], service["metadata"].get("labels", {})):
                continue
            for endpoint in monitor["spec"]["endpoints"]:
                where = f"ServiceMonitor {monitor['metadata']['name']}"
                assert endpoint.get("port") in ports, (
                    f"{where}: scrape a named port of Service {service['metadata']['name']}"
                )
                assert endpoint.get("path", "/metrics") == "/metrics"
                reached = service_target(deployment, ports[endpoint["port"]])
                assert reached == port, (
                    f"{where} scrapes container port {reached} of {name}, not MIEUX_METRICS_PORT {port}: "
                    "/metrics elsewhere wants a token in production (401)"
                )
                scraped.append(service["metadata"]["name"])
    assert scraped == [name], f"{name}: /metrics on port {port} should be scraped once, as job {name}"
    assert name in prometheus_jobs(), "the same job name as in the compose Prometheus (the dashboard's `job`)"


def test_every_service_monitor_selects_a_service_of_the_base() -> None:
    for monitor in monitoring("ServiceMonitor"):
        selected = [
            s
            for s in k8s_kind("Service")
            if matches(monitor["spec"]["selector"]["matchLabels"], s["metadata"].get("labels", {}))
        ]
        assert len(selected) == 1, f"ServiceMonitor {monitor['metadata']['name']} selects {len(selected)} Services"


def test_every_alert_reads_exported_series_and_explains_itself() -> None:
    names = [rule["alert"] for rule in alert_rules()]
    assert len(names) == len(set(names)), "alert names are unique"
    runbook = RUNBOOK.read_text()
    for rule in alert_rules():
        problems = unknown_references(rule["expr"])
        assert not problems, f"{rule['alert']}: {problems}"
        assert rule["labels"]["severity"] in ("warning", "critical")
        annotations = rule["annotations"]
        assert annotations["summary"].strip() and annotations["description"].strip(), rule["alert"]
        anchor = rule["alert"].lower()
        assert annotations["runbook"] == f"deploy/README.md#{anchor}"
        assert re.search(rf"^#+ {rule['alert']}\s*$", runbook, re.MULTILINE), f"no runbook section {rule['alert']}"


def test_the_alerts_cover_dead_letters_lag_tasks_readiness_and_errors() -> None:
    read = set().union(*(series_read(rule["expr"]) for rule in alert_rules()))
    missing = {what: series for what, series in REQUIRED_READINGS.items() if series not in read}
    assert not missing, f"no alert on {missing}"


def test_alerts_that_filter_by_application_name_every_deployment() -> None:
    applications = {d["metadata"]["name"] for d in k8s_kind("Deployment")}
    containers = {container(d)["name"] for d in k8s_kind("Deployment")}
    namespace = yaml.safe_load((K8S_BASE / "kustomization.yaml").read_text())["namespace"]
    for rule in alert_rules():
        for label, expected in (("job", applications), ("container", containers)):
            values = selected_series(rule["expr"], label)
            if len(values) > 1:
                assert values == expected, f"{rule['alert']}: {label} should match {sorted(expected)}"
        assert selected_series(rule["expr"], "namespace") <= {namespace}, rule["alert"]
