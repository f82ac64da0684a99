"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:walk,
panels:walk_report, ...). "walks" is a reserved panel slug."""

from django.urls import path

from . import views

urlpatterns = [
    path("walks/", views.walk_list, name="walk_list"),
    path("walks/region/<slug:region>/", views.walk_list, name="walk_list_region"),
    path("walks/photos/", views.photo_queue, name="walk_photos"),
    path("walks/<int:pk>/", views.walk_detail, name="walk"),
    path("walks/<int:pk>/places/<int:place_pk>/", views.walk_place, name="walk_place"),
    path("walks/<int:pk>/report/", views.walk_report, name="walk_report"),
    path("walks/<int:pk>/observers/", views.walk_observers, name="walk_observers"),
    path("walks/<int:pk>/status/", views.walk_status, name="walk_status"),
    path("walks/findings/<int:pk>/edit/", views.finding_edit, name="walk_finding_edit"),
    path("walks/findings/<int:pk>/remove/", views.finding_remove, name="walk_finding_remove"),
    path("walks/findings/<int:pk>/photo/", views.photo, name="walk_photo"),
    path("walks/findings/<int:pk>/review/", views.photo_review, name="walk_photo_review"),
]
