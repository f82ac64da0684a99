"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:training,
panels:training_attendance). "trainings" is a reserved panel slug."""

from django.urls import path

from . import views

urlpatterns = [
    path("trainings/<int:pk>/", views.training_detail, name="training"),
    path(
        "trainings/<int:pk>/attendees/<int:attendance_pk>/<str:action>/",
        views.attendance_action,
        name="training_attendance",
    ),
]
