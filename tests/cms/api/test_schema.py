"""The OpenAPI schema validates, and property-based tests generated from it (schemathesis)
find no server error and no answer that breaks the schema, with data in the database."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

SCHEMA = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
SCHEMA.app = get_wsgi_application()


def test_schema_validates(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    assert "/api/v1/ideas/" in (tmp_path / "s.yaml").read_text()


@pytest.fixture
def in_test_transaction(world, settings):
    """The requests run in this thread, inside the test's transaction: as Django's test client
    does, keep the request signals from closing the connection."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (10**6, 60)}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@SCHEMA.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, in_test_transaction):
    case.call_and_validate(checks=CHECKS)
