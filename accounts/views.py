from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ProfileForm
from .models import Notification

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
        if notice.url and url_has_allowed_host_and_scheme(
            notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(notice.url)
    else:
        unread.update(read_at=timezone.now())
    return redirect("notifications")
