"""Live discussion fan-out benchmark (not a test; run it by hand).

    .venv/bin/python tests/bench/live_fanout.py [--cases raw,cluster,embedded]
        [--listeners 200] [--rate 5] [--duration 60 | --comments N] [--workers 2]
        [--posters N] [--client-processes 2] [--grace 30]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
        [--redis-url redis://127.0.0.1:6379/13]

e.g. the two loads of the issue, 1000 listeners at 5 and at 20 comments a second:

    .venv/bin/python tests/bench/live_fanout.py --listeners 1000 --rate 5 --duration 60
    .venv/bin/python tests/bench/live_fanout.py --listeners 1000 --rate 20 --duration 60

Connects LISTENERS websocket clients to one idea's thread and has posters post comments over
their own sockets on a fixed schedule: RATE comments a second in all, spread evenly over the
posters, each sent when it is due without waiting for the answer to the one before, so the
offered load is RATE a second however the server keeps up. The run lasts DURATION seconds,
or posts COMMENTS comments in all. For every comment at every listener it measures the time
from the moment the poster sent it to the moment the listener read it; the send time travels
in the comment's text, and both ends read CLOCK_MONOTONIC (time.monotonic), which is one
clock for every process on the machine.

Each case is one row of the table printed at the end (--cases picks them):

  raw       a plain single-process ``websockets`` server (this file, --raw-server PORT) that
            broadcasts each posted frame to every connected socket: the floor that Python,
            the websocket protocol and these very clients set. Latency ratios are to its p99.
  cluster   the production shape: WORKERS daphne workers, PostgreSQL, Redis. Listeners and
            posters are spread evenly over the workers.
  embedded  one daphne worker, SQLite, the in-memory channel layer.

Every case uses the same clients: the listeners spread over CLIENT_PROCESSES processes, the
posters in this one.

Nothing outside the run is touched. The cluster case creates a database of its own,
kohtaamo_bench_<random>, on the PostgreSQL server of --database-url (whose database name is
not used: the bench connects to "postgres" there to create and drop its own) and drops it at
the end. In Redis it uses the database numbered at the end of --redis-url (13 by default)
and a key prefix of its own for the cache and the channel layer (through a settings module
written to a temporary folder, over cms.settings.dev), and deletes only the keys with that
prefix at the end.

The per-person comment rate (LIVE_COMMENT_RATE) is lifted through the environment; the
per-connection frame budget (RATE_LIMITS["socket_frames"]) is not, so the bench uses enough
posters to stay within it: one per comment a second unless --posters says otherwise.
"""

import argparse
import asyncio
import contextlib
import html
import json
import math
import multiprocessing
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
import uuid
from array import array
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]

# What has not reached a listener this long after the last comment was sent is missing (a
# real client would get it by catching up when it reconnects).
DEFAULT_GRACE_SECONDS = 30
# Listeners that open their sockets at the same time, per client process. A worker accepts
# a few dozen a second, and daphne drops a socket its application has not accepted within
# five seconds (--websocket_connect_timeout): a thousand at once would lose some.
CONNECTING_AT_ONCE = 16

# --- Shared with tests/bench/churn.py -----------------------------------------------------


def raise_file_limit(needed):
    """A socket is a file descriptor: raise this process's limit (inherited by the workers
    and clients started from here) as far as the hard limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    elif soft < needed and hard == resource.RLIM_INFINITY:
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
        soft = needed
    if soft != resource.RLIM_INFINITY and soft < needed:
        print(
            f"warning: only {soft} file descriptors allowed, {needed} wanted (ulimit -Hn)",
            file=sys.stderr,
        )


def exit_on_sigterm():
    """Turn SIGTERM into SystemExit so that the ``finally`` blocks drop what was created."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server on port {port} did not start") from None
            time.sleep(0.1)


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


def migrate(env):
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )


PREPARE = """
import json
from django.conf import settings
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
print(json.dumps({
    "idea": idea.pk,
    "sessions": sessions,
    "socket_frames": settings.RATE_LIMITS["socket_frames"],
}))
"""


def prepare(env, posters):
    """An idea to watch and ``posters`` signed-in sessions: {"idea", "sessions", ...}."""
    return json.loads(run_django(env, f"POSTERS = {posters}\n" + PREPARE))


def base_env():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        LIVE_COMMENT_RATE="1000000",
        DEBUG="false",
        LOG_LEVEL="ERROR",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    env.pop("PYTHONPATH", None)
    return env


# Settings over the development ones: a key prefix of the run's own, so that the run's keys
# can be told from anything else in the same Redis database and deleted alone.
OVERLAY_SETTINGS = """
from cms.settings.dev import *  # noqa: F403

CACHES["default"]["KEY_PREFIX"] = {prefix!r}  # noqa: F405
CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = {prefix!r}  # noqa: F405
"""


def reachable(database_url, redis_url):
    try:
        import psycopg
        import redis

        psycopg.connect(database_url, dbname="postgres", connect_timeout=3).close()
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
        return True
    except Exception as error:
        print(f"PostgreSQL or Redis not reachable: {error}", file=sys.stderr)
        return False


@contextlib.contextmanager
def postgres_redis(database_url, redis_url):
    """The environment of workers on a new PostgreSQL database and a new Redis key prefix,
    both the run's own; both are removed on the way out, and nothing else."""
    import psycopg
    import redis
    from psycopg import sql

    name = f"kohtaamo_bench_{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="kohtaamo-bench-") as folder:
        Path(folder, "kohtaamo_bench_settings.py").write_text(OVERLAY_SETTINGS.format(prefix=name))
        url = urlsplit(database_url)
        with psycopg.connect(database_url, dbname="postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield {
                **base_env(),
                "DATABASE_URL": urlunsplit(url._replace(path="/" + name)),
                "REDIS_URL": redis_url,
                # As in production (cms.settings.production): the development default, 0,
                # opens a new PostgreSQL connection on every trip to the database thread.
                "DATABASE_CONN_MAX_AGE": "60",
                "DJANGO_SETTINGS_MODULE": "kohtaamo_bench_settings",
                "PYTHONPATH": folder,
            }
        finally:
            with psycopg.connect(database_url, dbname="postgres", autocommit=True) as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            client = redis.Redis.from_url(redis_url)
            keys = list(client.scan_iter(match=name + "*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
            client.close()
            print(f"dropped database {name} and {len(keys)} Redis keys", file=sys.stderr)


@contextlib.contextmanager
def embedded():
    """The environment of a worker on a new SQLite file and the in-memory channel layer."""
    with tempfile.TemporaryDirectory(prefix="kohtaamo-bench-") as folder:
        yield {**base_env(), "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}


class Cluster:
    """``workers`` daphne processes serving cms.asgi:application, each on a port of its own."""

    def __init__(self, workers, env):
        self.env = env
        self.ports = [free_port() for _ in range(workers)]
        self.processes = []
        self.logs = []

    def __enter__(self):
        for port in self.ports:
            log = tempfile.TemporaryFile(prefix="bench-daphne-")
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
        try:
            for port, process in zip(self.ports, self.processes, strict=True):
                self._wait_healthy(port, process)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_healthy(self, port, process):
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    return
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        f"worker on {port} did not start:\n{self.log_tail(process)}"
                    ) from None
                time.sleep(0.2)

    def log_tail(self, process, size=4000):
        log = self.logs[self.processes.index(process)]
        log.flush()
        log.seek(0, os.SEEK_END)
        log.seek(max(0, log.tell() - size))
        return log.read().decode(errors="replace")

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()


def parse_frame(text):
    """A frame from the server as a dict with a "type", or None: frames of other shapes, or
    of types yet to come, are skipped rather than break the client."""
    try:
        frame = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        return None
    return frame


def connect(url, origin, session=None, **options):
    import websockets

    headers = {"Origin": origin}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    # No compression: daphne offers none, and the raw server must not pay for it either.
    return websockets.connect(
        url,
        additional_headers=headers,
        compression=None,
        ping_interval=None,
        close_timeout=2,
        open_timeout=30,
        **options,
    )


# --- Comments that carry their send time --------------------------------------------------

# Digits are written as letters: a run of digits might look like a phone number to the
# oversharing guard (accounts.oversharing), which would hold the comment back.
_TO_LETTERS = str.maketrans("0123456789", "abcdefghij")
_FROM_LETTERS = str.maketrans("abcdefghij", "0123456789")
MARKER = re.compile(r"bench ([a-j]+) ([a-j]+)")


def comment_body(seq, sent):
    micros = round(sent * 1_000_000)
    return f"bench {str(seq).translate(_TO_LETTERS)} {str(micros).translate(_TO_LETTERS)}"


def read_marker(frame):
    """(sequence number, send time) of a bench comment frame; None for any other frame."""
    if frame.get("type") != "comment":
        return None
    comment = frame.get("comment")
    body = comment.get("body_html") if isinstance(comment, dict) else None
    match = MARKER.search(body) if isinstance(body, str) else None
    if match is None:
        return None
    return int(match[1].translate(_FROM_LETTERS)), int(match[2].translate(_FROM_LETTERS)) / 1e6


# --- The raw baseline server --------------------------------------------------------------


async def raw_server(port):
    """Greets each socket, and broadcasts each posted frame to every socket as a comment
    frame shaped like the real one (so the clients parse as much), answering the poster."""
    import itertools

    from websockets.asyncio.server import broadcast, serve
    from websockets.exceptions import ConnectionClosed

    sockets = set()
    ids = itertools.count(1)

    async def handle(websocket):
        sockets.add(websocket)
        try:
            await websocket.send(json.dumps({"type": "hello", "user": None, "can_post": True}))
            async for text in websocket:  # ends when the client closes
                frame = parse_frame(text)
                if frame is None or frame["type"] != "post":
                    continue
                comment_id = next(ids)
                now = time.time()
                comment = {
                    "id": comment_id,
                    "state": "public",
                    "author": {
                        "id": 1,
                        "display_name": "Poster",
                        "role": "participant",
                        "role_label": "Participant",
                    },
                    "body_html": f"<p>{html.escape(str(frame.get('body')))}</p>",
                    "created_at": str(now),
                    "edited": False,
                }
                broadcast(sockets, json.dumps({"type": "comment", "comment": comment, "at": now}))
                await websocket.send(
                    json.dumps(
                        {"type": "posted", "client_id": frame.get("client_id"), "id": comment_id}
                    )
                )
        except ConnectionClosed:
            pass  # the bench's clients drop their sockets when done
        finally:
            sockets.discard(websocket)

    async with serve(handle, "127.0.0.1", port, compression=None, ping_interval=None, backlog=512):
        await asyncio.Future()


class RawServer:
    def __init__(self):
        self.port = free_port()
        self.ports = [self.port]

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--raw-server", str(self.port)], cwd=ROOT
        )
        try:
            wait_for_port(self.port, self.process)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


# --- Listeners (in client processes) ------------------------------------------------------


class Tally:
    """What the listeners of one client process have read."""

    def __init__(self, planned):
        self.planned = planned
        self.latencies = array("d")
        self.worst = array("d", bytes(8 * planned))  # per comment: its latest arrival here
        self.unique = 0
        self.duplicates = 0
        self.closed_early = 0
        self.last_arrival = 0.0
        self.target = None  # unique deliveries that mean "all here", once the posts are done
        self.complete = asyncio.Event()

    def expect(self, target):
        self.target = target
        if self.unique >= target:
            self.complete.set()


async def listen(url, origin, tally, connecting, greeted):
    """One listener: reads until cancelled, tallying each bench comment once."""
    seen = bytearray(tally.planned)
    # Held from opening the socket until the hello: how many joins the server has at once.
    await connecting.acquire()
    holding = True
    websocket = None
    try:
        websocket = await connect(url, origin, max_queue=None)
        async for text in websocket:
            arrived = time.monotonic()
            frame = parse_frame(text)
            if frame is None:
                continue
            if frame["type"] == "hello":
                greeted.set()
                if holding:
                    holding = False
                    connecting.release()
                continue
            marker = read_marker(frame)
            if marker is None or not 0 <= marker[0] < tally.planned:
                continue
            seq, sent = marker
            if seen[seq]:
                tally.duplicates += 1
                continue
            seen[seq] = 1
            tally.latencies.append(arrived - sent)
            tally.worst[seq] = max(tally.worst[seq], arrived - sent)
            tally.unique += 1
            tally.last_arrival = arrived
            if tally.target is not None and tally.unique >= tally.target:
                tally.complete.set()
        # Closed by the server: whatever had not come yet is missing.
        if greeted.is_set():
            tally.closed_early += 1
    except Exception:
        if greeted.is_set():
            tally.closed_early += 1
        else:
            raise
    finally:
        if holding:
            connecting.release()
        if websocket is not None:
            websocket.transport.abort()


async def run_listeners(pipe, targets, planned):
    tally = Tally(planned)
    connecting = asyncio.Semaphore(CONNECTING_AT_ONCE)
    greetings = [asyncio.Event() for _ in targets]
    tasks = [
        asyncio.create_task(listen(url, origin, tally, connecting, greeted))
        for (url, origin), greeted in zip(targets, greetings, strict=True)
    ]

    async def greeted_or_failed(task, greeted):
        waiter = asyncio.ensure_future(greeted.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if greeted.is_set():
            return None
        return repr(task.exception()) if task.done() and task.exception() else "closed"

    failures = [
        f
        for f in await asyncio.gather(
            *(greeted_or_failed(t, g) for t, g in zip(tasks, greetings, strict=True))
        )
        if f
    ]
    pipe.send(("ready", len(targets) - len(failures), failures[:3]))
    while not await asyncio.to_thread(pipe.poll, 1):
        pass
    _, accepted, deadline = pipe.recv()
    tally.expect(accepted * (len(targets) - len(failures)))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(tally.complete.wait(), max(0, deadline - time.monotonic()))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    pipe.send(
        (
            "done",
            tally.latencies,
            tally.worst,
            tally.unique,
            tally.duplicates,
            tally.closed_early,
            tally.last_arrival,
        )
    )


def listener_process(pipe, targets, planned):
    try:
        asyncio.run(run_listeners(pipe, targets, planned))
    except BaseException:
        pipe.send(("failed", traceback.format_exc()))


# --- Posters (in this process) ------------------------------------------------------------


async def post_on_schedule(targets, sessions, rate, total, grace):
    """Post ``total`` comments, comment ``seq`` due at start + seq / rate, from poster
    ``seq % posters``. Returns (start, refused, unanswered, most late a send was)."""
    posters = len(targets)
    sockets = []
    for (url, origin), session in zip(targets, sessions, strict=True):
        websocket = await connect(url, origin, session)
        sockets.append(websocket)
        while (frame := parse_frame(await websocket.recv())) is None or frame["type"] != "hello":
            pass
    answers = {"posted": 0, "refused": 0, "first_refusal": None}
    all_answered = asyncio.Event()

    async def read_answers(websocket):
        with contextlib.suppress(Exception):
            async for text in websocket:
                frame = parse_frame(text)
                if frame is None or frame["type"] not in ("posted", "error"):
                    continue
                if frame["type"] == "posted":
                    answers["posted"] += 1
                else:
                    answers["refused"] += 1
                    answers["first_refusal"] = answers["first_refusal"] or frame
                if answers["posted"] + answers["refused"] >= total:
                    all_answered.set()

    lateness = [0.0]

    async def send(poster, websocket, start):
        for seq in range(poster, total, posters):
            due = start + seq / rate
            if (wait := due - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            sent = time.monotonic()
            lateness[0] = max(lateness[0], sent - due)
            await websocket.send(
                json.dumps(
                    {"type": "post", "body": comment_body(seq, sent), "client_id": f"bench-{seq}"}
                )
            )

    readers = [asyncio.create_task(read_answers(websocket)) for websocket in sockets]
    start = time.monotonic() + 0.5
    await asyncio.gather(*(send(n, websocket, start) for n, websocket in enumerate(sockets)))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(all_answered.wait(), grace)
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    for websocket in sockets:
        with contextlib.suppress(Exception):
            await websocket.close()
    if answers["first_refusal"]:
        print(f"posts refused, the first: {answers['first_refusal']}", file=sys.stderr)
    unanswered = total - answers["posted"] - answers["refused"]
    return start, answers["refused"], unanswered, lateness[0]


async def measure(ports, path, sessions, args):
    """Listeners in client processes, posters here; the row's numbers."""
    total = args.total_comments

    def target(n):
        port = ports[n % len(ports)]
        return f"ws://127.0.0.1:{port}{path}", f"http://127.0.0.1:{port}"

    everyone = [target(n) for n in range(args.listeners)]
    context = multiprocessing.get_context("spawn")
    pipes, processes = [], []
    for c in range(args.client_processes):
        share = everyone[
            c * args.listeners // args.client_processes : (c + 1)
            * args.listeners
            // args.client_processes
        ]
        if not share:
            continue
        ours, theirs = context.Pipe()
        process = context.Process(target=listener_process, args=(theirs, share, total))
        process.start()
        pipes.append(ours)
        processes.append(process)

    async def answer(pipe, timeout):
        if not await asyncio.to_thread(pipe.poll, timeout):
            raise SystemExit("a client process did not answer in time")
        message = pipe.recv()
        if message[0] == "failed":
            raise SystemExit(f"a client process failed:\n{message[1]}")
        return message

    try:
        ready = await asyncio.gather(*(answer(pipe, 300) for pipe in pipes))
        connected = sum(message[1] for message in ready)
        if connected < args.listeners:
            errors = [error for message in ready for error in message[2]]
            raise SystemExit(f"only {connected} of {args.listeners} listeners joined: {errors}")
        await asyncio.sleep(1)  # presence chatter settles
        start, refused, unanswered, late = await post_on_schedule(
            [target(n) for n in range(len(sessions))], sessions, args.rate, total, args.grace
        )
        if late > 0.05:
            print(f"warning: a post went out {late * 1000:.0f} ms late", file=sys.stderr)
        if unanswered:
            print(f"warning: {unanswered} posts were not answered", file=sys.stderr)
        accepted = total - refused
        deadline = start + (total - 1) / args.rate + args.grace
        for pipe in pipes:
            pipe.send(("expect", accepted, deadline))
        results = await asyncio.gather(*(answer(pipe, args.grace + 120) for pipe in pipes))
    except BaseException:
        for process in processes:
            process.kill()
        raise
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    latencies = array("d")
    worst = array("d", bytes(8 * total))
    for message in results:
        latencies.extend(message[1])
        for seq, latency in enumerate(message[2]):
            worst[seq] = max(worst[seq], latency)
    unique = sum(message[3] for message in results)
    closed_early = sum(message[5] for message in results)
    if closed_early:
        print(f"warning: {closed_early} listeners were disconnected", file=sys.stderr)
    last_arrival = max(message[6] for message in results)
    return {
        "latencies": latencies,
        "worst": worst,
        "delivered": unique,
        "duplicates": sum(message[4] for message in results),
        "missing": accepted * args.listeners - unique,
        "refused": refused,
        # Comment n is due at start + n / rate: the run offers its load over total / rate
        # seconds, and takes that long plus however late the last delivery came.
        "achieved": unique / (last_arrival - start + 1 / args.rate) if last_arrival else 0.0,
    }


# --- Cases and the table ------------------------------------------------------------------


def percentiles(values, *fractions):
    ordered = sorted(values)
    if not ordered:
        return [None for _ in fractions]
    return [ordered[min(len(ordered) - 1, round(f * (len(ordered) - 1)))] for f in fractions]


def run_case(case, args):
    if case == "raw":
        with RawServer() as server:
            row = asyncio.run(measure(server.ports, "/ws/ideas/0/", [None] * args.posters, args))
        name = "raw websockets broadcast, 1 process"
    else:
        if case == "cluster":
            backend = postgres_redis(args.database_url, args.redis_url)
            workers = args.workers
            name = f"PostgreSQL + Redis, {workers} workers"
        else:
            backend = embedded()
            workers = 1
            name = "SQLite + in-memory layer, 1 worker"
        with backend as env:
            migrate(env)
            prepared = prepare(env, args.posters)
            times, window = prepared["socket_frames"]
            if args.rate / args.posters > times / window * 0.8:
                raise SystemExit(
                    f"{args.rate / args.posters:.1f} comments/s per poster is too close to the "
                    f"{times} frames per {window} s a socket may send: use more --posters"
                )
            with Cluster(workers, env) as cluster:
                row = asyncio.run(
                    measure(
                        cluster.ports,
                        f"/ws/ideas/{prepared['idea']}/",
                        prepared["sessions"],
                        args,
                    )
                )
    p50, p95, p99 = (
        None if v is None else v * 1000 for v in percentiles(row.pop("latencies"), 0.5, 0.95, 0.99)
    )
    row.update(case=name, p50=p50, p95=p95, p99=p99)
    worst = row.pop("worst")
    if args.timeline:
        print_timeline(name, worst, args.rate)
    print(row, file=sys.stderr, flush=True)
    return row


def print_timeline(name, worst, rate):
    """Per second of the schedule, how late the last listener read that second's comments:
    whether the latency queues up over the run or comes in bursts."""
    print(f"\n{name}: the latest delivery of the comments due in each second (ms)")
    per_second = max(1, round(rate))
    for start in range(0, len(worst), per_second):
        second = worst[start : start + per_second]
        print(f"  {start // per_second:4d} s  {max(second) * 1000:8.1f}")


def print_table(rows, args):
    raw_p99 = next((row["p99"] for row in rows if row["case"].startswith("raw")), None)
    columns = [
        "case",
        "listeners",
        "rate offered",
        "comments",
        "p50",
        "p95",
        "p99",
        "deliveries/s offered",
        "deliveries/s achieved",
        "missing",
        "duplicates",
        "refused",
        "p99 / raw p99",
    ]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:

        def ms(value):
            return "–" if value is None else f"{value:.1f} ms"

        ratio = "–"
        if raw_p99 and row["p99"] is not None:
            ratio = f"{row['p99'] / raw_p99:.2f}"
        cells = [
            row["case"],
            str(args.listeners),
            f"{args.rate:g}/s",
            str(args.total_comments),
            ms(row["p50"]),
            ms(row["p95"]),
            ms(row["p99"]),
            f"{args.rate * args.listeners:.0f}",
            f"{row['achieved']:.0f}",
            str(row["missing"]),
            str(row["duplicates"]),
            str(row["refused"]),
            ratio,
        ]
        print("| " + " | ".join(cells) + " |")
    print(
        f"\nClients on this machine, the same for every row: {args.listeners} listeners in "
        f"{args.client_processes} process(es), {args.posters} posters in one more "
        f"({args.rate / args.posters:.2f} comments/s each). Latency: poster's send to "
        "listener's read. Achieved deliveries/s: distinct comments read by all listeners "
        "over the time from the first send to the last read, plus one interval between "
        "comments (with no delay at all, the offered rate)."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-server", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument(
        "--cases",
        default="raw,cluster,embedded",
        help="comma-separated, of raw, cluster, embedded (default: all three)",
    )
    parser.add_argument("--listeners", type=int, default=200)
    parser.add_argument("--rate", type=float, default=5.0, help="comments per second in all")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of posting")
    parser.add_argument(
        "--comments", type=int, help="comments in all (instead of --duration: rate × duration)"
    )
    parser.add_argument(
        "--posters",
        type=int,
        help="posting sockets, each a person of its own (default: one per comment a second)",
    )
    parser.add_argument("--workers", type=int, default=2, help="daphne workers of the cluster")
    parser.add_argument(
        "--timeline",
        action="store_true",
        help="print, per second of posting, how late the last listener read its comments",
    )
    parser.add_argument(
        "--client-processes", type=int, default=2, help="processes the listeners are spread over"
    )
    parser.add_argument(
        "--grace",
        type=float,
        default=DEFAULT_GRACE_SECONDS,
        help="seconds after the last post for deliveries to arrive before they count as missing",
    )
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="the PostgreSQL server; the bench creates and drops a database of its own there",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/13",
        help="the Redis server and database number; only the run's own keys are deleted",
    )
    args = parser.parse_args()
    if args.raw_server:
        asyncio.run(raw_server(args.raw_server))
        return
    cases = [case.strip() for case in args.cases.split(",") if case.strip()]
    if not cases or set(cases) - {"raw", "cluster", "embedded"}:
        parser.error("--cases is a comma-separated list of raw, cluster, embedded")
    if not 1 <= args.listeners <= 1000:
        parser.error("--listeners is between 1 and 1000")
    if args.rate <= 0:
        parser.error("--rate is above 0")
    args.total_comments = args.comments or max(1, round(args.rate * args.duration))
    args.posters = args.posters or max(1, math.ceil(args.rate))
    args.client_processes = max(1, args.client_processes)

    exit_on_sigterm()
    # Each listener is a socket here and one in a worker; the embedded worker holds them all.
    raise_file_limit(2 * args.listeners + 200)
    if "cluster" in cases and not reachable(args.database_url, args.redis_url):
        print("Skipping the cluster case.", file=sys.stderr)
        cases.remove("cluster")
    order = ["raw", "cluster", "embedded"]
    rows = [run_case(case, args) for case in sorted(cases, key=order.index)]
    print_table(rows, args)


if __name__ == "__main__":
    main()
