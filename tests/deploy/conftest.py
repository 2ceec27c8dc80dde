"""The deploy tests are parametrised over the application services docker-compose.yml lists (`app`) and the
Deployments of the Kubernetes base (`deployment`): adding a service to either adds its checks.
"""

from __future__ import annotations

import pytest

from .manifests import app_targets, k8s_kind


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "app" in metafunc.fixturenames:
        targets = app_targets()
        metafunc.parametrize("app", targets, ids=[target.name for target in targets])
    if "deployment" in metafunc.fixturenames:
        deployments = k8s_kind("Deployment")
        metafunc.parametrize("deployment", deployments, ids=[d["metadata"]["name"] for d in deployments])
