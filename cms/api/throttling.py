"""The per-address limit of the API: ``RATE_LIMITS["api"]`` counted by the project's limiter
(accounts.limits), for the client's real address behind nginx (accounts.limits
.client_address; cms.forwarded sets it from the trusted proxy's X-Forwarded-For)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException, Throttled
from rest_framework.throttling import BaseThrottle

from accounts.limits import LimitUnavailable, RateLimited, client_address, count


class Busy(APIException):
    """The count cannot be kept (the cache is down): refused with 503, to be tried again,
    rather than served uncounted."""

    status_code = 503
    default_detail = _("The service is busy just now. Try again in a moment.")
    default_code = "busy"

    def __init__(self, wait):
        super().__init__()
        self.wait = wait  # DRF's handler turns it into Retry-After


class PerAddressThrottle(BaseThrottle):
    def allow_request(self, request, view):
        try:
            count("api", f"address:{client_address(request)}")
        except LimitUnavailable as limited:
            raise Busy(limited.retry_after) from None
        except RateLimited as limited:
            raise Throttled(wait=limited.retry_after, detail=limited.message) from None
        return True

    def get_ident(self, request):
        return client_address(request)
