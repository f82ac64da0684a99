"""Pages of idea rounds. Thin: fetch what the person may see, check the rule, call a service.

htmx requests (support, posting a comment) get the changed part of the page back as a
template partial; every form also works as a plain form with a redirect.
"""

import uuid

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from live.catch_up import catch_up_response
from live.models import ModerationKind
from live.ratelimit import refusal_message
from panels.places.filters import MunicipalityFilterForm, in_municipality

from . import services
from .access import get_comment_for, get_idea_for, get_round_for
from .feedback.timeline import impact_of
from .forms import CommentEditForm, CommentForm, IdeaFilterForm, IdeaForm, ReasonForm
from .models import Comment, Flag, Idea, IdeaRound, PageDiscussion, Phase, RoundAttachment
from .rules import comment_permissions, why_not_comment, why_not_post_idea
from .thread import live
from .thread.drawn import drawn_thread

IDEAS_PER_PAGE = 20
MAX_SEARCH_WORDS = 8


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _login_first(request, next_url):
    return redirect_to_login(next_url)


def forbidden(request, title, explanation, back_url, status=403):
    return render(
        request,
        "ideas/not_allowed.html",
        {"title": title, "explanation": explanation, "back_url": back_url},
        status=status,
    )


# --- Rounds -------------------------------------------------------------------------------


def round_list(request):
    # ?municipality=: that municipality's rounds and its region's whole-region rounds.
    filters = MunicipalityFilterForm(request.GET or None)
    municipality = filters.chosen()
    rounds = IdeaRound.objects.visible_to(request.user).select_related(
        "region", "panel", "municipality"
    )
    if municipality is not None:
        rounds = in_municipality(rounds, municipality)
    rounds = list(rounds.with_counts().open_first())
    sections = [
        (_("Open rounds"), [r for r in rounds if r.openness == 0]),
        (_("Coming up"), [r for r in rounds if r.openness == 1]),
        (_("Closed rounds"), [r for r in rounds if r.openness == 2]),
    ]
    moderates = IdeaRound.objects.managed_by(request.user).exists()
    return render(
        request,
        "ideas/round_list.html",
        {
            "sections": [s for s in sections if s[1]],
            "moderates": moderates,
            "filters": filters,
            "municipality": municipality,
        },
    )


def _filtered_ideas(round_, user, filters):
    ideas = (
        Idea.objects.visible_to(user)
        .public()
        .filter(round=round_)
        .select_related("author")
        .prefetch_related("themes")
        .with_counts()
    )
    if filters.is_valid():
        words = filters.cleaned_data["q"].split()[:MAX_SEARCH_WORDS]
        for word in words:
            ideas = ideas.filter(Q(title__icontains=word) | Q(body__icontains=word))
        if filters.cleaned_data["theme"]:
            ideas = ideas.with_theme(filters.cleaned_data["theme"])
    return ideas.order_by(*filters.ordering())


def round_detail(request, slug):
    round_ = get_round_for(request.user, slug)
    themes = list(round_.themes.order_by("name"))
    filters = IdeaFilterForm(request.GET or None, themes=themes)
    paginator = Paginator(_filtered_ideas(round_, request.user, filters), IDEAS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "ideas/round_detail.html",
        {
            "round": round_,
            "themes": themes,
            "filters": filters,
            "page_obj": page,
            "ideas": page.object_list,
            "why_not_post": why_not_post_idea(request.user, round_),
            "coverage": Idea.objects.filter(round=round_).response_coverage(),
            # Whoever sees the round sees its attachments: one query for all of them.
            "attachments": RoundAttachment.objects.filter(round=round_).select_related("document"),
            "is_filtered": bool(request.GET.get("q") or request.GET.get("theme")),
        },
    )


# --- Ideas --------------------------------------------------------------------------------


def idea_create(request, slug):
    round_ = get_round_for(request.user, slug)
    # Signing in first only helps while ideas are being posted; otherwise explain the phase.
    if not request.user.is_authenticated and round_.phase == Phase.IDEATION:
        return _login_first(request, request.get_full_path())
    form = IdeaForm(request.POST or None, round=round_, initial={"token": uuid.uuid4()})
    why_not = why_not_post_idea(request.user, round_)
    if why_not:
        # Keep what was typed on the page, so nothing written is lost.
        return render(
            request,
            "ideas/idea_form.html",
            {"round": round_, "form": form, "why_not": why_not},
            status=403,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = services.post_idea(
                request.user,
                round_,
                title=data["title"],
                body=data["body"],
                themes=data.get("themes") or [],
                token=data["token"],
                confirm_personal=data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            # Asked, not refused: what was typed stays, with the parts in question marked.
            form.refuse_personal_details(error)
            return render(request, "ideas/idea_form.html", {"round": round_, "form": form})
        except services.RateLimited as limited:
            # What was typed stays in the form.
            form.add_error(None, limited.message)
            return render(
                request,
                "ideas/idea_form.html",
                {"round": round_, "form": form},
                status=limited.status,
            )
        messages.success(request, _("Your idea was posted."))
        return redirect(idea)
    return render(request, "ideas/idea_form.html", {"round": round_, "form": form})


def _comment_context(request, idea, form=None, posted=None):
    user = request.user
    comments = drawn_thread(user, idea)
    # Unsaved stand-ins (id 0) from which the page draws the actions this viewer may take on
    # comments that arrive live: on someone else's comment, and on their own.
    probe_other = Comment(pk=0, idea=idea, author=None)
    probe_own = Comment(pk=0, idea=idea, author=user if user.is_authenticated else None)
    for probe in (probe_other, probe_own):
        probe.may = comment_permissions(user, probe)
    return {
        "idea": idea,
        "round": idea.round,
        "comments": comments,
        # Where the live thread resumes from (ideas.thread.live.resume_point) and when it was drawn.
        "live_last_id": live.resume_point(idea) if comments else 0,
        "live_since": timezone.now().isoformat(),
        "comment_probe_other": probe_other,
        "comment_probe_own": probe_own,
        "comment_form": form or CommentForm(place=idea),
        "why_not_comment": why_not_comment(user, idea),
        "posted": posted,
    }


def idea_detail(request, pk):
    idea = get_idea_for(request.user, pk)
    context = _comment_context(request, idea)
    context["themes"] = list(idea.themes.all())
    context["impact"] = impact_of(idea, request.user)
    return render(request, "ideas/idea_detail.html", context)


def idea_edit(request, pk):
    idea = get_idea_for(request.user, pk)
    if not rules.has_perm("ideas.edit_idea", request.user, idea):
        return forbidden(
            request,
            _("Edit idea"),
            _("Ideas can be edited by their author during ideation only."),
            idea.get_absolute_url(),
        )
    initial = {"title": idea.title, "body": idea.body, "themes": list(idea.themes.all())}
    form = IdeaForm(request.POST or None, round=idea.round, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_idea(
                request.user,
                idea,
                title=data["title"],
                body=data["body"],
                themes=data.get("themes") or [],
                confirm_personal=data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(idea)
    return render(
        request, "ideas/idea_form.html", {"round": idea.round, "form": form, "idea": idea}
    )


def idea_withdraw(request, pk):
    idea = get_idea_for(request.user, pk)
    if not rules.has_perm("ideas.withdraw_idea", request.user, idea):
        return forbidden(
            request,
            _("Withdraw idea"),
            _("An idea can be withdrawn by its author until the evaluation phase begins."),
            idea.get_absolute_url(),
        )
    if request.method == "POST":
        services.withdraw_idea(request.user, idea)
        messages.success(request, _("Your idea was withdrawn. Others no longer see it."))
        return redirect(idea.round)
    return render(request, "ideas/idea_withdraw.html", {"idea": idea})


@require_POST
@vary_on_headers("HX-Request")
def idea_support(request, pk):
    idea = get_idea_for(request.user, pk)
    if not request.user.is_authenticated:
        return _login_first(request, idea.get_absolute_url())
    wanted = {"1": True, "0": False}.get(request.POST.get("supported"))
    support_error = None
    try:
        services.toggle_support(request.user, idea, supported=wanted)
    except services.NotAllowed:
        messages.error(request, _("Ideas can be supported during ideation and development only."))
        return redirect(idea)
    except services.RateLimited as limited:
        support_error = limited.message
        if not is_htmx(request):
            messages.error(request, support_error)
    if is_htmx(request):
        idea = get_idea_for(request.user, pk)
        return render(
            request,
            "ideas/idea_detail.html#support",
            # htmx swaps only 2xx answers; the refusal is said inside the swapped part.
            {"idea": idea, "support_error": support_error},
        )
    return redirect(idea.get_absolute_url() + "#support")


@never_cache
@require_GET
def idea_live(request, pk):
    """The thread's catch-up over HTTP, for reconnecting and polling pages (live.catch_up)."""
    idea = get_idea_for(request.user, pk)  # 404 for what the person may not see
    return catch_up_response(
        request,
        lambda **kwargs: live.catch_up(idea, **kwargs),
        lambda after: live.resume_point(idea, after),
    )


# --- Comments -----------------------------------------------------------------------------


@vary_on_headers("HX-Request")
def comment_create(request, pk):
    idea = get_idea_for(request.user, pk)
    if not request.user.is_authenticated:
        return _login_first(request, idea.get_absolute_url() + "#comments")
    return comment_form_view(
        request,
        idea,
        why_not=why_not_comment(request.user, idea),
        post_url=reverse("ideas:comment_create", args=[idea.pk]),
        render_thread=lambda **drawn: render(
            request, "ideas/idea_detail.html#comments", _comment_context(request, idea, **drawn)
        ),
    )


def comment_form_view(request, place, *, why_not, post_url, render_thread):
    """Posting a comment on ``place`` (an idea or a page's discussion), the same for both: a
    comment posted from the page takes the reader back to it; a reply, or a form with errors,
    is shown on a page of its own with what was typed kept. An htmx request gets the thread
    again (``render_thread(form=..., posted=...)``)."""
    if why_not:
        return forbidden(request, _("Comment"), why_not, place.get_absolute_url())
    form = CommentForm(
        request.POST or None, place=place, initial={"parent": request.GET.get("parent")}
    )
    comment = None
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.post_comment(
                request.user,
                place,
                body=form.cleaned_data["body"],
                parent=form.cleaned_data["parent"],
                confirm_personal=form.cleaned_data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
        except services.RateLimited as limited:
            form.add_error(None, refusal_message(limited))
    if comment is not None:
        if is_htmx(request):
            return render_thread(posted=comment)
        messages.success(request, _("Your comment was posted."))
        return redirect(comment.get_absolute_url())
    if request.method == "POST" and is_htmx(request):
        return render_thread(form=form)
    parent = None
    parent_pk = form.data.get("parent") if form.is_bound else request.GET.get("parent")
    if parent_pk and str(parent_pk).isdigit():
        parent = place.comments.public().select_related("author").filter(pk=parent_pk).first()
    return render(
        request,
        "ideas/comment_form.html",
        {"place": place, "post_url": post_url, "form": form, "parent": parent},
    )


def comment_edit(request, pk):
    comment = get_comment_for(request.user, pk)
    if not rules.has_perm("ideas.edit_comment", request.user, comment):
        return forbidden(
            request,
            _("Edit comment"),
            _("Comments can be edited by their author while the idea is being discussed.")
            if comment.idea_id
            else _("Comments on a page can be edited by their author while they are open."),
            comment.get_absolute_url(),
        )
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(
                request.user,
                comment,
                body=form.cleaned_data["body"],
                confirm_personal=form.cleaned_data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(comment.get_absolute_url())
    return render(
        request,
        "ideas/comment_edit.html",
        {"comment": comment, "place": comment.place, "form": form},
    )


def comment_remove(request, pk):
    comment = get_comment_for(request.user, pk)
    if not rules.has_perm("ideas.remove_comment", request.user, comment):
        raise Http404
    if request.method == "POST":
        services.remove_comment(request.user, comment)
        messages.success(request, _("Your comment was removed."))
        return redirect(comment.get_absolute_url())
    return render(
        request, "ideas/comment_remove.html", {"comment": comment, "place": comment.place}
    )


# --- Flags and moderation -----------------------------------------------------------------


def _target_for(user, kind, pk):
    if kind == "idea":
        return get_idea_for(user, pk)
    if kind == "comment":
        return get_comment_for(user, pk)
    raise Http404


def flag_create(request, kind, pk):
    target = _target_for(request.user, kind, pk)
    if not request.user.is_authenticated:
        return _login_first(request, request.get_full_path())
    if not rules.has_perm(f"ideas.flag_{kind}", request.user, target):
        return forbidden(
            request,
            _("Report"),
            _("You cannot report this: it is your own, or it is no longer shown."),
            target.get_absolute_url(),
        )
    form = ReasonForm(
        request.POST or None,
        help_text=_("Tell the moderators what breaks the rules. They see your display name."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.flag(request.user, target, reason=form.cleaned_data["reason"])
        except services.RateLimited as limited:
            form.add_error(None, limited.message)
            return render(
                request,
                "ideas/flag_form.html",
                {"target": target, "kind": kind, "form": form},
                status=limited.status,
            )
        messages.success(request, _("Thank you. The moderators will look at your report."))
        return redirect(target.get_absolute_url())
    return render(request, "ideas/flag_form.html", {"target": target, "kind": kind, "form": form})


def _shared_despite_warning(rounds, discussions):
    """Ideas and comments in ``rounds`` (and comments in pages' ``discussions``) that their
    authors posted although warned that they look like personal details
    (accounts.oversharing), still shown to others: newest first."""
    ideas = (
        Idea.objects.public()
        .filter(round__in=rounds, shared_despite_warning=True)
        .select_related("author", "round")
        .order_by("-created_at", "-pk")[:50]
    )
    comments = (
        Comment.objects.public()
        .filter(
            Q(idea__round__in=rounds, idea__hidden_at__isnull=True) | Q(discussion__in=discussions),
            shared_despite_warning=True,
        )
        .select_related("author", "idea__round", "discussion")
        .order_by("-created_at", "-pk")[:50]
    )
    return ideas, comments


def moderation_queue(request):
    if not request.user.is_authenticated:
        return _login_first(request, request.get_full_path())
    rounds = IdeaRound.objects.managed_by(request.user)
    # Comments on pages too (PageDiscussion): their region's staff moderate them.
    discussions = PageDiscussion.objects.moderated_by(request.user)
    if not rounds.exists() and not discussions.exists():
        raise Http404
    # ?warned=1: only what was posted despite a personal-information warning.
    warned_only = request.GET.get("warned") == "1"
    flags = (
        Flag.objects.open()
        .for_moderator(request.user)
        .select_related(
            "reporter",
            "idea__author",
            "idea__round",
            "comment__author",
            "comment__idea__round",
            "comment__discussion",
        )
        .order_by("created_at", "pk")
    )
    if warned_only:
        flags = flags.filter(
            Q(idea__shared_despite_warning=True) | Q(comment__shared_despite_warning=True)
        )
    reported = {}
    for item in flags:
        entry = reported.setdefault(
            (bool(item.comment_id), item.comment_id or item.idea_id),
            {"target": item.target, "kind": "comment" if item.comment_id else "idea", "flags": []},
        )
        entry["flags"].append(item)
    hidden_ideas = (
        Idea.objects.filter(round__in=rounds, hidden_at__isnull=False)
        .select_related("author", "round")
        .order_by("-hidden_at")
    )
    hidden_comments = (
        Comment.objects.filter(
            Q(idea__round__in=rounds) | Q(discussion__in=discussions), hidden_at__isnull=False
        )
        .select_related("author", "idea__round", "discussion")
        .order_by("-hidden_at")
    )
    shared_ideas = shared_comments = None
    if warned_only:
        hidden_ideas = hidden_ideas.filter(shared_despite_warning=True)
        hidden_comments = hidden_comments.filter(shared_despite_warning=True)
        shared_ideas, shared_comments = _shared_despite_warning(rounds, discussions)
    return render(
        request,
        "ideas/moderation_queue.html",
        {
            "reported": list(reported.values()),
            "hidden_ideas": hidden_ideas[:50],
            "hidden_comments": hidden_comments[:50],
            "warned_only": warned_only,
            "shared_ideas": shared_ideas,
            "shared_comments": shared_comments,
        },
    )


MODERATION_SERVICES = {
    ModerationKind.HIDE: services.hide,
    ModerationKind.RESTORE: services.restore,
    ModerationKind.DISMISS: services.dismiss_flags,
}

MODERATION_DONE = {
    ModerationKind.HIDE: gettext_lazy("Hidden. The author was told the reason."),
    ModerationKind.RESTORE: gettext_lazy("Restored. The author was told the reason."),
    ModerationKind.DISMISS: gettext_lazy("The reports were dismissed; the content stays visible."),
}


def moderate(request, kind, pk):
    target = _target_for(request.user, kind, pk)
    if not rules.has_perm(f"ideas.moderate_{kind}", request.user, target):
        raise Http404
    hidden = target.hidden_at is not None
    actions = [ModerationKind.RESTORE] if hidden else [ModerationKind.HIDE, ModerationKind.DISMISS]
    form = ReasonForm(
        request.POST or None,
        help_text=_("The author sees this reason when their content is hidden or restored."),
    )
    action = request.POST.get("action")
    if request.method == "POST" and action in actions and form.is_valid():
        MODERATION_SERVICES[action](request.user, target, reason=form.cleaned_data["reason"])
        messages.success(request, str(MODERATION_DONE[action]))
        return redirect("ideas:moderation_queue")
    open_flags = target.flags.open().select_related("reporter")
    history = target.moderation_actions.select_related("moderator")
    return render(
        request,
        "ideas/moderate.html",
        {
            "target": target,
            "kind": kind,
            "form": form,
            "actions": actions,
            "open_flags": open_flags,
            "history": history,
        },
    )
