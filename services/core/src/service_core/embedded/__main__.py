"""Command line of the embedded stack.

python -m service_core.embedded run                    start everything (make run)
python -m service_core.embedded token ROLE [--region R] [--authority ID] [--expert ID]
python -m service_core.embedded rebuild SERVICE        rebuild a service's projections (stack running)
python -m service_core.embedded redrive SERVICE        put a service's parked dead letters back through its handler
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from service_core.auth import REGIONS, Role
from service_core.embedded.catalogue import SERVICE_PROCESSES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service_core.embedded")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start PostgreSQL, the broker, every service and the gateway")
    token = commands.add_parser("token", help="print a development bearer token")
    token.add_argument("role", choices=[r.value for r in Role])
    token.add_argument("--region", choices=REGIONS, type=str.upper)
    token.add_argument("--authority")
    token.add_argument("--expert")
    rebuild = commands.add_parser("rebuild", help="rebuild one service's projections from its event store")
    rebuild.add_argument("service", choices=[spec.name for spec in SERVICE_PROCESSES])
    redrive = commands.add_parser("redrive", help="redrive a service's parked dead letters (after a fix)")
    redrive.add_argument("service", choices=[spec.name for spec in SERVICE_PROCESSES])
    args = parser.parse_args(argv)

    if args.command == "run":
        from service_core.embedded.stack import run_forever

        return run_forever()
    if args.command == "token":
        from service_core.auth import AuthError, principal_from_claims
        from service_core.embedded.welcome import dev_token

        claims = {"region": args.region, "authority_id": args.authority, "expert_id": args.expert}
        try:
            principal_from_claims({"roles": [args.role], **claims, "sub": "check"})
        except AuthError as exc:
            parser.error(str(exc))
        print(dev_token(args.role, **{k: v for k, v in claims.items() if v}))
        return 0
    spec = next(s for s in SERVICE_PROCESSES if s.name == args.service)
    if not spec.installed:
        parser.error(f"the {spec.name} service is not built yet")
    from service_core.embedded.stack import DevStack, project_root

    stack = DevStack(project_root())
    env = stack.service_env(spec)
    return subprocess.run(
        [sys.executable, "-m", spec.module, args.command], env={**os.environ, **env}, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
