"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:call,
panels:call_new, ...). The pages live under the pool's own address, /panels/pools/<slug>/."""

from django.urls import path

from . import views

CALL = "pools/<slug:pool_slug>/calls/<int:pk>/"

urlpatterns = [
    path("pools/<slug:pool_slug>/calls/new/", views.call_new, name="call_new"),
    path(CALL, views.call_detail, name="call"),
    path(f"{CALL}edit/", views.call_edit, name="call_edit"),
    path(f"{CALL}publish/", views.call_publish, name="call_publish"),
    path(f"{CALL}sign-up/", views.call_signup, name="call_signup"),
    path(f"{CALL}withdraw/", views.call_withdraw, name="call_withdraw"),
    path(f"{CALL}sign-ups/", views.call_signups, name="call_signups"),
    path(f"{CALL}sign-ups/<int:signup_pk>/", views.call_confirm, name="call_confirm"),
    path(f"{CALL}close/", views.call_close, name="call_close"),
    path(f"{CALL}results/", views.call_results, name="call_results"),
]
