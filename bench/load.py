"""Load test: 50 concurrent users for 60 s against `make serve` (gunicorn, debug off) on PostgreSQL.

The bench prepares a PostgreSQL database (``BENCH_DATABASE_URL``, default ``crimeplan_bench_load`` on
127.0.0.1; created when missing, then ``migrate`` and ``demo load`` once), starts ``make serve`` on a
loopback port (``BENCH_LOAD_PORT``, default 8104) with its data in ``var/bench-load``, signs in a demo
partner user, and sends requests from ``BENCH_USERS`` (50) simulated users for ``BENCH_SECONDS`` (60),
each user going round the pages below one request at a time, after a short warm-up (each URL
requested a few times, so each worker has built its caches). It prints p50/p95/p99 latency and the
errors per URL, and each URL's p95 as a multiple of the static page's p95 (the baseline, measured in
the same run). Target: no errors, and every p95 under 10 times the static page's.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench._common import ROOT

HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8104"))
USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/crimeplan_bench_load")
DATA_DIR = ROOT / "var" / "bench-load"
SIGNED_IN_USER = "demo-probation"
BASELINE = "static page"
URLS = {
    BASELINE: "/accessibility/",
    "dashboard": "/",
    "area page": "/areas/E22000151/",
    "crime-type page": "/crime-types/burglary/",
    "counts API": "/api/crime/counts?force=lancashire&group_by=category",
    "case list (signed in)": "/cases/",
}
SIGNED_IN = {"case list (signed in)"}
WARM_UP = 4


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CRIMEPLAN_DEBUG"}
    env.update(
        DATABASE_URL=DATABASE_URL,
        CRIMEPLAN_DATA_DIR=str(DATA_DIR),
        CRIMEPLAN_SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        CRIMEPLAN_DEMO_PASSWORD=secrets.token_urlsafe(16),
        HOST=HOST,
        PORT=str(PORT),
        DJANGO_SETTINGS_MODULE="crimeplan.settings",
    )
    return env


def _create_database() -> None:
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str]) -> None:
    """Migrate, and load the demo once (a marker file remembers it; delete var/bench-load to start again)."""
    _create_database()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    crimeplan = str(Path(sys.executable).parent / "crimeplan")
    subprocess.run([crimeplan, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    marker = DATA_DIR / "demo-loaded"
    if not marker.exists():
        print("Loading the demo into the bench database (once)...", flush=True)
        subprocess.run([crimeplan, "demo", "load"], env=env, check=True, stdout=subprocess.DEVNULL)
        marker.touch()


def session_cookie(env: dict[str, str]) -> str:
    """A signed-in session for the demo partner user, made directly in the database (no sign-in form)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=SIGNED_IN_USER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"], cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 900  # migrate and collectstatic first
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"make serve stopped with exit code {server.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{PORT}{URLS[BASELINE]}", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(2)
    stop(server)
    sys.exit("make serve did not answer within 15 minutes")


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)


async def _user(
    number: int, client: httpx.AsyncClient, cookie: str, deadline: float, tallies: dict[str, Tally]
) -> None:
    names = list(URLS)
    turn = number % len(names)
    while time.monotonic() < deadline:
        name = names[turn % len(names)]
        turn += 1
        headers = {"Cookie": f"sessionid={cookie}"} if name in SIGNED_IN else {}
        started = time.monotonic()
        try:
            response = await client.get(URLS[name], headers=headers)
            problem = "" if response.status_code == 200 else f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            problem = type(exc).__name__
        tally = tallies[name]
        tally.latencies.append(time.monotonic() - started)
        if problem:
            tally.errors[problem] = tally.errors.get(problem, 0) + 1


async def warm_up(client: httpx.AsyncClient, cookie: str) -> None:
    """Each URL a few times at once (so every worker sees it) before the clock starts: steady state only."""
    for name, url in URLS.items():
        headers = {"Cookie": f"sessionid={cookie}"} if name in SIGNED_IN else {}
        await asyncio.gather(*(client.get(url, headers=headers) for _ in range(WARM_UP)))


async def load(cookie: str) -> dict[str, Tally]:
    tallies = {name: Tally() for name in URLS}
    limits = httpx.Limits(max_connections=USERS, max_keepalive_connections=USERS)
    timeout = httpx.Timeout(120.0)
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{PORT}", limits=limits, timeout=timeout) as client:
        await warm_up(client, cookie)
        deadline = time.monotonic() + SECONDS
        await asyncio.gather(*(_user(n, client, cookie, deadline, tallies) for n in range(USERS)))
    return tallies


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else float("nan")
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def report(tallies: dict[str, Tally]) -> bool:
    base_p95 = _percentiles(tallies[BASELINE].latencies)[1]
    print(f"\n{USERS} users for {SECONDS:.0f} s against make serve (gunicorn) on PostgreSQL, {HOST}:{PORT}")
    print(f"{'URL':<24}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'p95/static':>12}")
    ok = True
    for name, tally in tallies.items():
        p50, p95, p99 = _percentiles(tally.latencies)
        errors = sum(tally.errors.values())
        ratio = p95 / base_p95 if base_p95 else float("nan")
        ok = ok and errors == 0 and (name == BASELINE or ratio < 10)
        print(
            f"{name:<24}{len(tally.latencies):>9}{errors:>8}{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}"
            f"{p99 * 1000:>9.0f}{ratio:>11.1f}x" + (f"  {tally.errors}" if errors else "")
        )
    print("target (no errors, every p95 under 10x the static page's):", "met" if ok else "NOT met")
    return ok


def main() -> None:
    env = _env()
    prepare(env)
    cookie = session_cookie(env)
    server = serve(env)
    try:
        tallies = asyncio.run(load(cookie))
    finally:
        stop(server)
    report(tallies)


if __name__ == "__main__":
    main()
