import json

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


def test_database_down_answers_503(client, monkeypatch):
    def broken_database():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "check_database", broken_database)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert "connection refused" in body["checks"]["database"]["error"]


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
    assert body["checks"]["channel_layer"]["status"] == "error"
