"""Included by ideas.urls (mounted at rounds/), so the names are in the ``ideas`` namespace
(ideas:respond, ideas:response_dashboard, ...). Their first path segments ("ideas",
"responses", "clarifications", "dashboard") are reserved round slugs."""

from django.urls import path

from . import timeliness_views, views

urlpatterns = [
    path("ideas/<int:pk>/status/", views.status_change, name="status_change"),
    path("ideas/<int:pk>/respond/", views.respond, name="respond"),
    path("responses/<int:pk>/edit/", views.response_edit, name="response_edit"),
    path("responses/<int:pk>/feedback/", views.response_feedback, name="response_feedback"),
    path("clarifications/", views.clarification_queue, name="clarification_queue"),
    path(
        "clarifications/<int:pk>/handled/",
        views.clarification_handled,
        name="clarification_handled",
    ),
    path("dashboard/", timeliness_views.response_dashboard, name="response_dashboard"),
    path(
        "dashboard/export.csv",
        timeliness_views.response_dashboard_csv,
        name="response_dashboard_csv",
    ),
    path(
        "dashboard/feedback.csv",
        timeliness_views.response_dashboard_feedback_csv,
        name="response_dashboard_feedback_csv",
    ),
]
