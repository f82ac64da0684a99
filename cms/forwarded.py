"""The client's address behind nginx, for the HTTP workers (gunicorn, through cms.wsgi).

gunicorn sets REMOTE_ADDR to the address the connection came from, which behind nginx is
nginx's own: every request would seem to come from 127.0.0.1, and the per-address limits
(allauth's log-in limits, ``accounts.limits``) would lock everyone out at once. The websocket
workers (daphne with ``--proxy-headers``) take the address from the X-Forwarded-For that nginx
sets; this does the same for WSGI, before Django or allauth read REMOTE_ADDR, but only for a
connection from a trusted proxy.

Trusted are the addresses in FORWARDED_ALLOW_IPS, the environment variable gunicorn itself
reads for ``--forwarded-allow-ips`` (which X-Forwarded-Proto it believes), with gunicorn's
default, 127.0.0.1 and ::1: one setting says whom both trust. From anyone else the header is
the client's own word and is ignored.

nginx sets X-Forwarded-For to the address the connection came from, replacing what the client
sent (platform/nginx.conf), so it holds one address. Should a proxy ever append instead, the
right-most entry is the one the trusted proxy saw itself; the entries left of it came from the
client.
"""

import ipaddress
import os

DEFAULT_TRUSTED = "127.0.0.1,::1"  # gunicorn's default for --forwarded-allow-ips


def trusted_networks(value):
    """The networks named in a FORWARDED_ALLOW_IPS value; None when it is "*" (everyone)."""
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    if "*" in entries:
        return None
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def parse_address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class ForwardedForFromTrustedProxy:
    """WSGI middleware: REMOTE_ADDR from X-Forwarded-For when the connection is a trusted
    proxy's; the connection's own address otherwise, or when the header holds no address."""

    def __init__(self, application, trusted=None):
        self.application = application
        if trusted is None:
            trusted = os.environ.get("FORWARDED_ALLOW_IPS", DEFAULT_TRUSTED)
        self.trusted = trusted_networks(trusted)

    def is_trusted(self, address):
        if self.trusted is None:
            return True
        peer = parse_address(address)
        return peer is not None and any(peer in network for network in self.trusted)

    def __call__(self, environ, start_response):
        forwarded = environ.get("HTTP_X_FORWARDED_FOR")
        if forwarded and self.is_trusted(environ.get("REMOTE_ADDR", "")):
            client = parse_address(forwarded.rsplit(",", 1)[-1])
            if client is not None:
                environ["REMOTE_ADDR"] = str(client)
        return self.application(environ, start_response)
