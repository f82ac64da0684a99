from django.urls import include, path

from . import views

app_name = "panels"

# First path segments taken by the pages below; no panel may use them as its slug.
RESERVED_SLUGS = {
    "applications",
    "invitations",
    "meetings",
    "room-messages",
    "walks",
    "workshops",
}

urlpatterns = [
    path("", views.panel_list, name="list"),
    path("applications/", views.application_queue, name="applications"),
    path("applications/<int:pk>/", views.decide, name="decide"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    # Meetings and their live rooms (panels.meetings), in this namespace: panels:meeting, ...
    path("", include("panels.meetings.urls")),
    # Co-design workshops (panels.workshops): panels:workshop, panels:workshop_board, ...
    path("", include("panels.workshops.urls")),
    # Observation walks (panels.walks): panels:walk, panels:walk_report, ...
    path("", include("panels.walks.urls")),
    path("<slug:slug>/", views.panel_detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
]
