from django.urls import path

from . import views

app_name = "panels"

# First path segments taken by the pages below; no panel may use them as its slug.
RESERVED_SLUGS = {"applications", "invitations", "meetings"}

urlpatterns = [
    path("", views.panel_list, name="list"),
    path("applications/", views.application_queue, name="applications"),
    path("applications/<int:pk>/", views.decide, name="decide"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/respond/", views.meeting_respond, name="meeting_respond"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("<slug:slug>/", views.panel_detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<slug:slug>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
]
