"""`make factsheets` (python -m gateway.factsheets): write every region's and thematic area's factsheet, HTML and
PDF, from the running stack's services, read with a token (by default, in development, a programme manager's).

python -m gateway.factsheets [--output factsheets] [--token <bearer>] [--subject AFRICA ...] [--format html pdf]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from service_core.embedded.welcome import dev_token
from service_core.settings import load_settings

from gateway.clients import ServiceClient, ServiceError, ServiceUnavailable, new_http_client
from gateway.context import Services
from gateway.factsheets.data import Subject, every_subject, subject_of
from gateway.factsheets.render import Format, render
from gateway.settings import GatewaySettings


def _services(settings: GatewaySettings) -> Services:
    timeout = max(settings.service_timeout_s, 30.0)  # a batch job: no interactive budget
    return Services(
        **{
            name: ServiceClient(name, new_http_client(url, timeout), settings.read_retries, timeout)
            for name, url in settings.service_urls.items()
        }
    )


async def render_all(
    services: Services, token: str, subjects: Sequence[Subject], formats: tuple[Format, ...]
) -> dict[str, bytes]:
    """File name -> content, for every subject and format."""
    made: dict[str, bytes] = {}
    try:
        for subject in subjects:
            for wanted, content in (await render(services, token, subject, formats)).items():
                made[f"{subject.value.lower()}.{wanted}"] = content
    finally:
        await services.close()
    return made


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run(argv))


async def run(argv: Sequence[str] | None = None, services: Services | None = None) -> int:
    """`services` lets tests pass in-process clients; by default the stack's, at the gateway's service URLs."""
    parser = argparse.ArgumentParser(prog="python -m gateway.factsheets", description="MIEUX factsheets.")
    parser.add_argument("--output", type=Path, default=Path("factsheets"))
    parser.add_argument("--token", default=os.environ.get("MIEUX_TOKEN"), help="bearer token (or MIEUX_TOKEN)")
    parser.add_argument("--subject", action="append", choices=[s.value for s in every_subject()])
    parser.add_argument("--format", nargs="+", choices=["html", "pdf"], default=["html", "pdf"])
    args = parser.parse_args(argv)
    settings = load_settings(GatewaySettings)
    token = args.token
    if not token:
        if settings.environment == "production":
            print("give a bearer token (--token or MIEUX_TOKEN): no development token in production", file=sys.stderr)
            return 2
        token = dev_token("programme_manager")
    subjects = [found for name in args.subject if (found := subject_of(name))] if args.subject else every_subject()
    formats: tuple[Format, ...] = tuple("html" if f == "html" else "pdf" for f in args.format)
    try:
        made = await render_all(services or _services(settings), token, subjects, formats)
    except ServiceUnavailable as exc:
        print(f"{exc}: is the stack running (make run)?", file=sys.stderr)
        return 1
    except ServiceError as exc:
        print(f"refused: {exc.code} {exc.message}", file=sys.stderr)
        return 1
    _write(args.output, made)
    print(f"{len(made)} factsheets written to {args.output}/ ({len(subjects)} subjects: {', '.join(formats)})")
    return 0


def _write(output: Path, made: dict[str, bytes]) -> None:
    output.mkdir(parents=True, exist_ok=True)
    for name, content in made.items():
        (output / name).write_bytes(content)


if __name__ == "__main__":
    sys.exit(main())
