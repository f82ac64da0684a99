"""Connection churn benchmark for one worker (not a test; run it by hand).

    .venv/bin/python tests/bench/churn.py [--cycles 10000] [--concurrency 20] [--window 1000]
        [--embedded] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
        [--redis-url redis://127.0.0.1:6379/13]

Starts one daphne worker as tests/bench/live_fanout.py does (PostgreSQL and Redis, on a
database and a key prefix of the run's own, removed at the end; with --embedded, SQLite and
the in-memory channel layer), signs a person in and creates an idea, then runs CYCLES cycles
of: open a websocket to the idea's thread with the session cookie and an allowed Origin, wait
for the "hello" frame (which must name the person: accepted, authenticated, greeted), close.
CONCURRENCY cycles run at once.

It prints one table with a row per WINDOW cycles: greeted connections per second, the time
from opening to the hello (p50, p99), and the worker's resident memory (VmRSS) when the
window ended, against its level after the first window. What it checks for: "10,000
connect/disconnect cycles leave the worker's RSS within 10 % of its level after the first
1,000, and a new connection is accepted, authenticated and greeted at >= 200 per second per
worker". The clients run in this one process, on the same machine as the worker.
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_fanout import (
    Cluster,
    connect,
    embedded,
    exit_on_sigterm,
    migrate,
    parse_frame,
    percentiles,
    postgres_redis,
    prepare,
    raise_file_limit,
    reachable,
)

# After the last cycle, the worker is given this long to finish closing before the last
# reading of its memory.
SETTLE_SECONDS = 2


def rss_kib(pid):
    """Resident memory of process ``pid``, in KiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


class NotGreeted(Exception):
    pass


async def cycle(url, origin, session):
    """Open, wait for the hello naming the person, close; the seconds to the hello."""
    opened = time.monotonic()
    async with connect(url, origin, session) as websocket:
        async for text in websocket:
            frame = parse_frame(text)
            if frame is None or frame["type"] != "hello":
                continue
            greeted = time.monotonic()
            if not frame.get("user"):
                raise NotGreeted("greeted as an anonymous visitor")
            return greeted - opened
        raise NotGreeted(f"closed before the hello: {websocket.close_code}")


async def churn(url, origin, session, args, pid):
    windows = []  # one per WINDOW cycles done: (ended at, seconds to hello list, failures, RSS)
    state = {"next": 0, "done": 0, "failed": 0, "errors": {}, "times": []}
    started = time.monotonic()
    window_started = [started]

    def close_window():
        now = time.monotonic()
        windows.append(
            {
                "seconds": now - window_started[0],
                "cycles": len(state["times"]) + state["failed"],
                "times": state["times"],
                "failed": state["failed"],
                "rss": rss_kib(pid),
            }
        )
        window_started[0] = now
        state["times"], state["failed"] = [], 0

    async def runner():
        while state["next"] < args.cycles:
            state["next"] += 1
            try:
                seconds = await cycle(url, origin, session)
                # Appended only now: the window may have changed during the cycle.
                state["times"].append(seconds)
            except Exception as error:
                state["failed"] += 1
                kind = f"{type(error).__name__}: {error}"[:120]
                state["errors"][kind] = state["errors"].get(kind, 0) + 1
            state["done"] += 1
            if state["done"] % args.window == 0 or state["done"] == args.cycles:
                close_window()

    await asyncio.gather(*(runner() for _ in range(args.concurrency)))
    total_seconds = time.monotonic() - started
    await asyncio.sleep(SETTLE_SECONDS)
    settled_rss = rss_kib(pid)
    for kind, count in state["errors"].items():
        print(f"{count} cycles failed: {kind}", file=sys.stderr)
    return windows, total_seconds, settled_rss


def print_table(windows, total_seconds, settled_rss, args, case):
    base = windows[0]["rss"]

    def growth(rss):
        return f"{(rss - base) / base * 100:+.1f} %"

    print(
        "| cycles | greeted/s | to hello p50 | to hello p99 | failed | worker RSS | "
        f"RSS vs after the first {windows[0]['cycles']:,} |"
    )
    print("|---|---|---|---|---|---|---|")
    done = 0
    for window in windows:
        first, done = done + 1, done + window["cycles"]
        p50, p99 = percentiles(window["times"], 0.5, 0.99)
        print(
            f"| {first:,}–{done:,} | {len(window['times']) / window['seconds']:.0f} | "
            f"{p50 * 1000 if p50 is not None else 0:.1f} ms | "
            f"{p99 * 1000 if p99 is not None else 0:.1f} ms | {window['failed']} | "
            f"{window['rss'] / 1024:.1f} MiB | {growth(window['rss'])} |"
        )
    times = [t for window in windows for t in window["times"]]
    p50, p99 = percentiles(times, 0.5, 0.99)
    failed = sum(window["failed"] for window in windows)
    print(
        f"| all {done:,} | {len(times) / total_seconds:.0f} | "
        f"{p50 * 1000 if p50 is not None else 0:.1f} ms | "
        f"{p99 * 1000 if p99 is not None else 0:.1f} ms | {failed} | "
        f"{settled_rss / 1024:.1f} MiB ({SETTLE_SECONDS} s after) | {growth(settled_rss)} |"
    )
    print(
        f"\n{case}, 1 worker; {args.concurrency} cycles at once from one client process on "
        "the same machine. greeted/s: connections opened, greeted as the signed-in person and "
        "closed, per second of the window."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=20, help="cycles at once")
    parser.add_argument("--window", type=int, default=1000, help="cycles per row of the table")
    parser.add_argument(
        "--embedded", action="store_true", help="SQLite and the in-memory layer, not PostgreSQL"
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
    if args.cycles < 1 or args.concurrency < 1 or args.window < 1:
        parser.error("--cycles, --concurrency and --window are at least 1")

    exit_on_sigterm()
    raise_file_limit(4 * args.concurrency + 200)
    if args.embedded:
        backend, case = embedded(), "SQLite + in-memory layer"
    else:
        if not reachable(args.database_url, args.redis_url):
            raise SystemExit("PostgreSQL or Redis not reachable: try --embedded")
        backend, case = postgres_redis(args.database_url, args.redis_url), "PostgreSQL + Redis"
    with backend as env:
        migrate(env)
        prepared = prepare(env, 1)
        with Cluster(1, env) as worker:
            port = worker.ports[0]
            pid = worker.processes[0].pid
            result = asyncio.run(
                churn(
                    f"ws://127.0.0.1:{port}/ws/ideas/{prepared['idea']}/",
                    f"http://127.0.0.1:{port}",
                    prepared["sessions"][0],
                    args,
                    pid,
                )
            )
            if worker.processes[0].poll() is not None:
                print(worker.log_tail(worker.processes[0]), file=sys.stderr)
    print_table(*result, args, case)


if __name__ == "__main__":
    main()
