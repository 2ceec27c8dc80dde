"""Runs every measurement side by side: subject and baseline alternate (ABAB, then BABA) round by round."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from functools import partial

from tests.performance.append import AppendSides, make_plan
from tests.performance.cpu import CpuWatch
from tests.performance.publish import PublishSides
from tests.performance.report import Measurement
from tests.performance.stack import Stack, create_database

APPEND_TARGET = 0.5
PUBLISH_TARGET = 0.8


@dataclass(frozen=True)
class Parameters:
    rounds: int
    append_events: int
    publish_events: int
    writers: tuple[int, ...] = (1, 16)
    per_stream: int = 5
    long_streams: tuple[int, ...] = (50, 500)  # events per stream of the long-stream cases
    long_stream_writers: int = 4
    executemany_batch: int = 500
    relay_batch: int = 500
    partitions: int = 3
    durable: bool = False
    floor: bool = True

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


Side = tuple[str, Callable[[], Awaitable[float]]]


def _say(message: str) -> None:
    print(message, flush=True)


async def _alternate(rnd: int, measurement: Measurement, sides: list[Side]) -> None:
    """Even rounds run the subject first, odd rounds last, so neither side always gets the warmer machine."""
    for side, run in sides if rnd % 2 == 0 else list(reversed(sides)):
        rate = await run()
        measurement.add(side, rate)
        _say(f"  round {rnd + 1} {measurement.name:<20} {side:<12} {rate:>10,.0f} ev/s")


async def run_all(stack: Stack, params: Parameters, watch: list[CpuWatch]) -> list[Measurement]:
    """`watch` receives the CpuWatch covering the recorded rounds (its result says how busy the machine was)."""
    started = time.perf_counter()
    appends = {
        writers: Measurement(
            name=f"append, {writers} writer{'s' if writers > 1 else ''}",
            subject="service_core.commands.execute: load, decide 1 CounterIncremented, append with expected "
            "version, CounterView projection; one transaction per command",
            baseline="raw asyncpg executemany of the same rows + the same projection upsert, with the same "
            "transaction boundaries (one transaction per command), one connection held per writer",
            target=APPEND_TARGET,
            notes=f"{writers} concurrent writer(s), each on its own streams ({params.per_stream} events per "
            "stream); informative: floor = raw asyncpg doing the same round trips as the core; batched = "
            f"executemany of {params.executemany_batch} rows per transaction (what one transaction per "
            "command gives up; see docs/decisions/2026-11-29-append-benchmark-baseline.md)",
        )
        for writers in params.writers
    }
    publish = Measurement(
        name="publish",
        subject=f"OutboxRelay.publish_batch until drained (batches of {params.relay_batch}, checkpoint updates)",
        baseline="bare AIOKafkaProducer (same settings) sending the same encoded records pipelined: all sent, "
        "then every ack awaited",
        target=PUBLISH_TARGET,
        notes=f"{params.publish_events} events pre-filled; {params.partitions} partitions; a fresh topic per run; "
        f"informative: per-batch = the bare producer awaiting acks per {params.relay_batch} records, as the relay does",
    )
    long_cases = {
        length: Measurement(
            name=f"append, {length}-event streams",
            subject=appends[max(params.writers)].subject,
            baseline=appends[max(params.writers)].baseline,
            target=APPEND_TARGET,
            notes=f"{params.long_stream_writers} concurrent writers, each filling its own stream to {length} events "
            f"(a command loads 0..{length - 1} earlier events); informative: floor as above",
        )
        for length in params.long_streams
    }
    append_sides = await AppendSides.open(
        await create_database(stack, "bench_append_subject"),
        await create_database(stack, "bench_append_raw"),
        max(params.writers),
    )
    _say(f"pre-filling {params.publish_events:,} events for the relay ...")
    publish_sides = await PublishSides.open(
        await create_database(stack, "bench_publish"),
        stack.bootstrap_servers,
        events=params.publish_events,
        per_stream=params.per_stream,
        batch_size=params.relay_batch,
        partitions=params.partitions,
    )
    try:
        plans = {w: make_plan("c", w, params.append_events, params.per_stream) for w in params.writers}
        long_plans = {
            n: make_plan(f"long{n}", params.long_stream_writers, params.long_stream_writers * n, n)
            for n in params.long_streams
        }
        _say("warming up (not recorded) ...")
        for writers in params.writers:
            warm = make_plan("warm", writers, writers * params.per_stream * 4, params.per_stream)
            await append_sides.subject(warm)
            await append_sides.executemany(warm, 1)
            await append_sides.executemany(warm, params.executemany_batch)
            await append_sides.per_command(warm)
        await publish_sides.relay("warm")
        await publish_sides.bare("warm")
        await publish_sides.bare_per_batch("warm")
        watch.append(CpuWatch())
        for rnd in range(params.rounds):
            for writers, measurement in appends.items():
                plan = plans[writers]
                sides: list[Side] = [
                    ("subject", partial(append_sides.subject, plan)),
                    ("baseline", partial(append_sides.executemany, plan, 1)),
                    ("batched", partial(append_sides.executemany, plan, params.executemany_batch)),
                ]
                if params.floor:
                    sides.append(("floor", partial(append_sides.per_command, plan)))
                await _alternate(rnd, measurement, sides)
            for length, measurement in long_cases.items():
                plan = long_plans[length]
                sides = [
                    ("subject", partial(append_sides.subject, plan)),
                    ("baseline", partial(append_sides.executemany, plan, 1)),
                ]
                if params.floor:
                    sides.append(("floor", partial(append_sides.per_command, plan)))
                await _alternate(rnd, measurement, sides)
            tag = f"r{rnd}"
            await _alternate(
                rnd,
                publish,
                [
                    ("subject", partial(publish_sides.relay, tag)),
                    ("baseline", partial(publish_sides.bare, tag)),
                    ("per-batch", partial(publish_sides.bare_per_batch, tag)),
                ],
            )
        watch[0].stop()
        publish.details["bench_process_peak_rss_mib_during_full_drain"] = round(publish_sides.peak_rss_mib, 1)
    finally:
        await append_sides.close()
        await publish_sides.close()
    _say(f"measured in {time.perf_counter() - started:.0f} s")
    return [*appends.values(), *long_cases.values(), publish]
