"""Following and unfollowing (POST only, from the one button) and "my follows".

What a person may not see does not exist for them: following it answers 404, as its page
does. Unfollowing asks nothing about the thing (it may be gone, or no longer visible to the
person): removing one's own follow reveals nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .registry import followable_by_key


def _next(request):
    """Back to the page the button was on, if it is ours; else "my follows"."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("my_follows")


@require_POST
def follow(request, key, pk):
    if not request.user.is_authenticated:
        # Back to the page after logging in; this address only answers POST.
        return redirect_to_login(_next(request))
    obj = services.followable_or_none(key, pk, request.user)
    if obj is None:
        raise Http404
    services.follow(request.user, obj)
    messages.success(request, _("You follow this now. What happens to it comes to your notices."))
    return redirect(_next(request))


@require_POST
def unfollow(request, key, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(_next(request))
    removed = services.unfollow_by_key(request.user, key, pk)
    if not removed and followable_by_key(key) is None:
        raise Http404
    messages.success(request, _("You no longer follow this."))
    return redirect(_next(request))


@login_required
def my_follows(request):
    return render(
        request, "accounts/my_follows.html", {"groups": services.follows_of(request.user)}
    )
