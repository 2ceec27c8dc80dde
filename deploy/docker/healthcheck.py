"""Container health probe: exit 0 when GET http://127.0.0.1:$MIEUX_HTTP_PORT<path> answers 200.

The slim Python images have no curl or wget, and the image already has Python, so the probe is this file:
`python /app/healthcheck.py /healthz` (alive) or `python /app/healthcheck.py /readyz` (database and broker answer).
"""

from __future__ import annotations

import os
import sys
import urllib.request


def probe(path: str, port: str, timeout: float = 3.0) -> tuple[bool, str]:
    url = f"http://127.0.0.1:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200, f"{url}: HTTP {response.status}"
    except Exception as exc:  # a probe reports every failure as "unhealthy", it never crashes
        return False, f"{url}: {exc}"


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "/healthz"
    port = os.environ.get("MIEUX_HTTP_PORT", "")
    if not port.isdigit():
        print("healthcheck: MIEUX_HTTP_PORT is not set", file=sys.stderr)
        return 1
    healthy, detail = probe(path, port)
    if not healthy:
        print(detail, file=sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
