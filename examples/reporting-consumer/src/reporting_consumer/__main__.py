"""python -m reporting_consumer --contract <AsyncAPI URL or file> --dsn <PostgreSQL> --bootstrap <Kafka> [--follow]

Without --follow it reads to the end of every topic, prints the headline figures and exits."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

import asyncpg

from reporting_consumer.consume import consume
from reporting_consumer.contract import load
from reporting_consumer.figures import Headline, headline


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reporting_consumer", description=__doc__)
    parser.add_argument("--contract", default="http://127.0.0.1:8000/asyncapi.json")
    parser.add_argument("--dsn", required=True, help="a PostgreSQL database of this consumer's own")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--follow", action="store_true", help="keep consuming new events")
    args = parser.parse_args(argv)
    progress = consume(load(args.contract), args.dsn, args.bootstrap, until_caught_up=not args.follow)
    print(f"{progress.accepted} events accepted, {progress.refused} refused")
    figures = asyncio.run(_headline(args.dsn))
    print(
        f"requests {figures.requests}; completed Actions {figures.completed_actions}; "
        f"experts registered {figures.experts_registered}, deployed {figures.experts_deployed}"
    )
    return 0


async def _headline(dsn: str) -> Headline:
    conn = await asyncpg.connect(dsn)
    try:
        return await headline(conn)
    finally:
        await conn.close()


if __name__ == "__main__":
    sys.exit(main())
