"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:recruitment,
panels:recruitment_queue, panels:pool, ...). "recruitment" and "pools" are reserved panel
slugs. A person's own pools are in ``profile_urls`` (the ``pool`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("recruitment/<slug:slug>/", views.recruitment, name="recruitment"),
    path("recruitment/<slug:slug>/sent/", views.recruitment_sent, name="recruitment_sent"),
    path(
        "recruitment/<slug:slug>/confirm/<str:token>/",
        views.confirm,
        name="recruitment_confirm",
    ),
    path("recruitment/<slug:slug>/applications/", views.queue, name="recruitment_queue"),
    path(
        "recruitment/<slug:slug>/applications/<int:pk>/decide/",
        views.decide,
        name="recruitment_decide",
    ),
    path("pools/<slug:slug>/", views.pool, name="pool"),
]
