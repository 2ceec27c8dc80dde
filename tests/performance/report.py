"""Medians, ratios and verdicts; the JSON report and the printed table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any


@dataclass
class Measurement:
    """Events per second of the subject and its baseline (and optional informative sides), per round."""

    name: str
    subject: str
    baseline: str
    target: float
    rounds: dict[str, list[float]] = field(default_factory=dict)
    notes: str = ""
    unit: str = "ev"  # what is counted per second: events ("ev") or queries ("q")
    details: dict[str, Any] = field(default_factory=dict)  # further figures of the subject (memory)

    def add(self, side: str, rate: float) -> None:
        self.rounds.setdefault(side, []).append(rate)

    def median(self, side: str) -> float:
        return statistics.median(self.rounds[side])

    def ratios(self, side: str = "baseline") -> list[float]:
        """Per-round subject/side ratios: each pair ran back to back, so slow spells hit both."""
        return [s / b for s, b in zip(self.rounds["subject"], self.rounds[side], strict=False)]

    def ratio(self, side: str = "baseline") -> float:
        return statistics.median(self.ratios(side))

    @property
    def passed(self) -> bool:
        return self.ratio() >= self.target

    @property
    def unit_name(self) -> str:
        return "queries" if self.unit == "q" else "events"

    def as_dict(self) -> dict[str, Any]:
        informative = [side for side in self.rounds if side not in ("subject", "baseline")]
        return {
            "subject": self.subject,
            "baseline": self.baseline,
            "notes": self.notes,
            f"{self.unit_name}_per_second": {side: [round(r, 1) for r in rates] for side, rates in self.rounds.items()},
            f"median_{self.unit_name}_per_second": {side: round(self.median(side), 1) for side in self.rounds},
            "ratio_per_round": [round(r, 4) for r in self.ratios()],
            "ratio": round(self.ratio(), 4),
            "ratio_of_medians": round(self.median("subject") / self.median("baseline"), 4),
            "informative_ratios": {f"subject/{side}": round(self.ratio(side), 4) for side in informative},
            "target": self.target,
            "pass": self.passed,
            **({"details": self.details} if self.details else {}),
        }


def machine_info() -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "asyncpg": version("asyncpg"),
        "aiokafka": version("aiokafka"),
        "pydantic": version("pydantic"),
        "load_average_at_start": [round(x, 2) for x in load],
    }


def busy_note(machine: dict[str, Any]) -> str:
    """Other processes' share of the CPUs during the rounds: it lowers both sides, the absolute numbers most."""
    others = machine["cpu_during_rounds"]["cpu_used_by_other_processes"]
    ours = machine["cpu_during_rounds"]["cpu_used_by_this_benchmark"]
    state = "BUSY, absolute numbers are low and noisy" if others > 0.1 else "quiet"
    return f"machine {state}: other processes used {others:.0%} of the CPUs during the rounds, this bench {ours:.0%}"


METHOD = [
    "one embedded PostgreSQL cluster and one embedded broker serve both sides of every measurement",
    "durable=False (fsync and synchronous_commit off) unless --durable: the CPU-bound code paths are measured",
    "sides alternate round by round (subject first in even rounds, last in odd ones), after an unrecorded warm-up",
    "ratio = median over rounds of subject/baseline measured back to back; ratio_of_medians is also given",
    "baseline inputs (rows, encoded records) are built before the clock starts; the subject builds its own",
    "append tables are truncated before every run; the relay drains the same pre-filled store into a fresh topic",
]


DASHBOARD_METHOD = [
    "the whole stack as `make run` starts it (python -m service_core.embedded run), on free ports, fsync on",
    "the dashboard is Query.portfolio with every figure, whole programme, programme_manager token, over HTTP",
    "latency: the gateway's queries while 4 clients send them (p50/p95 over all rounds); idle = one client",
    "services' own GET /portfolio timed one call at a time (idle p50): the floor no graph layer can go below",
    "ratio: gateway q/s / bare graphql-core q/s over the same services, alternating rounds, median per-round ratio",
]


@dataclass
class DashboardScale:
    """The dashboard over one portfolio size: the gateway's latency and throughput."""

    label: str
    figures: dict[str, int]
    p50_ms: float
    p95_ms: float
    qps: float
    idle_p50_ms: float
    idle_p95_ms: float
    queries: int
    same_answer: bool
    services_idle_p50_ms: dict[str, float]
    cpu: dict[str, float]
    long_list: dict[str, float] = field(default_factory=dict)  # the long list query, one at a time: ms and rows

    def as_dict(self) -> dict[str, Any]:
        return {
            "portfolio": self.figures,
            "p50_ms": round(self.p50_ms, 1),
            "p95_ms": round(self.p95_ms, 1),
            "queries_per_second": round(self.qps, 1),
            "idle_p50_ms": round(self.idle_p50_ms, 1),
            "idle_p95_ms": round(self.idle_p95_ms, 1),
            "queries_timed": self.queries,
            "bare_schema_same_answer": self.same_answer,
            "services_get_portfolio_idle_p50_ms": {
                name: round(ms, 1) for name, ms in self.services_idle_p50_ms.items()
            },
            "cpu_during_rounds": self.cpu,
            "long_list_query": self.long_list,
        }


def write_report(
    path: Path,
    machine: dict[str, Any],
    parameters: dict[str, Any],
    found: list[Measurement],
    dashboard: dict[str, Any] | None = None,
    subscriptions: dict[str, Any] | None = None,
) -> None:
    report: dict[str, Any] = {
        "method": METHOD,
        "machine": machine,
        "parameters": parameters,
        "measurements": {m.name: m.as_dict() for m in found},
        "summary": {m.name: {"ratio": round(m.ratio(), 4), "target": m.target, "pass": m.passed} for m in found},
    }
    if dashboard is not None:
        report["dashboard"] = {"method": DASHBOARD_METHOD, **dashboard}
    if subscriptions is not None:
        report["subscriptions"] = subscriptions
    path.write_text(json.dumps(report, indent=2) + "\n")


def merge_into_report(path: Path, key: str, section: dict[str, Any]) -> None:
    """Replace one section of an existing report (a partial run keeps the other measurements)."""
    report: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    report[key] = section
    path.write_text(json.dumps(report, indent=2) + "\n")


def table(found: list[Measurement]) -> str:
    header = f"{'measurement':<26} {'subject /s':>13} {'baseline /s':>14} {'ratio':>7} {'target':>7}  result"
    lines = [header, "-" * len(header)]
    for m in found:
        verdict = "pass" if m.passed else "BELOW TARGET"
        lines.append(
            f"{m.name:<26} {m.median('subject'):>11,.0f}{m.unit:>2} {m.median('baseline'):>12,.0f}{m.unit:>2} "
            f"{m.ratio():>7.3f} {'>= ' + str(m.target):>7}  {verdict}"
        )
        for side in m.rounds:
            if side not in ("subject", "baseline"):
                lines.append(
                    f"  {'vs ' + side:<24} {'':>13} {m.median(side):>12,.0f}{m.unit:>2} {m.ratio(side):>7.3f}"
                    "  (informative)"
                )
    return "\n".join(lines)


def dashboard_table(scales: dict[str, dict[str, Any]]) -> str:
    header = (
        f"{'dashboard (gateway)':<20} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'q/s':>7} "
        f"{'idle p50':>9} {'idle p95':>9}"
    )
    lines = [header, "-" * len(header)]
    for label, s in scales.items():
        lines.append(
            f"{'portfolio ' + label:<20} {s['portfolio'].get('requests_received', 0):>9} {s['p50_ms']:>8.1f} "
            f"{s['p95_ms']:>8.1f} {s['queries_per_second']:>7.1f} {s['idle_p50_ms']:>9.1f} {s['idle_p95_ms']:>9.1f}"
        )
        services = ", ".join(f"{name} {ms:.1f}" for name, ms in s["services_get_portfolio_idle_p50_ms"].items())
        lines.append(f"  services' own GET /portfolio, idle p50 ms: {services}")
        if long := s.get("long_list_query"):
            lines.append(
                f"  long list query ({long['actions']:.0f} Actions, {long['activities']:.0f} activities, "
                f"{long['deployments']:.0f} deployments): p50 {long['p50_ms']:.1f} ms, p95 {long['p95_ms']:.1f} ms"
            )
    return "\n".join(lines)
