"""Public pages for anonymous visitors, from the cache for a moment (microcaching).

A regional hearing brings hundreds of people to the same few pages (the home page, a round, an
idea, a report) within minutes, most of them not signed in. Those visitors all see the same
page, so it is built once and then served from the default cache (Redis in production, shared
by every worker) for ``PUBLIC_PAGE_CACHE_SECONDS``, one second by default. Nothing is
invalidated: the copy simply expires, so a new comment, a status change or a published page is
visible to everyone within that second, and no code that changes data needs to know about this
cache. 0 turns it off (the test settings do, so that tests see every change at once).

What must never happen is one person's page served to another. So the copy is only for
requests that carry nothing personal, and only of responses that say nothing personal:

- a request is served from, and stored in, the cache only when it is a GET with no cookies at
  all (every cookie the site sets is personal: the session, the CSRF token, messages; a cookie
  added later is personal until shown otherwise), no Authorization header, no htmx header
  (htmx asks for parts of pages), and a path outside ``PUBLIC_PAGE_CACHE_EXCLUDED_PATHS``;
- a response is stored only when it is a complete 200 that sets no cookie, does not ask to be
  private or not stored, varies on nothing but the language, cookies and encoding (all three
  are in the key or ruled out above), did not touch the session, was not built for someone
  signed in, put no CSRF token in a form (a token belongs to one browser) and used no CSP
  nonce (a nonce used twice protects nothing).

When the cache is unreachable, ``cms.cache.ResilientRedisCache`` turns reads into misses and
skips writes: pages are built as if there were no cache.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import patch_vary_headers
from django.utils.csp import CSP

KEY_PREFIX = "public-page:"
# Vary fields a copy may carry: the language is in the key, requests with cookies are never
# served from the cache, and compressed answers are never stored (see is_cacheable_response).
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}
UNCACHEABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}


def without_language_prefix(path):
    """``/en/accounts/login/`` -> ``/accounts/login/``: the excluded paths are written once,
    for every language."""
    first, slash, rest = path[1:].partition("/")
    if slash and first in {code for code, _name in settings.LANGUAGES}:
        return "/" + rest
    return path


def is_cacheable_request(request):
    if request.method != "GET" or request.COOKIES:
        return False
    if "authorization" in request.headers or "hx-request" in request.headers:
        return False
    if not hasattr(request, "LANGUAGE_CODE"):  # listed before LocaleMiddleware by mistake
        return False
    path = without_language_prefix(request.path)
    return not path.startswith(tuple(settings.PUBLIC_PAGE_CACHE_EXCLUDED_PATHS))


def header_values(response, name):
    return [value.strip().lower() for value in response.get(name, "").split(",") if value.strip()]


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    # Compressed for one client's Accept-Encoding; whatever compresses belongs outside this.
    if "content-encoding" in response.headers:
        return False
    if response.cookies or "set-cookie" in response.headers:
        return False
    directives = {value.split("=")[0].strip() for value in header_values(response, "Cache-Control")}
    if directives & UNCACHEABLE_CACHE_CONTROL:
        return False
    if not set(header_values(response, "Vary")) <= HARMLESS_VARY:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # Set by CsrfViewMiddleware when the cookie came with the request (never here) or when
    # the page asked for a token.
    if "CSRF_COOKIE" in request.META or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if get_nonce(request):  # evaluates true once the page has used it
        return False
    policies = response.get(CSP.HEADER_ENFORCE, "") + response.get(CSP.HEADER_REPORT_ONLY, "")
    return "'nonce-" not in policies


def cache_key(request):
    """The page's scheme, host, path and query, and the language it is shown in."""
    page = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{page}\n{request.LANGUAGE_CODE}".encode()).hexdigest()
    return KEY_PREFIX + digest


def stored_copy(response, seconds):
    return {
        # The expiry travels with the copy: Redis counts whole seconds only.
        "expires": time.time() + seconds,
        "status": response.status_code,
        "headers": dict(response.headers),
        "content": response.content,
    }


def response_from(copy):
    response = HttpResponse(copy["content"], status=copy["status"], headers=copy["headers"])
    # Chosen because the request had no cookies: say so, as a page built for it would (the
    # session middleware adds this to those), lest a cache downstream serve it to anyone.
    patch_vary_headers(response, ["Cookie"])
    return response


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache; see the module's notes.

    Listed after LocaleMiddleware (the key needs the page's language) and before the CSRF,
    authentication, messages and CSP middleware, whose cookies and headers it must see on the
    way out. The session middleware comes earlier; its work is seen in ``session.modified``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if seconds <= 0 or not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        copy = cache.get(key)
        if copy is not None and copy["expires"] > time.time():
            return response_from(copy)
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            cache.set(key, stored_copy(response, seconds), timeout=math.ceil(seconds))
        return response
