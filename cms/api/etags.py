"""ETags and 304 Not Modified for the API's answers, and for nothing else on the site.

Django's ConditionalGetMiddleware, scoped to /api/: it tags a complete answer with a hash of
its body and answers a matching If-None-Match with 304. The view still runs (and the request
is counted against the rate limit); what is saved is the transfer, and the reader's work."""

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

API_PREFIX = "/api/"


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            # Public data, the same for everyone: any cache may keep it, asking again each
            # time whether it changed (the ETag answers that cheaply).
            patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ["Accept-Language"])
        return super().process_response(request, response)
