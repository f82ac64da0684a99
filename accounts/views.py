from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .emails import DIGEST, UNSUBSCRIBE_MAX_AGE, LinkNoLongerValid, read_unsubscribe_token
from .forms import NotificationPreferencesForm, ProfileForm
from .models import Delivery, Notification, NotificationPreference
from .notifications import kind_label, push_unread_count

NOTIFICATIONS_PER_PAGE = 30


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def notifications(request):
    page = Paginator(
        Notification.objects.filter(recipient=request.user), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "accounts/notifications.html", {"page_obj": page})


@login_required
@require_POST
def mark_notifications_read(request):
    """Mark one notice (``id``) or all of them read; opening a notice's link marks it too."""
    unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    notice_id = request.POST.get("id")
    if notice_id:
        notice = get_object_or_404(Notification, pk=notice_id, recipient=request.user)
        unread.filter(pk=notice.pk).update(read_at=timezone.now())
        push_unread_count(request.user)
        if notice.url and url_has_allowed_host_and_scheme(
            notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(notice.url)
    else:
        unread.update(read_at=timezone.now())
        push_unread_count(request.user)
    return redirect("notifications")


@login_required
def notification_preferences(request):
    form = NotificationPreferencesForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices were saved."))
        return redirect("notification_preferences")
    return render(
        request,
        "accounts/notification_preferences.html",
        {"form": form, "link_days": UNSUBSCRIBE_MAX_AGE.days},
    )


@login_required
@require_POST
def revoke_email_links(request):
    """The links in e-mails already sent stop working, e.g. after forwarding one by mistake."""
    request.user.revoke_email_links()
    messages.success(
        request,
        _("The links in the e-mails you have received no longer work. New e-mails have new ones."),
    )
    return redirect("notification_preferences")


@csrf_exempt  # RFC 8058 one-click unsubscribe comes from the mail client, with no session.
def unsubscribe(request, token):
    """Stop one kind of e-mail (or the digest) without logging in.

    A GET only asks for confirmation, because mail scanners follow links; the POST (the form
    here, or a mail client's one-click request) makes the change. A link that no longer works
    sends the person to log in, and says nothing about whose it was.
    """
    try:
        person, kind = read_unsubscribe_token(token)
    except LinkNoLongerValid:
        return _unusable_link(request, "expired", status=410)
    except signing.BadSignature:
        return _unusable_link(request, "invalid", status=400)
    label = _("the daily digest") if kind == DIGEST else kind_label(kind)
    done = False
    if request.method == "POST":
        if kind == DIGEST:
            NotificationPreference.objects.filter(person=person, delivery=Delivery.DIGEST).update(
                delivery=Delivery.IN_APP
            )
        else:
            NotificationPreference.objects.update_or_create(
                person=person, kind=kind, defaults={"delivery": Delivery.IN_APP}
            )
        done = True
    return render(request, "accounts/unsubscribe.html", {"label": label, "done": done})


def _unusable_link(request, problem, status):
    return render(
        request,
        "accounts/unsubscribe.html",
        {
            "problem": problem,
            "link_days": UNSUBSCRIBE_MAX_AGE.days,
            "login_url": reverse("account_login")
            + "?"
            + urlencode({"next": reverse("notification_preferences")}),
        },
        status=status,
    )
