"""Surveys in the Wagtail admin: staff build their own region's surveys, administrators all.

Questions and their choices are edited in place (nested InlinePanels over ParentalKeys).
Once a survey has answers (stored responses, or anonymous answers waiting to be stored), only
edits that keep every answer meaningful, and keep what the respondents were told, are allowed
(``locked_changes``): rewording texts, help and labels, reordering, adding choices and adding
optional questions. Deleting questions or choices, changing a question's kind (and so its
scale), making a question required, adding a required question, changing whether the survey
is anonymous, showing the results or the written answers more widely than before (to a wider
audience, sooner, or to another region's staff) and opening a closed survey again are refused
with a message saying why.

Saving a survey whose closing time has passed stores its waiting anonymous answers.
"""

from django import forms
from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.plain_language import PlainLanguageTextarea
from panels.models import STAFF_ONLY, Panel, Region
from panels.scoped_admin import ScopedDeleteView, ScopedEditView, ScopedIndexView, ScopedViewSet

from . import services
from .models import CHOICE_KINDS, QuestionKind, ResultsVisibility, Survey


class SurveyPolicy(BasePermissionPolicy):
    """Staff of a region act on its surveys (``Survey.objects.managed_by``); administrators
    on all."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or Region.objects.served_by(user, STAFF_ONLY).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return Region.objects.people_serving(STAFF_ONLY)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Survey.objects.none()
        return Survey.objects.managed_by(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and Survey.objects.managed_by(user).filter(pk=instance.pk).exists()
        )


register_permission_policy(Survey, SurveyPolicy(Survey))


# --- Safe edits ---------------------------------------------------------------------------


def _deleted(formset, form):
    return formset.can_delete and formset._should_delete_form(form)


AUDIENCE_ROLES = ("audience_staff", "audience_decision_makers", "audience_experts")

# Who sees a survey's results, from the fewest people to the most, soonest.
RESULTS_REACH = [
    ResultsVisibility.STAFF_ONLY,
    ResultsVisibility.AFTER_CLOSING,
    ResultsVisibility.IMMEDIATELY,
]


def _shows_more(form):
    """Whether the edit shows the results or the written answers to more people (or sooner)
    than the respondents were told when they answered. Showing less is always allowed."""
    problems = []
    before = form.initial.get("results_visibility")
    after = form.cleaned_data.get("results_visibility")
    if (
        before in RESULTS_REACH
        and after in RESULTS_REACH
        and RESULTS_REACH.index(after) > RESULTS_REACH.index(before)
    ):
        problems.append(
            _(
                "The survey has answers, so its results cannot be shown more widely than "
                "the respondents were told: you can only restrict who sees them."
            )
        )
    if not form.initial.get("publish_free_text") and form.cleaned_data.get("publish_free_text"):
        problems.append(
            _(
                "The survey has answers given on the understanding that the written answers "
                "are seen by staff only, so they cannot be published: they would be shown "
                "more widely than the respondents were told."
            )
        )
    return problems


def _shown_to_participants(form):
    return form.cleaned_data.get("results_visibility") in (
        ResultsVisibility.AFTER_CLOSING,
        ResultsVisibility.IMMEDIATELY,
    )


def _reaches_more(form):
    """Whether the edit shows the answers to people they were not shown to before: another
    region's officials, or (while participants see the results) a wider audience. An audience
    grows when a panel is added, or when every panel is removed: the survey is then public."""
    problems = []
    before_region = form.initial.get("region")  # the stored region's id
    after_region = form.cleaned_data.get("region")
    if before_region and after_region and after_region.pk != before_region:
        problems.append(
            _(
                "The survey has answers, so it cannot move to another region: that region's "
                "staff would see answers given to this one."
            )
        )
    before = {getattr(panel, "pk", panel) for panel in form.initial.get("panels") or []}
    after = {panel.pk for panel in form.cleaned_data.get("panels") or []}
    roles_before = {name for name in AUDIENCE_ROLES if form.initial.get(name)}
    roles_after = {name for name in AUDIENCE_ROLES if form.cleaned_data.get(name)}
    # Public (no panels, no roles) is the widest audience of all.
    was_public = not before and not roles_before
    is_public = not after and not roles_after
    grows = not was_public and (
        is_public or bool(after - before) or bool(roles_after - roles_before)
    )
    if grows and _shown_to_participants(form):
        problems.append(
            _(
                "The survey has answers and its results are shown to its audience, so its "
                "audience cannot grow: the answers would be shown to more people than the "
                "respondents were told. You can remove some of its panels, or show the "
                "results to staff only."
            )
        )
    return problems


def _reopens(form, now=None):
    """Whether the edit opens a closed survey again. Its results have been out in full; the
    answers of a second round would change them by a handful at its closing, and a handful
    can be told apart."""
    now = now or timezone.now()
    before = form.initial.get("closes_at")
    after = form.cleaned_data.get("closes_at")
    if before is None or before > now:
        return []
    if after is not None and after <= now:
        return []
    return [
        _(
            "A closed survey that has answers cannot be opened again: its final results are "
            "out. Make a new survey instead."
        )
    ]


def locked_changes(form):
    """What in a valid SurveyAdminForm would break the answers already given, or what the
    respondents were told when they gave them: a list of messages, empty when the edit is
    safe."""
    problems = []
    if "is_anonymous" in form.changed_data:
        problems.append(_("Whether the survey is anonymous cannot change once it has answers."))
    problems += _shows_more(form)
    problems += _reaches_more(form)
    problems += _reopens(form)
    questions = form.formsets["questions"]
    for child in questions.forms:
        question = child.instance
        text = child.cleaned_data.get("text") or question.text
        if question.pk is None:
            if child.cleaned_data.get("required") and not _deleted(questions, child):
                problems.append(
                    _("A question added now must be optional: “%(question)s”.") % {"question": text}
                )
            continue
        if _deleted(questions, child):
            problems.append(
                _("The question “%(question)s” has answers and cannot be deleted.")
                % {"question": question.text}
            )
            continue
        if "kind" in child.changed_data:
            problems.append(
                _("The kind of the question “%(question)s” cannot change: it has answers.")
                % {"question": text}
            )
        if "required" in child.changed_data and child.cleaned_data.get("required"):
            problems.append(
                _("The question “%(question)s” cannot be made required: it has answers.")
                % {"question": text}
            )
        choices = child.formsets["choices"]
        for choice_form in choices.forms:
            if choice_form.instance.pk is not None and _deleted(choices, choice_form):
                problems.append(
                    _(
                        "The choice “%(choice)s” of “%(question)s” cannot be deleted: it may "
                        "have answers. Reword it instead."
                    )
                    % {"choice": choice_form.instance.label, "question": text}
                )
    return problems


def _question_problems(form):
    """Choice questions need choices to choose from, and a life wheel its domains."""
    problems = []
    questions = form.formsets["questions"]
    for child in questions.forms:
        if _deleted(questions, child) or not child.cleaned_data:
            continue
        kind = child.cleaned_data.get("kind")
        choices = child.formsets["choices"]
        kept = [
            c for c in choices.forms if c.cleaned_data.get("label") and not _deleted(choices, c)
        ]
        text = child.cleaned_data.get("text", "")
        if kind in CHOICE_KINDS and len(kept) < 2:
            problems.append(
                _("Give the question “%(question)s” at least two choices.") % {"question": text}
            )
        if kind == QuestionKind.LIFE_WHEEL and len(kept) < 3:
            problems.append(
                _("Give the life wheel “%(question)s” at least three life domains.")
                % {"question": text}
            )
    return problems


class SurveyAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            self.fields["region"].queryset = Region.objects.served_by(user, STAFF_ONLY)
            self.fields["panels"].queryset = Panel.objects.managed_by(user)

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        panels = cleaned.get("panels")
        if region and panels and any(panel.region_id != region.pk for panel in panels):
            self.add_error("panels", _("Choose panels of the survey's own region."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        problems = _question_problems(self)
        if self.instance.has_responses():
            problems += locked_changes(self)
        for problem in problems:
            self.add_error(None, problem)
        return not problems


class LockedNotice(HelpPanel):
    """Says, once a survey has answers, which edits are still possible."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # Built for each request, in the language of the person reading it.
            self.content = format_html("<p>{}</p>", LOCKED_TEXT)

        def is_shown(self):
            return self.instance is not None and self.instance.has_responses()


class InterviewLink(HelpPanel):
    """A link to run the saved survey as an interview (staff of its region, while open)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            pk = getattr(self.instance, "pk", None)
            url = reverse("surveys:interview", args=[pk]) if pk else ""
            self.content = format_html(
                '<p>{} <a href="{}">{}</a></p>',
                _(
                    "Staff of the region and experts by experience can fill the survey in for "
                    "the people they talk to, on a tablet or a phone, also offline."
                ),
                url,
                _("Run as an interview"),
            )

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None


LOCKED_TEXT = _(
    "This survey already has answers. To keep them meaningful you can still reword texts, "
    "help and labels, reorder questions, add choices and add optional questions, change the "
    "times and publishing, and remove panels from the audience. Questions and choices cannot "
    "be deleted, a question's kind cannot change, and no question can become required. The "
    "results and the written answers cannot be shown more widely than the respondents were "
    "told (to a wider audience, sooner, or to another region), a closed survey cannot be "
    "opened again, and the survey cannot be deleted: close it instead."
)

survey_edit_handler = ObjectList(
    [
        LockedNotice(heading=_("This survey has answers")),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("introduction"),
                FieldPanel("plain_summary", widget=PlainLanguageTextarea),
                FieldPanel("region"),
                FieldPanel("panels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience_staff"),
                FieldPanel("audience_decision_makers"),
                FieldPanel("audience_experts"),
                InterviewLink(heading=_("Interviews")),
            ],
            heading=_("Survey and audience"),
            help_text=_(
                "The audience: the members of the chosen panels and the people of the chosen "
                "roles. With no panels and no roles the survey is for everyone."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_published"),
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("is_anonymous"),
                FieldPanel("results_visibility"),
                FieldPanel("publish_free_text"),
            ],
            heading=_("Publishing, anonymity and results"),
        ),
        # No label: Wagtail then uses the model's lower-case verbose name, so the buttons
        # read "Add question" ("Lisää kysymys"), and capitalises it in the headings itself.
        InlinePanel(
            "questions",
            heading=_("Questions"),
            panels=[
                FieldPanel("kind"),
                FieldPanel("text"),
                FieldPanel("help_text"),
                FieldPanel("required"),
                FieldPanel("allow_other"),
                FieldPanel("low_label"),
                FieldPanel("high_label"),
                InlinePanel(
                    "choices",
                    heading=_("Choices, or the life domains of a life wheel"),
                    panels=[FieldPanel("label")],
                ),
            ],
        ),
    ],
    base_form_class=SurveyAdminForm,
)


class AnnouncingMixin:
    """Saving an open, published survey tells its panels' members, once; saving a closed one
    (staff close a survey by setting its closing time) stores its waiting anonymous answers."""

    def save_instance(self):
        instance = super().save_instance()
        services.announce_survey(instance, by=self.request.user)
        services.release_closed(instance)
        return instance


class SurveyCreateView(AnnouncingMixin, generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class SurveyEditView(AnnouncingMixin, ScopedEditView):
    @cached_property
    def can_delete(self):
        return super().can_delete and not self.object.has_responses()


class SurveyDeleteView(ScopedDeleteView):
    """A survey with answers is not deleted: the answers are people's contributions (and
    protect their questions). Staff close the survey instead."""

    def _refuse(self):
        messages.error(
            self.request,
            _(
                "The survey cannot be deleted because it has answers: they are people's "
                "contributions. Close the survey instead by setting its closing time."
            ),
        )
        return redirect(self.edit_url_name, self.object.pk)

    def get(self, request, *args, **kwargs):
        if self.object.has_responses():
            return self._refuse()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        if self.object.has_responses():
            return self._refuse()
        try:
            return super().form_valid(form)
        except ProtectedError:  # answered since the check
            return self._refuse()


class SurveyIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class SurveyViewSet(ScopedViewSet):
    model = Survey
    name = "survey_admin"
    icon = "list-ul"
    menu_label = _("Surveys")
    index_view_class = SurveyIndexView
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    delete_view_class = SurveyDeleteView
    edit_handler = survey_edit_handler
    list_display = ["title", "region", "is_published", "opens_at", "closes_at", "is_anonymous"]
    list_filter = ["region", "is_published", "is_anonymous"]
    search_fields = ["title", "introduction"]
