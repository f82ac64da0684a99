"""Pages a second in the production shape, against a bare gunicorn worker (not a test; run
it by hand). One run, one table.

    .venv/bin/python tests/bench/pages.py [--duration 10] [--connections 4] [--repeat 1]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
        [--redis-url redis://127.0.0.1:6379/12] [--no-daphne]

Needs PostgreSQL, Redis, nginx, wrk and taskset, and two cores: the worker under test runs
alone on core 0 (``taskset -c 0``), wrk, nginx and the websocket worker on core 1.

The demo content (``migrate`` and ``seed_demo``, as run-cluster does), plus 50 comments on the
demo idea that has most, is measured on five pages: the home page, the rounds, a round, that
idea and the impact report. Each page is measured, one after the other in the same run, with
``wrk -t1 -cCONNECTIONS -dDURATION`` (the median of REPEAT such runs, the direct and the
production shape's taking turns) against:

  gunicorn direct   the baseline: one gunicorn sync worker, nothing in front (cms.wsgi);
  production shape  nginx in front of that same worker, with nginx's configuration rendered
                    by platform/render-nginx-conf as run-cluster renders it, a daphne worker
                    behind /ws/; the anonymous page cache off;
  cached            the production shape with the anonymous page cache on
                    (PUBLIC_PAGE_CACHE_SECONDS=1);
  daphne direct     one daphne worker serving HTTP, nothing in front: the shape before
                    gunicorn took HTTP over (left out with --no-daphne).

The workers run the development settings with DEBUG off on PostgreSQL and Redis, as
run-cluster runs them (with DATABASE_CONN_MAX_AGE=60, as in production).

Nothing outside the run is touched. The bench creates a database of its own,
kohtaamo_bench_pages_<random>, on the PostgreSQL server of --database-url (whose database name
is not used: the bench connects to "postgres" there to create and drop its own) and drops it at
the end. In Redis it uses the database numbered at the end of --redis-url and a key prefix of
its own for the cache and the channel layer (through a settings module written to a temporary
folder, over cms.settings.dev), and deletes only the keys with that prefix at the end.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
WORKER_CORE = "0"
LOAD_CORE = "1"  # wrk, nginx and the websocket worker
WARM_UP_SECONDS = 2
COMMENTS_ADDED = 50

# Settings over the development ones: a key prefix of the run's own, so that the run's keys
# can be told from anything else in the same Redis database and deleted alone.
OVERLAY_SETTINGS = """
from cms.settings.dev import *  # noqa: F403

CACHES["default"]["KEY_PREFIX"] = {prefix!r}  # noqa: F405
CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = {prefix!r}  # noqa: F405
"""

# Run inside Django: 50 comments on the demo idea anonymous visitors see with most comments,
# and the pages to measure, as {"name": path}.
PREPARE = """
import json
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from accounts.models import User
from cms.models import HomePage, ImpactReportPage
from ideas.models import Comment, Idea

anonymous = AnonymousUser()
idea = (
    Idea.objects.visible_to(anonymous)
    .annotate(comment_count=Count("comments"))
    .order_by("-comment_count", "pk")
    .first()
)
people = list(User.objects.filter(is_active=True).order_by("pk")[:5])
for n in range(ADDED):
    Comment.objects.create(
        idea=idea,
        author=people[n % len(people)],
        body=f"Kommentti numero {n + 1}: näin tämä toimisi meidän kunnassamme.",
    )
home = HomePage.objects.get(locale__language_code="fi")
report = ImpactReportPage.objects.live().filter(locale__language_code="fi").first()
print(json.dumps({
    "comments": Comment.objects.filter(idea=idea).count(),
    "pages": {
        "home": home.url,
        "rounds": "/rounds/",
        "round": idea.round.get_absolute_url(),
        "idea": idea.get_absolute_url(),
        "impact report": report.url,
    },
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def exit_on_sigterm():
    """Turn SIGTERM into SystemExit so that the ``finally`` blocks drop what was created."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def pinned(core, command):
    return ["taskset", "-c", core, *command]


def manage(env, *arguments):
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def prepare(env):
    script = f"import django; django.setup()\nADDED = {COMMENTS_ADDED}\n" + PREPARE
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def base_env():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("PYTHONPATH", None)
    env.update(
        DEBUG="false",
        LOG_LEVEL="ERROR",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # As run-cluster: e-mail waits in the database for a task worker this run never starts.
        TASKS_BACKEND="database",
        DATABASE_CONN_MAX_AGE="60",
        PUBLIC_PAGE_CACHE_SECONDS="0",
    )
    return env


@contextlib.contextmanager
def bench_environment(database_url, redis_url):
    """Settings for workers on a new PostgreSQL database and a new Redis key prefix, both the
    run's own; both are removed on the way out, and nothing else."""
    import psycopg
    import redis
    from psycopg import sql

    name = f"kohtaamo_bench_pages_{uuid.uuid4().hex[:12]}"
    with tempfile.TemporaryDirectory(prefix="kohtaamo-bench-pages-") as folder:
        folder = Path(folder)
        (folder / "kohtaamo_bench_settings.py").write_text(OVERLAY_SETTINGS.format(prefix=name))
        with psycopg.connect(database_url, dbname="postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            url = urlsplit(database_url)
            yield (
                folder,
                {
                    **base_env(),
                    "DATABASE_URL": urlunsplit(url._replace(path="/" + name)),
                    "REDIS_URL": redis_url,
                    "DJANGO_SETTINGS_MODULE": "kohtaamo_bench_settings",
                    "PYTHONPATH": str(folder),
                    "MEDIA_ROOT": str(folder / "media"),
                },
            )
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


class Processes:
    """The servers of one run, each stopped (by its own process id) on the way out."""

    def __init__(self, folder):
        self.folder = folder
        self.running = []

    def start(self, name, command, env, ready_url=None, ready_port=None):
        log = (self.folder / f"{name}.log").open("wb")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        self.running.append((name, process, log))
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited:\n{self.log_tail(name)}")
            if (ready_url and answers(ready_url)) or (ready_port and port_open(ready_port)):
                return process
            if time.monotonic() > deadline:
                raise SystemExit(f"{name} did not start:\n{self.log_tail(name)}")
            time.sleep(0.2)

    def stop(self, process):
        for entry in list(self.running):
            if entry[1] is process:
                self._stop(*entry)
                self.running.remove(entry)

    def _stop(self, name, process, log):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()

    def log_tail(self, name, size=4000):
        text = (self.folder / f"{name}.log").read_text(errors="replace")
        return text[-size:]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for entry in reversed(self.running):
            self._stop(*entry)
        self.running.clear()


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def gunicorn(processes, env, name, page_cache_seconds):
    port = free_port()
    command = [
        PYTHON, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "--workers", "1",
        "cms.wsgi:application",
    ]  # fmt: skip
    env = {**env, "PUBLIC_PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    ready = f"http://127.0.0.1:{port}/healthz"
    return port, processes.start(name, pinned(WORKER_CORE, command), env, ready_url=ready)


def daphne(processes, env, name, core):
    port = free_port()
    command = [
        PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "--proxy-headers",
        "cms.asgi:application",
    ]  # fmt: skip
    ready = f"http://127.0.0.1:{port}/healthz"
    return port, processes.start(name, pinned(core, command), env, ready_url=ready)


def nginx(processes, folder, http_port, ws_port, name):
    """nginx as run-cluster starts it, on the load core, in front of the two workers."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    run_dir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=folder))
    run_dir.chmod(0o755)  # nginx's own workers may run as "nobody"
    mime_types = Path("/etc/nginx/mime.types")
    if not mime_types.exists():
        mime_types = run_dir / "mime.types"
        mime_types.write_text("types { text/css css; application/javascript js; }\n")
    port = free_port()
    config = subprocess.run(
        [
            PYTHON,
            str(ROOT / "platform" / "render-nginx-conf"),
            f"RUN_DIR={run_dir}",
            f"MIME_TYPES={mime_types}",
            f"STATIC_ROOT={folder / 'static'}",
            f"MEDIA_ROOT={folder / 'media'}",
            "HOST=127.0.0.1",
            f"PORT={port}",
            f"HTTP_PORTS={http_port}",
            f"WS_PORTS={ws_port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (run_dir / "nginx.conf").write_text(config)
    command = [binary, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")]
    return port, processes.start(
        name, pinned(LOAD_CORE, command), os.environ.copy(), ready_port=port
    )


def wrk(port, path, duration, connections):
    """Requests a second, from wrk on the load core; fails on any answer but 2xx/3xx."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(
        pinned(LOAD_CORE, command), capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw errors on {path}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])


def measure(port, path, duration, connections):
    url = f"http://127.0.0.1:{port}{path}"
    if not answers(url):
        raise SystemExit(f"{url} does not answer 200")
    wrk(port, path, WARM_UP_SECONDS, connections)
    return wrk(port, path, duration, connections)


def run(options):
    with (
        bench_environment(options.database_url, options.redis_url) as (folder, env),
        Processes(folder) as processes,
    ):
        print("migrating and seeding the demo content…", file=sys.stderr)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "seed_demo")
        prepared = prepare(env)
        pages = prepared["pages"]
        rows = {name: {} for name in pages}

        def each_page(column, port):
            for name, path in pages.items():
                rows[name][column] = measure(port, path, options.duration, options.connections)
                print(f"  {name:<14} {column} {rows[name][column]:8.1f} req/s", file=sys.stderr)

        websockets, _ = daphne(processes, env, "daphne-websockets", LOAD_CORE)

        print("gunicorn direct and the production shape…", file=sys.stderr)
        uncached, worker = gunicorn(processes, env, "gunicorn-uncached", page_cache_seconds=0)
        front, front_process = nginx(processes, folder, uncached, websockets, "nginx-uncached")
        for name, path in pages.items():
            # Taking turns page by page, so that both columns see the same machine.
            direct, shape = [], []
            for _ in range(options.repeat):
                direct.append(measure(uncached, path, options.duration, options.connections))
                shape.append(measure(front, path, options.duration, options.connections))
            rows[name]["direct"] = statistics.median(direct)
            rows[name]["shape"] = statistics.median(shape)
            print(
                f"  {name:<14} direct {rows[name]['direct']:8.1f}  shape "
                f"{rows[name]['shape']:8.1f} req/s",
                file=sys.stderr,
            )
        processes.stop(front_process)
        processes.stop(worker)

        print("the production shape with the anonymous page cache…", file=sys.stderr)
        cached, worker = gunicorn(processes, env, "gunicorn-cached", page_cache_seconds=1)
        front, front_process = nginx(processes, folder, cached, websockets, "nginx-cached")
        each_page("cached", front)
        processes.stop(front_process)
        processes.stop(worker)

        if options.daphne:
            print("daphne direct (the shape before)…", file=sys.stderr)
            each_page("daphne", daphne(processes, env, "daphne-http", WORKER_CORE)[0])

    print_table(rows, prepared["comments"], options)


def print_table(rows, comments, options):
    def rate(value):
        return f"{value:.1f}"

    headers = [
        "page",
        "gunicorn direct req/s",
        "production shape req/s",
        "shape / direct",
        "cached req/s",
        "cached / uncached",
    ]
    if options.daphne:
        headers.append("daphne direct req/s")
    print()
    print(
        f"wrk -t1 -c{options.connections} -d{options.duration}s (direct and production shape: "
        f"median of {options.repeat}); worker on core {WORKER_CORE}, wrk and nginx on core "
        f"{LOAD_CORE}; the idea has {comments} comments"
    )
    print()
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for name, row in rows.items():
        cells = [
            name,
            rate(row["direct"]),
            rate(row["shape"]),
            f"{row['shape'] / row['direct']:.2f}",
            rate(row["cached"]),
            f"{row['cached'] / row['shape']:.1f}",
        ]
        if options.daphne:
            cells.append(rate(row["daphne"]))
        print("| " + " | ".join(cells) + " |")
    print()
    for column, label in [("direct", "gunicorn direct"), ("shape", "production shape")]:
        ratio = rows["idea"][column] / rows["home"][column]
        print(f"idea / home, {label}: {ratio:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of direct and production shape per page"
    )
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server; the bench creates and drops a database of its own there",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/12",
        help="a Redis database; the bench uses and deletes only keys of its own prefix",
    )
    parser.add_argument(
        "--no-daphne", dest="daphne", action="store_false", help="skip the daphne column"
    )
    options = parser.parse_args()
    missing = [tool for tool in ("wrk", "taskset") if not shutil.which(tool)]
    if not (shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)):
        missing.append("nginx")
    if missing:
        raise SystemExit(f"pages.py needs {', '.join(missing)}")
    if os.cpu_count() < 2:
        raise SystemExit("pages.py needs two cores: the worker on one, wrk and nginx on the other")
    exit_on_sigterm()
    run(options)


if __name__ == "__main__":
    main()
