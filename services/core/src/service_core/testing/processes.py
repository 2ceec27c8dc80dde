"""Start a process module as an operator would (`python -m ...`) with only the MIEUX_* variables a test gives."""

from __future__ import annotations

import os
import subprocess
import sys


def run_module(module: str, *args: str, env: dict[str, str], timeout_s: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m module args` to its end; the caller's own MIEUX_* variables are not inherited."""
    inherited = {key: value for key, value in os.environ.items() if not key.upper().startswith("MIEUX_")}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
