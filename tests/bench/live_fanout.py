"""Live discussion fan-out benchmark (not a test; run it by hand).

    .venv/bin/python tests/bench/live_fanout.py [--listeners 200] [--workers 2]
        [--posters 4] [--comments 25] [--interval 1.0]
        [--database-url postgres://...] [--redis-url redis://...]

Starts real daphne workers on a database of its own, connects LISTENERS websocket clients
to one idea's thread (spread evenly over the workers), lets POSTERS post COMMENTS comments
each over their own sockets, INTERVAL seconds apart, and measures, for every comment at every
listener, the time from the moment the poster sent it to the moment the listener received
it. It prints one table: the production shape (PostgreSQL, Redis, WORKERS workers) and the
baseline (one worker, SQLite, the in-memory channel layer). Needs PostgreSQL and Redis for
the first row; without them, only the baseline is measured.
"""

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_django(env, code):
    """Run Python with Django set up in a subprocess with ``env``; returns its stdout."""
    script = "import django; django.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return result.stdout


PREPARE = """
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.utils import timezone
from datetime import timedelta
from accounts.models import User
from panels.models import Region
from ideas.models import Idea, IdeaRound

region, _ = Region.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
now = timezone.now()
round_ = IdeaRound.objects.create(
    title="Bench", slug="bench-" + now.strftime("%H%M%S%f"), region=region,
    ideation_starts=now - timedelta(days=2), development_starts=now - timedelta(days=1),
    evaluation_starts=now + timedelta(days=10), closes_at=now + timedelta(days=20))
author, _ = User.objects.get_or_create(
    email="bench-author@example.org", defaults={"display_name": "Bench author"})
idea = Idea.objects.create(round=round_, author=author, title="Bench idea", body="Bench")
sessions = []
for n in range(POSTERS):
    user, _ = User.objects.get_or_create(
        email=f"bench-poster-{n}@example.org", defaults={"display_name": f"Poster {n}"})
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
print(json.dumps({"idea": idea.pk, "sessions": sessions}))
"""


class Cluster:
    def __init__(self, workers, env):
        self.env = env
        self.ports = [free_port() for _ in range(workers)]
        self.processes = []
        self.logs = []

    def __enter__(self):
        for port in self.ports:
            log = tempfile.NamedTemporaryFile(prefix="bench-daphne-", suffix=".log", delete=False)
            self.logs.append(log)
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "daphne",
                        "-b",
                        "127.0.0.1",
                        "-p",
                        str(port),
                        "cms.asgi:application",
                    ],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        for port in self.ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"worker on {port} did not start") from None
                    time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=20)


async def measure(ports, idea, sessions, listeners, comments_each, interval):
    import websockets

    sent_at = {}
    latencies = []
    expected = len(sessions) * comments_each
    all_received = asyncio.Event()
    received = {"frames": 0}
    total = expected * listeners

    def url(n):
        return f"ws://127.0.0.1:{ports[n % len(ports)]}/ws/ideas/{idea}/"

    def origin(n):
        return f"http://127.0.0.1:{ports[n % len(ports)]}"

    async def listen(n, ready):
        async with websockets.connect(
            url(n), additional_headers={"Origin": origin(n)}, max_queue=None
        ) as socket:
            ready.set()
            got = 0
            while got < expected:
                frame = json.loads(await socket.recv())
                if frame["type"] != "comment":
                    continue
                key = frame["comment"]["body_html"]
                arrived = time.perf_counter()
                for marker, started in sent_at.items():
                    if marker in key:
                        latencies.append(arrived - started)
                        break
                got += 1
                received["frames"] += 1
                if received["frames"] == total:
                    all_received.set()

    async def post(n, session):
        headers = {"Origin": origin(n), "Cookie": f"sessionid={session}"}
        async with websockets.connect(url(n), additional_headers=headers) as socket:
            for _ in range(comments_each):
                marker = uuid.uuid4().hex
                sent_at[marker] = time.perf_counter()
                await socket.send(
                    json.dumps({"type": "post", "body": f"bench {marker}", "client_id": marker})
                )
                while True:
                    frame = json.loads(await socket.recv())
                    if frame["type"] == "posted":
                        break
                    if frame["type"] == "error":
                        raise SystemExit(f"posting failed: {frame}")
                await asyncio.sleep(interval)

    readies = [asyncio.Event() for _ in range(listeners)]
    listening = [asyncio.create_task(listen(n, readies[n])) for n in range(listeners)]
    await asyncio.gather(*(ready.wait() for ready in readies))
    await asyncio.sleep(1)  # presence chatter settles
    started = time.perf_counter()
    await asyncio.gather(*(post(n, session) for n, session in enumerate(sessions)))
    # Past the deadline, what has not arrived is reported as missing (a real client would get
    # it by catching up when it reconnects).
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(all_received.wait(), timeout=DELIVERY_DEADLINE_SECONDS)
    elapsed = time.perf_counter() - started
    for task in listening:
        task.cancel()
    await asyncio.gather(*listening, return_exceptions=True)
    return latencies, expected / elapsed, received["frames"] / elapsed, total - received["frames"]


DELIVERY_DEADLINE_SECONDS = 120


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_case(name, workers, env, args):
    env = {
        **env,
        "LIVE_COMMENT_RATE": "1000000",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    prepared = json.loads(run_django(env, f"POSTERS = {args.posters}\n" + PREPARE))
    with Cluster(workers, env) as cluster:
        latencies, comments_per_s, frames_per_s, missing = asyncio.run(
            measure(
                cluster.ports,
                prepared["idea"],
                prepared["sessions"],
                args.listeners,
                args.comments,
                args.interval,
            )
        )
    ms = [value * 1000 for value in latencies]
    return {
        "case": name,
        "workers": workers,
        "listeners": args.listeners,
        "comments": args.posters * args.comments,
        "p50": statistics.median(ms),
        "p95": percentile(ms, 0.95),
        "p99": percentile(ms, 0.99),
        "comments/s": comments_per_s,
        "deliveries/s": frames_per_s,
        "missing": missing,
    }


def reachable(database_url, redis_url):
    try:
        from urllib.parse import urlsplit

        import psycopg
        import redis

        url = urlsplit(database_url)
        psycopg.connect(
            host=url.hostname,
            port=url.port or 5432,
            user=url.username,
            dbname="postgres",
            connect_timeout=3,
        ).close()
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
        return True
    except Exception:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listeners", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--posters", type=int, default=4)
    parser.add_argument("--comments", type=int, default=25, help="comments per poster")
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds each poster waits between comments (0: as fast as acks come back)",
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/kohtaamo_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    if not 1 <= args.listeners <= 1000:
        parser.error("--listeners is between 1 and 1000")

    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base_env["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    rows = []
    if reachable(args.database_url, args.redis_url):
        from urllib.parse import urlsplit

        import psycopg

        url = urlsplit(args.database_url)
        name = url.path.lstrip("/")
        with psycopg.connect(
            host=url.hostname,
            port=url.port or 5432,
            user=url.username,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        env = {**base_env, "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url}
        rows.append(
            run_case(f"PostgreSQL + Redis, {args.workers} workers", args.workers, env, args)
        )
        print(rows[-1], file=sys.stderr, flush=True)
    else:
        print("PostgreSQL or Redis not reachable: measuring the baseline only.", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        env = {**base_env, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        rows.append(run_case("SQLite + in-memory layer, 1 worker (baseline)", 1, env, args))

    columns = [
        "case",
        "workers",
        "listeners",
        "comments",
        "p50",
        "p95",
        "p99",
        "comments/s",
        "deliveries/s",
        "missing",
    ]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = [
            f"{row[c]:.1f} ms"
            if c in ("p50", "p95", "p99")
            else (f"{row[c]:.1f}" if isinstance(row[c], float) else str(row[c]))
            for c in columns
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
