import json
import logging

import pytest
from django.db import OperationalError

from cms import health

pytestmark = pytest.mark.django_db


def test_healthy(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    if settings.REDIS_URL:
        assert body["checks"]["channel_layer"] == {"status": "ok"}
    else:
        assert "channel_layer" not in body["checks"]


SECRET_DETAIL = 'connection to server at "db.internal.example" (10.0.0.7), user "kohtaamo_app"'


def test_database_down_answers_503_naming_only_the_check(client, monkeypatch, caplog):
    def broken_database():
        raise OperationalError(SECRET_DETAIL)

    monkeypatch.setattr(health, "check_database", broken_database)
    with caplog.at_level(logging.WARNING, logger="cms.health"):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body == {
        "status": "error",
        "checks": {**body["checks"], "database": {"status": "error"}},
    }
    # Anyone may ask: the host and user stay out of the answer, and go to the log.
    content = response.content.decode()
    assert "db.internal.example" not in content and "kohtaamo_app" not in content
    assert "OperationalError" not in content
    logged = [record for record in caplog.records if record.name == "cms.health"]
    assert logged and logged[0].exc_info and SECRET_DETAIL in caplog.text


def test_redis_channel_layer_down_answers_503(client, settings):
    from channels.layers import channel_layers

    # Nothing listens on port 1: a real Redis client fails to connect.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    channel_layers.backends.clear()
    try:
        response = client.get("/healthz")
    finally:
        channel_layers.backends.clear()
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["channel_layer"] == {"status": "error"}
    assert "127.0.0.1:1" not in response.content.decode()
