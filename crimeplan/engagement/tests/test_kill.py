"""A worker SIGKILLed mid-send and started again sends exactly one message to each targeted member.

A small SMTP server in the test process receives the messages. It holds the worker at the RCPT command of
one message (the delivery is claimed, nothing handed over) while the test kills the worker; a second
worker then takes over the killed worker's rows once its process is gone and finishes the alert.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from crimeplan.core.testing import crimeplan_command
from crimeplan.engagement.tests.conftest import OTHER_LSOA, WARD, write_csv

WARD_LSOAS = ["E01012576", "E01012575", "E01012573", "E01012571"]


class SmtpSink:
    """Just enough SMTP to accept messages; it stalls (does not answer) the RCPT of message ``stall_at``."""

    def __init__(self, stall_at: int):
        self.stall_at = stall_at
        self.received: list[str] = []
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:  # noqa: C901  (one SMTP conversation)
        stream = conn.makefile("rb")
        conn.sendall(b"220 sink ESMTP\r\n")
        recipients: list[str] = []
        try:
            for raw in stream:
                command = raw.decode().strip()
                verb = command[:4].upper()
                if verb in ("EHLO", "HELO"):
                    conn.sendall(b"250 sink\r\n")
                elif verb == "MAIL":
                    recipients = []
                    conn.sendall(b"250 OK\r\n")
                elif verb == "RCPT":
                    if len(self.received) + 1 == self.stall_at and not self.stalled.is_set():
                        self.stalled.set()
                        self.release.wait(60)
                        return
                    recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                    conn.sendall(b"250 OK\r\n")
                elif verb == "DATA":
                    conn.sendall(b"354 go on\r\n")
                    for line in stream:
                        if line in (b".\r\n", b".\n"):
                            break
                    self.received.extend(recipients)
                    conn.sendall(b"250 queued\r\n")
                elif verb == "QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 OK\r\n")
        except OSError:
            return
        finally:
            conn.close()


def _members_file(tmp_path: Path) -> tuple[Path, set[str]]:
    rows, targeted = [], set()
    for n in range(12):
        address = f"member{n}@example.org"
        rows.append(f"{address},,,{WARD_LSOAS[n % 4]},burglary,police,email,2021-03-02T10:00:00,moved scheme")
        targeted.add(address)
    rows.append(f"council.only@example.org,,,{WARD_LSOAS[0]},burglary,council,email,2021-03-02,moved scheme")
    rows.append(f"other.ward@example.org,,,{OTHER_LSOA},burglary,police,email,2021-03-02,moved scheme")
    return write_csv(tmp_path / "members.csv", rows), targeted


def _status(crimeplan: Path, env: dict[str, str], alert: int) -> dict[str, int]:
    out = subprocess.run([crimeplan, "alerts", "status", str(alert), "--json"], env=env, check=True,
                         capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout)


def _worker(crimeplan: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``crimeplan db_worker`` in a process group of its own (so the kill takes all of it)."""
    return subprocess.Popen(
        [crimeplan, "db_worker", "--interval", "0.2", "--no-reload"], env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.slow
def test_a_worker_killed_mid_send_and_restarted_sends_each_message_once(tmp_path, geography_template):
    from django.conf import settings

    root = tmp_path / "data"
    shutil.copytree(geography_template, root / "store")
    sink = SmtpSink(stall_at=5)
    crimeplan, env = crimeplan_command(root)
    env.update({
        "CRIMEPLAN_EMAIL_HOST": "127.0.0.1", "CRIMEPLAN_EMAIL_PORT": str(sink.port), "CRIMEPLAN_EMAIL_TLS": "0",
        "CRIMEPLAN_ALERTS_LEASE_SECONDS": "1", "CRIMEPLAN_ALERTS_PER_SECOND": "200",
    })  # fmt: skip
    geography = sorted(str(p) for p in (settings.SHIPPED_DATA_DIR / "geography").iterdir() if p.suffix == ".csv")
    subprocess.run([crimeplan, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([crimeplan, "geography", "load", *geography], env=env, check=True, capture_output=True)
    members, targeted = _members_file(tmp_path)
    subprocess.run([crimeplan, "alerts", "import-members", str(members)], env=env, check=True, capture_output=True)
    body = tmp_path / "body.txt"
    body.write_text("Burglaries nearby: lock your doors.", encoding="utf-8")
    queued = subprocess.run(
        [crimeplan, "alerts", "send", "--provider", "police", "--ward", WARD, "--topic", "burglary",
         "--subject", "Burglaries in your area", "--body-file", str(body), "--json"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    sent = json.loads(queued.stdout)
    assert sent["targeted"] == len(targeted)

    worker = _worker(crimeplan, env)
    assert sink.stalled.wait(120), "the worker never reached the fifth message"
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    sink.release.set()
    assert len(sink.received) == 4
    after_kill = _status(crimeplan, env, sent["alert"])
    assert after_kill["queued"] == len(targeted) - 4, after_kill

    again = _worker(crimeplan, env)
    try:
        deadline = time.monotonic() + 120
        while _status(crimeplan, env, sent["alert"])["queued"] and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        again.terminate()
        again.wait()

    assert Counter(sink.received) == Counter(targeted)  # each targeted member exactly once, nobody else
    assert _status(crimeplan, env, sent["alert"]) == {
        "alert": sent["alert"], "queued": 0, "sent": len(targeted), "delivered": 0, "failed": 0,
    }  # fmt: skip
