"""The pieces of platform/run-cluster, started by the tests: the HTTP workers (gunicorn) and
the websocket workers (daphne) launched with the documented commands, a Redis server of the
test's own (so that stopping it disturbs nobody), nginx with the configuration run-cluster
renders, and a small HTTP client that can speak from another loopback address (127.0.0.2, ...)
as a second person would from another machine.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

from tests.servers import ROOT, free_port

PLATFORM = ROOT / "platform"
# How platform/README.md tells to start a worker: `.venv/bin/daphne -b 127.0.0.1 -p 8001 ...`.
DOCUMENTED_WORKER = re.compile(
    r"(?:\.venv/bin/|\"\$BIN/)daphne\"? -b 127\.0\.0\.1 -p (?:\S+) (?P<flags>(?:--?[\w-]+ )*)"
    r"cms\.asgi:application"
)


def worker_flags(text):
    """The daphne options between the port and the application, from each worker command in
    ``text`` (a README or run-cluster)."""
    return [match.group("flags").split() for match in DOCUMENTED_WORKER.finditer(text)]


def documented_worker_flags():
    (flags,) = {tuple(flags) for flags in worker_flags((PLATFORM / "README.md").read_text())}
    return list(flags)


# How platform/README.md tells to start the HTTP workers:
# `.venv/bin/gunicorn -b 127.0.0.1:8000 --workers 4 cms.wsgi:application`.
DOCUMENTED_HTTP_WORKER = re.compile(
    r"(?:\.venv/bin/|\"\$BIN/)gunicorn\"? -b 127\.0\.0\.1:\S+ (?P<options>(?:\S+ )*?)"
    r"cms\.wsgi:application"
)


def http_worker_options(text):
    """The gunicorn options (with their values) between the address and the application, from
    each HTTP worker command in ``text``."""
    return [match.group("options").split() for match in DOCUMENTED_HTTP_WORKER.finditer(text)]


def option_names(options):
    return [option for option in options if option.startswith("-")]


def documented_http_worker_options():
    (options,) = {
        tuple(options) for options in http_worker_options((PLATFORM / "README.md").read_text())
    }
    return list(options)


def wait_until(condition, timeout, interval=0.1, what="the condition"):
    """Poll ``condition`` until it returns something true; return that, or fail."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(interval)


def port_open(port, host="127.0.0.1"):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


class RedisServer:
    """A throw-away redis-server on a free port: nothing saved, stopped and started at will."""

    binary = shutil.which("redis-server")

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), 10, 0.05, "redis-server starting")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        wait_until(lambda: not port_open(self.port), 5, 0.05, "redis-server stopping")


class Worker:
    """A worker started with the documented command, serving the test database: daphne (the
    websocket workers) by default, gunicorn (the HTTP workers) with ``http=True``."""

    def __init__(self, extra_env=None, http=False, processes=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - open for the process's life
            prefix="kohtaamo-worker-", suffix=".log", delete=False
        )
        self.extra_env = extra_env or {}
        self.http = http
        self.processes = processes
        self.process = None

    def command(self):
        if not self.http:
            options = ["-b", "127.0.0.1", "-p", str(self.port), *documented_worker_flags()]
            return [sys.executable, "-m", "daphne", *options, "cms.asgi:application"]
        options = documented_http_worker_options()
        # As documented, but with the test's number of processes.
        options[options.index("--workers") + 1] = str(self.processes)
        bind = ["-b", f"127.0.0.1:{self.port}"]
        return [sys.executable, "-m", "gunicorn", *bind, *options, "cms.wsgi:application"]

    def launch(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "KOHTAAMO_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
            **self.extra_env,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(
            self.command(), cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        return self

    def wait_ready(self, timeout=40):
        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited:\n{self.output()}")
            return port_open(self.port)

        wait_until(ready, timeout, 0.1, f"the worker on port {self.port} starting")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def output(self):
        return Path(self.log.name).read_text(errors="replace")


def start_workers(count, extra_env=None, http=False):
    """Several workers, started side by side (each takes a few seconds to load Django)."""
    workers = [Worker(extra_env, http=http).launch() for _ in range(count)]
    try:
        for worker in workers:
            worker.wait_ready()
    except BaseException:
        for worker in workers:
            worker.stop()
        raise
    return workers


def render_cluster_config(
    run_dir, http_ports, ws_ports, port, media_root, static_root="/nonexistent"
):
    """nginx's configuration exactly as platform/run-cluster renders it."""
    mime_types = Path("/etc/nginx/mime.types")
    if not mime_types.exists():
        mime_types = Path(run_dir) / "mime.types"
        mime_types.write_text("types { text/css css; application/javascript js; }\n")
    result = subprocess.run(
        [
            sys.executable,
            str(PLATFORM / "render-nginx-conf"),
            f"RUN_DIR={run_dir}",
            f"MIME_TYPES={mime_types}",
            f"STATIC_ROOT={static_root}",
            f"MEDIA_ROOT={media_root}",
            "HOST=127.0.0.1",
            f"PORT={port}",
            "HTTP_PORTS=" + ",".join(str(http_port) for http_port in http_ports),
            "WS_PORTS=" + ",".join(str(ws_port) for ws_port in ws_ports),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


class Nginx:
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
    )

    def __init__(self, http_ports, ws_ports, media_root):
        self.port = free_port()
        # nginx's own workers may run as "nobody" (when the tests run as root): they must be
        # able to enter the folders they read and write.
        self.run_dir = Path(tempfile.mkdtemp(prefix="kohtaamo-nginx-"))
        self.run_dir.chmod(0o755)
        self.config = self.run_dir / "nginx.conf"
        self.config.write_text(
            render_cluster_config(self.run_dir, http_ports, ws_ports, self.port, media_root)
        )
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "-p", str(self.run_dir), "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited:\n{self.error_log()}")
            return port_open(self.port)

        wait_until(ready, 10, 0.05, "nginx starting")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def error_log(self):
        path = self.run_dir / "nginx-error.log"
        return path.read_text(errors="replace") if path.exists() else ""


class Response:
    def __init__(self, status, headers, text):
        self.status = status
        self.headers = headers
        self.text = text


class Browser:
    """One person's HTTP client: keeps its cookies, connects from ``source`` (a loopback
    address of its own, so that the server sees another client address)."""

    def __init__(self, port, source="127.0.0.1", extra_headers=None):
        self.port = port
        self.source = source
        self.extra_headers = extra_headers or {}
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=15, source_address=(self.source, 0)
        )
        sent = {"Host": f"127.0.0.1:{self.port}", **self.extra_headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            answer = conn.getresponse()
            text = answer.read().decode(errors="replace")
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(answer.status, answer.headers, text)

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def csrf_token(self, path):
        page = self.get(path)
        assert page.status == 200, (page.status, page.text[:500])
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def log_in(self, email, password, headers=None):
        path = "/en/accounts/login/"
        token = self.csrf_token(path)
        return self.request(
            "POST",
            path,
            form={"csrfmiddlewaretoken": token, "login": email, "password": password},
            headers={"Referer": f"http://127.0.0.1:{self.port}{path}", **(headers or {})},
        )


TOO_MANY_LOGINS = "Too many failed login attempts"

# --- nginx's configuration, read as text ----------------------------------------------------

LOCATION = re.compile(r"location\s+(?P<prefix>[^\s{]+)\s*\{(?P<body>[^{}]*)\}")


def without_comments(config):
    return re.sub(r"#[^\n]*", "", config)


# The workers' ports nginx_configs renders run-cluster's configuration for.
CLUSTER_HTTP_PORTS = [8100]
CLUSTER_WS_PORTS = [8101, 8102]


def nginx_configs(tmp_path):
    """Both configurations as nginx reads them: the deployment's (platform/nginx.conf), and
    run-cluster's as it renders it."""
    return {
        "platform/nginx.conf": without_comments((PLATFORM / "nginx.conf").read_text()),
        "rendered nginx-cluster.conf.template": without_comments(
            render_cluster_config(
                tmp_path, CLUSTER_HTTP_PORTS, CLUSTER_WS_PORTS, 8080, media_root=tmp_path / "media"
            )
        ),
    }


def locations(config):
    """{prefix: body} of every (prefix) location block."""
    return {match["prefix"]: match["body"] for match in LOCATION.finditer(config)}


def location_for(config, path):
    """The body of the location nginx chooses for ``path``: the longest matching prefix (the
    configurations have no regular-expression locations)."""
    matching = [prefix for prefix in locations(config) if path.startswith(prefix)]
    return locations(config)[max(matching, key=len)] if matching else None


UPSTREAM = re.compile(r"upstream\s+(?P<name>\S+)\s*\{(?P<body>[^{}]*)\}")
SERVER = re.compile(r"^\s*server\s+(?P<address>\S+);", re.MULTILINE)


def upstreams(config):
    """{upstream name: [server address, ...]}."""
    return {match["name"]: SERVER.findall(match["body"]) for match in UPSTREAM.finditer(config)}


def proxied_servers(config, prefix):
    """The servers the location ``prefix`` proxies to."""
    target = re.search(r"proxy_pass\s+http://(\S+);", locations(config)[prefix])[1]
    return upstreams(config)[target]
