"""`make bench` (= `python -m tests.performance`): the core's throughput as ratios against raw baselines.

Starts its own embedded PostgreSQL and broker, runs subject and baseline alternately on the same machine,
prints a table and writes tests/performance/report.json. Not part of `make test`: nothing here is timed
against a wall-clock threshold in the test suite.

`--dashboard` adds the portfolio dashboard (dashboard.py): the whole stack is started as `make run` starts it,
with the demo portfolio; `Query.portfolio` through the gateway is timed (p50/p95, queries/s) over the demo
portfolio and over `--copies` (default 10) copies of it, and the gateway's queries/s are divided by a bare
graphql-core schema's over the same services (target >= 0.5). `--dashboard-only` skips the core ratios.
Not run by `make bench` by default: loading the tenfold portfolio alone takes up to `--load-budget` (360 s;
309 s on 2 CPUs), the section ~8 minutes in all (483 s; 552 s with the core ratios), against ~1-2 minutes
for the core ratios; run it with `python -m tests.performance --dashboard` (or `--dashboard-only`;
`--quick --dashboard-only` is a ~2-minute smoke run over 2 copies).

Subscriptions (subscriptions.py, about 1 minute, part of `make bench`): the gateway's resident memory with 0, 100
and 500 live `regionEvents` subscriptions over real websockets, and the time one event takes to reach all 500.
`--subscriptions-only` runs just that and updates the `subscriptions` section of an existing report;
`--no-subscriptions` skips it.

Lag (lag.py, about 1-2 minutes, part of `make bench`): the whole stack without the demo, approvals at 5, 20 and
100 commands/s, own-service and cross-service visibility through the gateway (p50/p95/p99) next to a raw
insert -> bare producer -> bare consumer -> insert floor on the same broker. `--lag-only` runs just that and
updates the `lag` section of an existing report; `--no-lag` skips it.

Rebuild (rebuild.py, about 8 minutes, part of `make bench`): the requests service's projections rebuilding
`--rebuild-events` (default 1,000,000; quick 20,000) synthetic events into shadow tables and swapping them in,
against COPY out, a fold over plain dicts and COPY in on the same store, with each side's peak RSS.
`--rebuild-only` runs just that and updates the `rebuild` section of an existing report; `--no-rebuild` skips it.

Gateway ratio (gateway_ratio.py, under a minute, part of `make bench`): the gateway ÷ a bare graphql-core schema
on the dashboard query, both in-process over the same canned service answers (target >= 0.7).

Gateway limits (gateway_limits.py, 2-4 minutes, part of `make bench`): what the gateway's query limits cost, the
dashboard query and a 100-item list query through the gateway in-process over in-memory services, with and
without its query analysis and HTTP checks, side by side (target: <= 5 % added, ratio >= 0.95), and how fast the
issue's hostile documents are refused; no database, broker or port. `--gateway-only` runs just that and updates
the `gateway_limits` section of an existing report; `--no-gateway-limits` skips it.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import time
from pathlib import Path

from tests.performance.cpu import CpuWatch
from tests.performance.dashboard import DashboardParameters, run_dashboard
from tests.performance.gateway_limits import LimitsParameters, run_gateway_limits
from tests.performance.gateway_ratio import run_gateway_ratio
from tests.performance.lag import LagParameters, run_lag
from tests.performance.lag import table as lag_table
from tests.performance.rebuild import run_rebuild
from tests.performance.report import (
    Measurement,
    busy_note,
    dashboard_table,
    machine_info,
    merge_into_report,
    table,
    write_report,
)
from tests.performance.runner import Parameters, run_all
from tests.performance.stack import create_database, embedded_stack, server_version
from tests.performance.subscriptions import SubscriptionParameters, run_subscriptions
from tests.performance.subscriptions import table as subscriptions_table

REPORT = Path(__file__).resolve().parent / "report.json"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.performance", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small N and 2 rounds: a smoke run (< 1 minute)")
    parser.add_argument("--rounds", type=int, help="alternating rounds per measurement (default 5, quick 2)")
    parser.add_argument("--events", type=int, help="events per append run (default 4000, quick 400)")
    parser.add_argument("--publish-events", type=int, help="events the relay drains per run (default 20000)")
    parser.add_argument(
        "--batch", type=int, default=500, help="rows per transaction of the informative 'batched' executemany side"
    )
    parser.add_argument("--durable", action="store_true", help="fsync on (default off: measure CPU-bound paths)")
    parser.add_argument("--no-floor", action="store_true", help="skip the informative raw per-command floor")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a ratio is below its target")
    parser.add_argument("--dashboard", action="store_true", help="also time the portfolio dashboard (~10 minutes)")
    parser.add_argument("--dashboard-only", action="store_true", help="the dashboard section alone")
    parser.add_argument("--copies", type=int, help="dashboard: copies of the demo portfolio (default 10, quick 2)")
    parser.add_argument(
        "--load-budget", type=float, default=360.0, help="dashboard: seconds for loading copies 2..N (default 360)"
    )
    parser.add_argument("--subscriptions-only", action="store_true", help="the subscriptions memory figures alone")
    parser.add_argument("--no-subscriptions", action="store_true", help="skip the subscriptions memory figures")
    parser.add_argument("--gateway-only", action="store_true", help="the gateway limits' cost alone (2-4 minutes)")
    parser.add_argument("--no-gateway-limits", action="store_true", help="skip the gateway limits' cost")
    parser.add_argument(
        "--full", action="store_true", help="also the dashboard at 10x and 100x the demo portfolio (hours on 2 CPUs)"
    )
    parser.add_argument("--lag-only", action="store_true", help="the lag through the gateway alone (1-2 minutes)")
    parser.add_argument("--no-lag", action="store_true", help="skip the lag through the gateway")
    parser.add_argument("--rebuild-events", type=int, help="events the rebuild replays (default 1,000,000)")
    parser.add_argument("--rebuild-only", action="store_true", help="the rebuild alone (about 8 minutes)")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuild")
    parser.add_argument("--output", type=Path, default=REPORT, help=f"JSON report path (default {REPORT.name})")
    return parser.parse_args(argv)


def parameters(args: argparse.Namespace) -> Parameters:
    return Parameters(
        rounds=args.rounds or (2 if args.quick else 5),
        append_events=args.events or (400 if args.quick else 4000),
        publish_events=args.publish_events or (2000 if args.quick else 20000),
        executemany_batch=args.batch,
        durable=args.durable,
        floor=not args.no_floor,
        long_streams=(50,) if args.quick else (50, 500),
    )


def dashboard_parameters(args: argparse.Namespace) -> DashboardParameters:
    if args.full:
        return DashboardParameters(
            rounds=args.rounds or 4, copies=args.copies or 100, load_budget_s=4 * 3600, stops=(10,)
        )
    if args.quick:
        return DashboardParameters(
            rounds=args.rounds or 2, requests_per_side=100, seconds_per_side=3.0, copies=args.copies or 2
        )
    return DashboardParameters(rounds=args.rounds or 4, copies=args.copies or 10, load_budget_s=args.load_budget)


def lag_parameters(args: argparse.Namespace) -> LagParameters:
    return LagParameters(seconds_per_rate=2.0 if args.quick else 6.0)


def rebuild(args: argparse.Namespace) -> Measurement:
    events = args.rebuild_events or (20_000 if args.quick else 1_000_000)
    with embedded_stack(durable=args.durable) as stack:

        async def measured() -> Measurement:
            dsn = await create_database(stack, "bench_rebuild")
            return await run_rebuild(dsn, events, rounds=1, say=lambda line: print(line, flush=True))

        return asyncio.run(measured())


def gateway_limits(args: argparse.Namespace) -> tuple[list[Measurement], dict[str, object]]:
    rounds = args.rounds or (2 if args.quick else 4)
    found, details = run_gateway_limits(LimitsParameters(rounds=rounds, requests_per_side=50 if args.quick else 120))
    return found, {**details, "measurements": {m.name: m.as_dict() for m in found}}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    params = parameters(args)
    logging.basicConfig(level=logging.WARNING)
    if args.subscriptions_only:
        subscriptions = run_subscriptions(SubscriptionParameters())
        merge_into_report(args.output, "subscriptions", subscriptions)
        print()
        print(subscriptions_table(subscriptions))
        print(f"report: {args.output} (subscriptions section)")
        return 0
    if args.lag_only:
        lag = run_lag(lag_parameters(args))
        merge_into_report(args.output, "lag", lag)
        print()
        print(lag_table(lag))
        print(f"report: {args.output} (lag section)")
        return 1 if args.strict and not all(r["pass"] for r in lag["rates"].values()) else 0
    if args.rebuild_only:
        measured = rebuild(args)
        merge_into_report(args.output, "rebuild", measured.as_dict())
        print()
        print(table([measured]))
        print(f"report: {args.output} (rebuild section)")
        return 1 if args.strict and not measured.passed else 0
    if args.gateway_only:
        limits, section = gateway_limits(args)
        merge_into_report(args.output, "gateway_limits", section)
        print()
        print(table(limits))
        print(f"report: {args.output} (gateway_limits section)")
        return 1 if args.strict and not all(m.passed for m in limits) else 0
    machine = machine_info()
    started = time.perf_counter()
    found: list[Measurement] = []
    if not args.dashboard_only:
        print(f"starting embedded PostgreSQL and broker (fsync {'on' if params.durable else 'off'}) ...", flush=True)
        with embedded_stack(durable=params.durable) as stack:
            machine["postgresql"] = asyncio.run(server_version(stack))
            watch: list[CpuWatch] = []
            found = asyncio.run(run_all(stack, params, watch))
        machine["cpu_during_rounds"] = watch[0].result
    dashboard = None
    if args.dashboard or args.dashboard_only or args.full:
        dashboard, ratios = run_dashboard(dashboard_parameters(args))
        found += ratios
        if args.dashboard_only:  # the busy note then covers the dashboard's rounds
            machine["cpu_during_rounds"] = list(dashboard["scales"].values())[-1]["cpu_during_rounds"]
    limits_section: dict[str, object] | None = None
    if not args.dashboard_only and not args.no_gateway_limits:
        limits, limits_section = gateway_limits(args)
        found += limits
    if not args.dashboard_only and not args.no_rebuild:
        found.append(rebuild(args))
    if not args.dashboard_only:
        found.append(run_gateway_ratio(*((2, 40) if args.quick else (4, 120))))
    subscriptions = None if args.no_subscriptions else run_subscriptions(SubscriptionParameters())
    lag = None if args.no_lag or args.dashboard_only else run_lag(lag_parameters(args))
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    machine["busy"] = busy_note(machine)
    machine["wall_seconds"] = round(time.perf_counter() - started, 1)
    write_report(args.output, machine, params.as_dict(), found, dashboard, subscriptions)
    if limits_section is not None:
        merge_into_report(args.output, "gateway_limits", limits_section)
    if lag is not None:
        merge_into_report(args.output, "lag", lag)
    print()
    print(table(found))
    if dashboard is not None:
        print()
        print(dashboard_table(dashboard["scales"]))
        print(dashboard.get("factor_note", ""))
    if subscriptions is not None:
        print()
        print(subscriptions_table(subscriptions))
    if lag is not None:
        print()
        print(lag_table(lag))
    print(
        f"\n{machine['busy']}; {machine['cpu_count']} CPUs, Python {machine['python']}, PostgreSQL "
        f"{machine.get('postgresql', '18')}, {machine['wall_seconds']} s in all"
    )
    print(f"report: {args.output}")
    return 1 if args.strict and not all(m.passed for m in found) else 0


if __name__ == "__main__":
    raise SystemExit(main())
