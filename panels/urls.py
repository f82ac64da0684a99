from django.urls import include, path

from . import views

app_name = "panels"

# First path segments taken by the pages below; no panel may use them as its slug.
RESERVED_SLUGS = {
    "applications",
    "invitations",
    "meetings",
    "pools",
    "recruitment",
    "room-messages",
    "trainings",
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
    # Innoagent trainings' attendance pages (panels.trainings): panels:training, ...
    path("", include("panels.trainings.urls")),
    # Forerunner pools and recruitment pages (panels.pool): panels:pool, panels:recruitment, ...
    path("", include("panels.pool.urls")),
    # Calls to the pool (panels.pool.calls): panels:call, panels:call_new, ...
    path("", include("panels.pool.calls.urls")),
    path("<slug:slug>/", views.panel_detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path("<slug:slug>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
]
