"""`make iati` (python -m gateway.iati): write the IATI 2.03 export of the running stack's event stream.

python -m gateway.iati [--output iati-activities.xml] [--region AFRICA] [--phase MIEUX_II] [--bootstrap host:port]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from contracts.events.actions import Phase
from contracts.events.requests import Region
from service_core.settings import load_settings

from gateway.iati.document import Publisher, iati_activities, to_bytes
from gateway.iati.feed import IatiFeed, StreamUnavailable
from gateway.settings import GatewaySettings


def main(argv: Sequence[str] | None = None, feed: IatiFeed | None = None) -> int:
    """`feed` lets tests read their own topics; by default the platform's, on `--bootstrap`."""
    parser = argparse.ArgumentParser(prog="python -m gateway.iati", description="IATI 2.03 activity export.")
    parser.add_argument("--output", type=Path, default=Path("iati-activities.xml"))
    parser.add_argument("--region", choices=list(Region.__members__))
    parser.add_argument("--phase", choices=list(Phase.__members__))
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers (default: MIEUX_KAFKA_BOOTSTRAP_SERVERS)")
    args = parser.parse_args(argv)
    if feed is None:
        bootstrap = args.bootstrap or load_settings(GatewaySettings).kafka_bootstrap_servers
        feed = IatiFeed(bootstrap)
    try:
        portfolio = asyncio.run(feed.refresh())
    except StreamUnavailable as exc:
        print(f"{exc} at {feed.bootstrap_servers}: is the stack running (make run)?", file=sys.stderr)
        return 1
    chosen = portfolio.matching(args.region, args.phase)
    if not chosen:
        print("no Action on the stream matches; IATI needs at least one activity, nothing written", file=sys.stderr)
        return 1
    args.output.write_bytes(to_bytes(iati_activities(chosen, portfolio.authorities, Publisher())))
    print(f"{len(chosen)} IATI activities written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
