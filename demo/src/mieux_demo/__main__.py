"""`python -m mieux_demo` (`make demo`): load the ten-year demo portfolio through the services' HTTP APIs.

Idempotent: every step looks first, so a second run changes nothing. Shows progress every few seconds and
the headline figures of each service's `/portfolio` at the end.

For load tests (tests/performance --dashboard): `--copies N` loads the portfolio N times over, copy k >= 2
under its own external references (`demo-cNN-...`, see `plan.copy_of`); `--copy K` loads copy K alone.
Without them (copy 1 only) the loader and its figures are exactly the published ones.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

import httpx
from contracts.services import NAMES
from service_core.embedded.welcome import dev_token

from mieux_demo.api import Api, LoadError, service_urls
from mieux_demo.load import Loader
from mieux_demo.plan import Portfolio, copy_of, portfolio

MAX_IN_FLIGHT = 12


def say(message: str) -> None:
    print(f"[demo] {message}", flush=True)


async def _progress(loader: Loader, started: float) -> None:
    while True:
        await asyncio.sleep(5)
        counts = ", ".join(f"{name} {n}" for name, n in loader.done.items())
        say(f"{time.monotonic() - started:5.1f} s  {counts}")


async def _headlines(api: Api) -> None:
    figures = {}
    for service in NAMES:
        figures[service] = (await api.ok(service, "GET", "/portfolio"))["figures"]
    experts = figures["experts"]
    by_category = {c["category"]: c["count"] for c in experts["deployed"]["by_category"]}
    say(f"requests received {figures['requests']['received']}, Actions completed {figures['actions']['completed']}, "
        f"experts registered {experts['registered']['count']}, deployed {experts['deployed']['count']} "
        f"({by_category.get('EU_MS_GOVERNMENTAL')}/{by_category.get('NON_EU_GOVERNMENTAL')}/{by_category.get('OTHER')}, "
        f"{experts['deployed']['member_states']} Member States), participant responses "
        f"{figures['feedback']['participant']['responses']}")  # fmt: skip


async def load(plan: Portfolio) -> int:
    headers = {"Authorization": f"Bearer {dev_token('programme_manager')}"}
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT)
    started = time.monotonic()
    async with httpx.AsyncClient(headers=headers, timeout=60, limits=limits) as client:
        api = Api(client, service_urls(), asyncio.Semaphore(MAX_IN_FLIGHT))
        loader = Loader(api, plan)
        say(f"loading {len(plan.actions) + len(plan.others)} requests, {len(plan.actions)} Actions, "
            f"{len(plan.experts)} experts ...")  # fmt: skip
        progress = asyncio.create_task(_progress(loader, started))
        try:
            await loader.run()
        except LoadError as exc:
            say(f"failed: {exc}")
            return 1
        finally:
            progress.cancel()
        calls = sum(api.calls.values())
        say(f"done in {time.monotonic() - started:.1f} s ({calls} HTTP calls)")
        await _headlines(api)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mieux_demo", description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--copies", type=int, default=1, metavar="N", help="load copies 1..N (load tests)")
    which.add_argument("--copy", type=int, metavar="K", help="load copy K only (load tests)")
    args = parser.parse_args(argv)
    plan = portfolio()  # once per process: the plan fills the case studies' expert lists
    for number in [args.copy] if args.copy else range(1, args.copies + 1):
        if number != 1:
            say(f"copy {number}: external references demo-c{number:02d}-...")
        if (status := asyncio.run(load(copy_of(plan, number)))) != 0:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
