"""Real daphne servers in their own processes, serving the test database.

Used by the browser tests (one server) and the multi-worker tests (several). A server is a
plain subprocess started from the command line, exactly as in production: nothing is forked
from the test process, whose threads and database blocker must not leak into it.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from email import message_from_binary_file, policy
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DaphneServer:
    def __init__(self, extra_env=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = Path(tempfile.mkdtemp(prefix="kohtaamo-mail-"))
        # Stays open for the life of the server process, which writes its output there.
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="kohtaamo-daphne-", suffix=".log", delete=False
        )
        self.extra_env = extra_env or {}
        self.process = None

    def start(self, timeout=30):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            # The test database (pytest-django has renamed it by now) and a mail folder.
            "KOHTAAMO_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
            "KOHTAAMO_TEST_MAIL_DIR": str(self.mail_dir),
            **self.extra_env,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "cms.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"daphne exited with {self.process.returncode}:\n{self.output()}"
                )
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"daphne did not answer within {timeout}s:\n{self.output()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def kill(self):
        """Stop at once, as a crashed worker would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def output(self):
        return Path(self.log.name).read_text(errors="replace")

    def sent_mail(self):
        """The e-mail messages the server has sent, oldest first."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            with path.open("rb") as handle:
                messages.append(message_from_binary_file(handle, policy=policy.default))
        return messages
