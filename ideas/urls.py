"""Mounted at rounds/ (cms/urls.py). The fixed paths below cannot be round slugs
(models.RESERVED_ROUND_SLUGS)."""

from django.urls import include, path

from . import views
from .origins import decisions, walk_findings

app_name = "ideas"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path(
        "moderation/<str:kind>/<int:pk>/",
        views.moderate,
        name="moderate",
    ),
    path("ideas/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", views.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/withdraw/", views.idea_withdraw, name="idea_withdraw"),
    path("ideas/<int:pk>/support/", views.idea_support, name="idea_support"),
    path("ideas/<int:pk>/comment/", views.comment_create, name="comment_create"),
    path("ideas/<int:pk>/live/", views.idea_live, name="idea_live"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/remove/", views.comment_remove, name="comment_remove"),
    path("report/<str:kind>/<int:pk>/", views.flag_create, name="flag"),
    # A co-design workshop's decision posted as an idea (ideas.origins.decisions).
    path("from-decision/<int:pk>/", decisions.idea_from_decision, name="idea_from_decision"),
    # An observation walk's finding posted as an idea (ideas.origins.walk_findings).
    path("from-finding/<int:pk>/", walk_findings.idea_from_finding, name="idea_from_finding"),
    # Comments on Wagtail pages (ideas.discussions): posting, and the live thread's catch-up.
    path("discussions/", include("ideas.discussions.urls")),
    # The feedback loop (ideas.feedback): statuses, responses, clarifications, the dashboard.
    path("", include("ideas.feedback.urls")),
    path("<slug:slug>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/new/", views.idea_create, name="idea_create"),
]
