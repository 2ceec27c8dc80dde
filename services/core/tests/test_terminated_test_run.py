"""A test run stopped with SIGTERM (a CI time limit, `kill`) still stops the embedded PostgreSQL it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
INNER = """
import asyncio, os, pathlib
import asyncpg

async def test_waits_with_the_session_stack_up(database):
    conn = await asyncpg.connect(database)
    data = await conn.fetchval("SHOW data_directory")
    await conn.close()
    pathlib.Path(os.environ["MIEUX_INNER_REPORT"]).write_text(data)
    await asyncio.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_test_run_stopped_with_sigterm_stops_its_embedded_postgres(tmp_path: Path) -> None:
    (tmp_path / "test_inner.py").write_text(INNER)
    report = tmp_path / "data_directory"
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(tmp_path), str(tmp_path / "test_inner.py")],
        env={**os.environ, "MIEUX_INNER_REPORT": str(report)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not report.exists():
            assert run.poll() is None and time.monotonic() < deadline, run.stdout.read() if run.stdout else ""
            time.sleep(0.2)
        postmaster = int((Path(report.read_text()) / "postmaster.pid").read_text().split()[0])

        run.send_signal(signal.SIGTERM)
        output, _ = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()

    deadline = time.monotonic() + 30
    while _alive(postmaster) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(postmaster), output
    assert run.returncode != 0  # the run says it did not complete
