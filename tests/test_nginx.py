"""Through a real nginx, in run-cluster's shape: its rendered configuration in front of a
gunicorn with two sync workers (pages) and a daphne worker (websockets), started with the
documented commands, sharing a Redis of the test's own.

Skipped where nginx or redis-server is not installed (CI has neither nginx guaranteed nor
the need: tests/platform/test_forwarded_for.py checks the same without nginx).
"""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from websockets.sync.client import connect

from tests.factories import PASSWORD, UserFactory
from tests.ideas.factories import IdeaFactory
from tests.platform.cluster import (
    TOO_MANY_LOGINS,
    Browser,
    Nginx,
    RedisServer,
    Worker,
)

pytestmark = pytest.mark.skipif(
    not (Nginx.binary and RedisServer.binary),
    reason="needs the nginx and redis-server programs (apt-get install nginx redis-server)",
)


@pytest.fixture
def media_root():
    # Not under pytest's tmp_path, which only its owner may enter: nginx's own workers may run
    # as "nobody" when the tests run as root.
    top = Path(tempfile.mkdtemp(prefix="kohtaamo-media-"))
    media = top / "media"
    for folder in ["images", "documents", "original_images"]:
        (media / folder).mkdir(parents=True)
    (media / "images" / "kuva.max-800x600.png").write_bytes(b"\x89PNG rendition")
    (media / "documents" / "salainen.pdf").write_bytes(b"%PDF private minutes")
    (media / "original_images" / "kuva.png").write_bytes(b"\x89PNG original")
    for path in [top, *top.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield media
    shutil.rmtree(top, ignore_errors=True)


@pytest.fixture
def cluster(transactional_db, media_root):
    redis = RedisServer().start()
    env = {"REDIS_URL": redis.url, "MEDIA_ROOT": str(media_root)}
    workers = []
    nginx = None
    try:
        http = Worker(env, http=True, processes=2).launch()
        workers.append(http)
        websockets = Worker(env).launch()
        workers.append(websockets)
        for worker in workers:
            worker.wait_ready()
        nginx = Nginx([http.port], [websockets.port], media_root).start()
        yield nginx
    finally:
        if nginx:
            nginx.stop()
        for worker in workers:
            worker.stop()
        redis.stop()


@pytest.mark.django_db(transaction=True)
def test_through_nginx_each_real_client_is_limited_on_its_own(cluster):
    attacker = Browser(cluster.port, source="127.0.0.1")
    answers = [
        attacker.log_in(
            f"guess{n}@example.org",
            "not-the-password",
            headers={"X-Forwarded-For": f"198.51.100.{n}", "X-Real-IP": f"198.51.100.{n}"},
        )
        for n in range(11)
    ]
    assert [answer.status for answer in answers] == [200] * 11
    assert not any(TOO_MANY_LOGINS in answer.text for answer in answers[:10])
    # Spread over gunicorn's two processes, counted together in Redis, under the real address.
    assert TOO_MANY_LOGINS in answers[10].text

    # Someone else, from another address, is not locked out with the attacker.
    person = UserFactory()
    neighbour = Browser(cluster.port, source="127.0.0.2")
    failed = neighbour.log_in(person.email, "not-the-password")
    assert failed.status == 200 and TOO_MANY_LOGINS not in failed.text
    signed_in = neighbour.log_in(person.email, PASSWORD)
    assert signed_in.status == 302, signed_in.text[:500]


@pytest.mark.django_db(transaction=True)
def test_through_nginx_pages_reach_gunicorn_and_websockets_reach_daphne(cluster):
    """Only gunicorn is behind "/", only daphne behind "/ws/": a page that answers came from
    gunicorn, and a websocket that opens (a sync worker cannot hold one) from daphne."""
    idea = IdeaFactory(title="Selkokieliset kirjeet")
    page = Browser(cluster.port).get(idea.get_absolute_url())
    assert page.status == 200 and "Selkokieliset kirjeet" in page.text

    origin = f"http://127.0.0.1:{cluster.port}"
    url = f"ws://127.0.0.1:{cluster.port}/ws/ideas/{idea.pk}/"
    with connect(url, origin=origin, open_timeout=15, proxy=None) as socket:
        hello = json.loads(socket.recv(timeout=15))
    assert hello["type"] == "hello"


def test_nginx_serves_image_renditions_but_never_documents_from_media(media_root):
    nginx = Nginx([1], [1], media_root).start()  # no worker: whatever is proxied fails
    try:
        browser = Browser(nginx.port)
        rendition = browser.get("/media/images/kuva.max-800x600.png")
        assert rendition.status == 200 and "rendition" in rendition.text
        for path in ["/media/documents/salainen.pdf", "/media/original_images/kuva.png"]:
            answer = browser.get(path)
            assert answer.status == 404, path
            assert "private minutes" not in answer.text and "original" not in answer.text
    finally:
        nginx.stop()
