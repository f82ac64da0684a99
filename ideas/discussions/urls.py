"""Included by ideas.urls at rounds/discussions/ ("discussions" is a reserved round slug), so
the names are in the ``ideas`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/comment/", views.comment_create, name="discussion_comment"),
    path("<int:pk>/live/", views.catch_up, name="discussion_live"),
]
