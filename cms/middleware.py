from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    """Give Wagtail's admin its own, looser Content Security Policy.

    The admin runs a few inline scripts of Wagtail's own; the public site, where participants'
    text is shown, never does and keeps the strict policy. Listed after Django's CSP
    middleware, so it sees the response first and tells that middleware which policy to use.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") and not hasattr(response, "_csp_config"):
            response._csp_config = settings.ADMIN_CSP
        return response
