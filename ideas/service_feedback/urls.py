"""Mounted at feedback/ (cms/urls.py)."""

from django.urls import path

from . import views

app_name = "service_feedback"

urlpatterns = [
    path("", views.give, name="give"),
    path("thanks/", views.thanks, name="thanks"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.triage, name="triage"),
    path("inbox/<int:pk>/publish/", views.publish, name="publish"),
    path("regions/<slug:slug>/", views.public, name="public"),
]
