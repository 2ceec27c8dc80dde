"""What `make run` does once everything is up: load the demo portfolio, print addresses and development tokens."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from service_core.auth import issue_token
from service_core.embedded.catalogue import GATEWAY, ProcessSpec
from service_core.settings import DEV_JWT_SECRET

DEV_IDENTITIES: tuple[tuple[str, dict[str, str]], ...] = (
    ("programme_manager", {}),
    ("regional_coordinator", {"region": "AFRICA"}),
    ("regional_coordinator", {"region": "ASIA"}),
    ("reporting", {}),
)


def dev_token(
    role: str, region: str | None = None, authority_id: str | None = None, expert_id: str | None = None
) -> str:
    secret = os.environ.get("MIEUX_JWT_SECRET", DEV_JWT_SECRET)
    suffix = "-".join(v.lower() for v in (region, authority_id, expert_id) if v)
    return issue_token(
        secret,
        sub=f"dev-{role}{'-' + suffix if suffix else ''}",
        roles=[role],
        region=region,
        authority_id=authority_id,
        expert_id=expert_id,
    )


DEMO_MODULE = "mieux_demo"


def after_start_hooks(started: list[ProcessSpec], env: dict[str, str]) -> None:
    """Once the stack is up, load the demo portfolio (`python -m mieux_demo`, idempotent) if it is installed.

    `MIEUX_DEMO=0` skips it. A failed load is reported; the stack keeps running.
    """
    if not started or os.environ.get("MIEUX_DEMO", "1") == "0" or importlib.util.find_spec(DEMO_MODULE) is None:
        return
    print(f"[mieux] loading the demo portfolio: python -m {DEMO_MODULE}", flush=True)
    result = subprocess.run([sys.executable, "-m", DEMO_MODULE], check=False, env=env)
    if result.returncode != 0:
        print(f"[mieux] the demo loader failed (status {result.returncode}); the stack keeps running", flush=True)


def print_welcome(started: list[ProcessSpec]) -> None:
    names = {spec.name for spec in started}
    print("", flush=True)
    if GATEWAY.name in names:
        print(f"  GraphiQL:  http://127.0.0.1:{GATEWAY.port}/graphql")
    else:
        print("  (the gateway is not built yet: services answer on their own ports, token required)")
    print("  Development tokens (send as 'Authorization: Bearer <token>'; more with `make token ROLE=...`):")
    for role, claims in DEV_IDENTITIES:
        label = role + (f" ({claims['region']})" if "region" in claims else "")
        print(f"    {label:<36} {dev_token(role, **claims)}")
    print("  Ctrl-C stops everything.\n", flush=True)
