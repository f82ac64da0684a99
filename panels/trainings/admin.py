"""Innoagent trainings in the Wagtail admin, under "Panels": staff record their own region's
trainings (name, level, date, trainers, description), administrators every region's.
Attendees and their completion are kept on the training's attendance page on the site
(panels:training), linked from each row here, where completion grants the level.

Nobody deletes a training: its completions granted qualifications that name it.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from accounts.roles import Role
from panels.models import STAFF_ONLY, Region
from panels.scoped_admin import (
    RegionChoiceAdminForm,
    RegionRowsPolicy,
    ScopedIndexView,
    ScopedViewSet,
)

from .models import Training

register_permission_policy(Training, RegionRowsPolicy(Training, never={"delete"}))


class TrainingForm(RegionChoiceAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Who trains: the officials of the regions the editor serves (administrators: every
        # region's) and experts by experience — never the whole list of people.
        user = self.for_user
        regions = (
            Region.objects.all()
            if user is None or user.is_superuser
            else Region.objects.served_by(user, STAFF_ONLY)
        )
        people = regions.people_serving() | get_user_model().objects.filter(
            is_active=True, role=Role.EXPERT_BY_EXPERIENCE
        )
        if self.instance.pk:
            people = people | self.instance.trainers.all()
        self.fields["trainers"].queryset = people.distinct().order_by("display_name")

    def clean_level(self):
        # The level of a training whose completions granted it stays: they name the training.
        level = self.cleaned_data["level"]
        instance = self.instance
        if (
            instance.pk
            and instance.level != level
            and instance.attendances.filter(completed_at__isnull=False).exists()
        ):
            raise ValidationError(
                _("Attendees have completed this training: its level can no longer change.")
            )
        return level


edit_handler = ObjectList(
    [
        FieldPanel("region"),
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("held_on"),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
    ],
    base_form_class=TrainingForm,
)


class TrainingCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        # Next: who attended.
        return self.object.get_absolute_url()


class AttendanceColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>', reverse("panels:training", args=[instance.pk]), _("Attendance")
        )


class TrainingIndexView(ScopedIndexView):
    select_related_fields = ("region",)


class TrainingViewSet(ScopedViewSet):
    model = Training
    name = "training_admin"
    icon = "tick"
    menu_label = _("Innoagent trainings")
    index_view_class = TrainingIndexView
    add_view_class = TrainingCreateView
    edit_handler = edit_handler
    list_display = [
        "name",
        "region",
        "level",
        "held_on",
        AttendanceColumn("attendance", label=_("Attendance")),
    ]
    list_filter = ["region", "level"]
    search_fields = ["name", "description"]
