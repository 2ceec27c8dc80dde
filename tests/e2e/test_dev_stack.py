"""`make run` starts and stops cleanly, twice in a row, keeping its data and leaving no process behind."""

from __future__ import annotations

import json
import signal
import socket
import time
import urllib.request
from pathlib import Path

import psutil
from contracts.topics import SERVICES
from service_core.embedded.errors import free_port

from .conftest import READY_LINE, STARTUP_TIMEOUT_S, LaunchedStack, launch


def test_the_stack_starts_and_stops_cleanly_twice_in_a_row(tmp_path: Path) -> None:
    pg_port, kafka_port = free_port(), free_port()
    for run in (1, 2):
        stack = launch(tmp_path, pg_port=pg_port, kafka_port=kafka_port)
        stack.wait_for(READY_LINE, timeout=STARTUP_TIMEOUT_S)
        text = "".join(stack.output)
        assert "GraphiQL" in text or "gateway is not built" in text
        assert "programme_manager" in text  # development tokens are printed

        code = stack.stop()

        assert code == 0, "".join(stack.output)
        assert "[mieux] stopped" in "".join(stack.output)
        assert stack.leftover_processes() == []
        if run == 1:
            assert "created database mieux_requests" in text
        else:
            assert "created database" not in text  # the data folder was kept
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", pg_port))  # nothing listens on the database port any more


def test_a_taken_port_stops_start_up_with_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        stack = launch(tmp_path, kafka_port=squatter.getsockname()[1])
        code = stack.process.wait(120)
        stack.stop() if stack.process.poll() is None else None
    text = "".join(stack.output) + "".join(iter(lambda: stack._drain_one() or "", ""))
    assert code == 1
    assert "already in use" in text and "MIEUX_DEV_KAFKA_PORT" in text
    assert stack.leftover_processes() == []


def test_a_crashed_service_is_restarted_by_the_launcher_and_becomes_ready_again(running_stack: LaunchedStack) -> None:
    launcher = psutil.Process(running_stack.process.pid)
    [experts] = [p for p in launcher.children() if "experts_service" in " ".join(p.cmdline())]
    experts.send_signal(signal.SIGKILL)

    running_stack.wait_for("experts restarted", timeout=60)
    url = f"{running_stack.service_url(SERVICES.index('experts'))}/readyz"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                assert json.load(response)["ready"] is True
                break
        except OSError:
            assert time.monotonic() < deadline, "the restarted experts service never became ready"
            time.sleep(0.3)
    assert running_stack.process.poll() is None  # the rest of the stack kept running
    assert "exited with status -9; restarting it" in "".join(running_stack.output)
