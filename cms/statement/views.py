from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.limits import LimitUnavailable, RateLimited, count_for

from . import services
from .forms import FeedbackForm
from .models import ANSWER_WITHIN_DAYS, AccessibilityFeedback, AccessibilityStatementPage


def statement(request):
    """The footer's link: the statement in the page's language, else in Finnish."""
    pages = AccessibilityStatementPage.objects.live().public().select_related("locale")
    language = translation.get_language()
    found = (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    if found is None:
        raise Http404(_("The accessibility statement has not been published."))
    return redirect(found.get_url(request))


def page_reported_on(request, statement_path):
    """The page the person came from (``?page=``, else the Referer), if it is one of ours.

    A Referer from another site, or from the statement itself (after sending feedback), says
    nothing about where the problem was, so the field is left for the person to fill in."""
    candidate = request.GET.get("page") or request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    path = urlsplit(candidate).path
    if not path.startswith("/") or path == statement_path:
        return ""
    maximum = AccessibilityFeedback._meta.get_field("page_url").max_length
    return candidate[:maximum]


def serve_statement(page, request, *args, **kwargs):
    form = FeedbackForm(
        request.POST or None,
        initial={"page_url": page_reported_on(request, urlsplit(page.get_url(request)).path)},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            count_for("accessibility_feedback", request)
        except (RateLimited, LimitUnavailable) as refusal:
            form.add_error(None, refusal.message)
            status = refusal.status
        else:
            feedback = form.save(commit=False)
            feedback.language = translation.get_language()
            services.receive(feedback)
            messages.success(
                request,
                _(
                    "Thank you. Your feedback went to the administrators, who answer within "
                    "%(days)d days."
                )
                % {"days": ANSWER_WITHIN_DAYS},
            )
            return redirect(page.get_url(request))
    elif request.method == "POST":
        status = 400
        # The form sits below the whole statement: the reloaded page starts at the first field
        # to correct, which has its error message beside it (aria-describedby).
        first = next((name for name in form.fields if name in form.errors), None)
        if first is not None:
            form.fields[first].widget.attrs["autofocus"] = True
    context = page.get_context(request, *args, **kwargs)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)
