"""Whose address the log-in limits count: nginx sets X-Forwarded-For to the address the
connection came from, and both kinds of worker read it (daphne started everywhere the same way
with --proxy-headers, gunicorn through cms.wsgi, from nginx only), so that each real client is
counted on its own and no client can choose the address it is counted under. And which worker
nginx sends what to: /ws/ to daphne, everything else to gunicorn.

These run without nginx: the configuration is read as text, and the request nginx would send
is built from its proxy_set_header lines (see ``forwarded_by``). tests/test_nginx.py repeats
the log-in check through a real nginx where one is installed.
"""

import re

import pytest

from cms.forwarded import ForwardedForFromTrustedProxy
from tests.factories import UserFactory

from .cluster import (
    CLUSTER_HTTP_PORTS,
    CLUSTER_WS_PORTS,
    PLATFORM,
    ROOT,
    TOO_MANY_LOGINS,
    Browser,
    Worker,
    documented_http_worker_options,
    documented_worker_flags,
    http_worker_options,
    locations,
    nginx_configs,
    option_names,
    proxied_servers,
    worker_flags,
)

PROXY_SET_HEADER = re.compile(r"proxy_set_header\s+(?P<name>\S+)\s+(?P<value>\"[^\"]*\"|\S+);")


def proxied_locations(config):
    return {prefix: body for prefix, body in locations(config).items() if "proxy_pass" in body}


def cluster_location(tmp_path, prefix):
    """A proxied location of run-cluster's configuration, as it renders it."""
    rendered = nginx_configs(tmp_path)["rendered nginx-cluster.conf.template"]
    return proxied_locations(rendered)[prefix]


def proxy_headers(location_body):
    return [
        (match["name"], match["value"].strip('"'))
        for match in PROXY_SET_HEADER.finditer(location_body)
    ]


def forwarded_by(location_body, client_headers, remote_addr, scheme="http"):
    """The headers nginx sends upstream for a request with ``client_headers`` from
    ``remote_addr``: the client's own headers, except those the location sets, which are
    replaced by the set values (and left out when a value is empty), as nginx does."""
    client = {name.lower(): value for name, value in client_headers.items()}
    variables = {
        "remote_addr": remote_addr,
        "proxy_add_x_forwarded_for": ", ".join(
            part for part in [client.get("x-forwarded-for"), remote_addr] if part
        ),
        "http_host": client.get("host", ""),
        "host": client.get("host", "").split(":")[0],
        "scheme": scheme,
        "http_upgrade": client.get("upgrade", ""),
        "connection_upgrade": "upgrade" if client.get("upgrade") else "close",
    }
    rules = proxy_headers(location_body)
    replaced = {name.lower() for name, _value in rules}
    upstream = {
        name: value for name, value in client_headers.items() if name.lower() not in replaced
    }
    for name, value in rules:
        expanded = re.sub(r"\$(\w+)", lambda match: variables[match[1]], value)
        if expanded:
            upstream[name] = expanded
    return upstream


def test_nginx_sets_the_forwarded_address_rather_than_appending_to_it(tmp_path):
    for name, config in nginx_configs(tmp_path).items():
        assert "$proxy_add_x_forwarded_for" not in config, name
        proxied = proxied_locations(config)
        assert {"/", "/ws/"} <= set(proxied), name
        for prefix, body in proxied.items():
            headers = dict(proxy_headers(body))
            assert headers.get("X-Forwarded-For") == "$remote_addr", (name, prefix)
            assert headers.get("X-Real-IP") == "$remote_addr", (name, prefix)
            assert headers.get("X-Forwarded-Proto") == "$scheme", (name, prefix)


def test_a_spoofed_forwarded_for_reaches_the_worker_as_the_real_address_only(tmp_path):
    client = {"Host": "kohtaamo.example.fi", "X-Forwarded-For": "198.51.100.7"}
    upstream = forwarded_by(cluster_location(tmp_path, "/"), client, "203.0.113.10")
    assert upstream["X-Forwarded-For"] == "203.0.113.10"
    assert "198.51.100.7" not in " ".join(upstream.values())


def test_one_worker_command_everywhere():
    """The commands platform/README.md documents are the ones run-cluster runs and the ones in
    the top-level README; both kinds of worker read the client's address from nginx's header
    (gunicorn through cms.wsgi, which the command names)."""
    documented = documented_worker_flags()
    assert "--proxy-headers" in documented
    for name in ["platform/run-cluster", "README.md"]:
        found = worker_flags((ROOT / name).read_text())
        assert found, f"{name} has no worker command"
        assert all(flags == documented for flags in found), (name, found, documented)

    documented_http = option_names(documented_http_worker_options())
    assert "--workers" in documented_http
    found = http_worker_options((PLATFORM / "run-cluster").read_text())
    assert found, "run-cluster starts no HTTP workers"
    for name in ["platform/run-cluster", "README.md"]:
        found = http_worker_options((ROOT / name).read_text())
        assert all(option_names(options) == documented_http for options in found), (name, found)


def test_pages_go_to_gunicorn_and_websockets_to_daphne(tmp_path):
    configs = nginx_configs(tmp_path)
    rendered = configs["rendered nginx-cluster.conf.template"]
    assert proxied_servers(rendered, "/") == [f"127.0.0.1:{port}" for port in CLUSTER_HTTP_PORTS]
    assert proxied_servers(rendered, "/ws/") == [f"127.0.0.1:{port}" for port in CLUSTER_WS_PORTS]

    # The deployment's example proxies to the ports the documented commands listen on.
    readme = (PLATFORM / "README.md").read_text()
    http_port = re.search(r"gunicorn -b (127\.0\.0\.1:\d+)", readme)[1]
    daphne_port = re.search(r"daphne -b 127\.0\.0\.1 -p (\d+)", readme)[1]
    deployment = configs["platform/nginx.conf"]
    assert proxied_servers(deployment, "/") == [http_port]
    assert f"127.0.0.1:{daphne_port}" in proxied_servers(deployment, "/ws/")
    assert http_port not in proxied_servers(deployment, "/ws/")


# --- cms.forwarded: the HTTP workers' side ------------------------------------------------


def remote_addr_seen(peer, forwarded=None, trusted="127.0.0.1,::1"):
    """REMOTE_ADDR as the Django application behind cms.wsgi sees it."""
    seen = {}

    def application(environ, start_response):
        seen["address"] = environ["REMOTE_ADDR"]
        return []

    environ = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    ForwardedForFromTrustedProxy(application, trusted)(environ, lambda *args: None)
    return seen["address"]


def test_the_forwarded_address_is_believed_from_nginx_only():
    assert remote_addr_seen("127.0.0.1", "203.0.113.10") == "203.0.113.10"
    assert remote_addr_seen("::1", "2001:db8::7") == "2001:db8::7"
    # Straight from a client: its header is its own word.
    assert remote_addr_seen("198.51.100.7", "203.0.113.10") == "198.51.100.7"
    assert remote_addr_seen("127.0.0.1") == "127.0.0.1"


def test_the_forwarded_address_is_the_one_the_proxy_saw():
    # Appended to, not set: the entries left of the proxy's own came from the client.
    assert remote_addr_seen("127.0.0.1", "198.51.100.7, 203.0.113.10") == "203.0.113.10"
    # Not an address: the connection's own stays.
    assert remote_addr_seen("127.0.0.1", "evil<script>") == "127.0.0.1"


def test_trusted_proxies_are_configurable():
    assert remote_addr_seen("10.0.0.5", "203.0.113.10", trusted="10.0.0.0/24") == "203.0.113.10"
    assert remote_addr_seen("10.0.1.5", "203.0.113.10", trusted="10.0.0.0/24") == "10.0.1.5"
    assert remote_addr_seen("10.0.1.5", "203.0.113.10", trusted="*") == "203.0.113.10"


def test_the_wsgi_application_reads_the_forwarded_address():
    from cms import wsgi

    assert isinstance(wsgi.application, ForwardedForFromTrustedProxy)


@pytest.fixture(params=["http", "websocket"])
def worker(request, transactional_db):
    """A worker of each kind, started with the documented command: log-ins go to gunicorn,
    and daphne must read the address the same way for what the websockets count."""
    worker = Worker(http=request.param == "http").launch().wait_ready()
    yield worker
    worker.stop()


@pytest.mark.django_db(transaction=True)
def test_rotating_a_spoofed_header_does_not_escape_the_login_limit(worker, tmp_path):
    """Ten failed log-ins a minute from one address (allauth's limit), then no more, whatever
    X-Forwarded-For the client makes up; another client is not locked out with it. The
    requests are those nginx would send with the cluster's configuration, sent to a worker
    started with the documented command."""
    location = cluster_location(tmp_path, "/")
    host = f"127.0.0.1:{worker.port}"

    def through_nginx(remote_addr, spoofed=None):
        client = {"Host": host, **({"X-Forwarded-For": spoofed} if spoofed else {})}
        return forwarded_by(location, client, remote_addr)

    attacker = Browser(worker.port)
    answers = [
        attacker.log_in(
            f"guess{n}@example.org",
            "not-the-password",
            headers=through_nginx("203.0.113.10", spoofed=f"198.51.100.{n}"),
        )
        for n in range(11)
    ]
    assert all(answer.status == 200 for answer in answers), [a.status for a in answers]
    assert not any(TOO_MANY_LOGINS in answer.text for answer in answers[:10])
    assert TOO_MANY_LOGINS in answers[10].text, "the eleventh attempt from one address"

    person = UserFactory()
    neighbour = Browser(worker.port)
    answer = neighbour.log_in(
        person.email, "not-the-password", headers=through_nginx("203.0.113.20")
    )
    assert answer.status == 200 and TOO_MANY_LOGINS not in answer.text
