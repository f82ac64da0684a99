"""Mounted at rounds/ (cms/urls.py). The fixed paths below cannot be round slugs
(models.RESERVED_ROUND_SLUGS)."""

from django.urls import path

from . import dashboard_views, live_views, response_views, room_views, views

app_name = "ideas"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path(
        "moderation/<str:kind>/<int:pk>/",
        views.moderate,
        name="moderate",
    ),
    path("ideas/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", views.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/withdraw/", views.idea_withdraw, name="idea_withdraw"),
    path("ideas/<int:pk>/support/", views.idea_support, name="idea_support"),
    path("ideas/<int:pk>/comment/", views.comment_create, name="comment_create"),
    path("ideas/<int:pk>/live/", live_views.catch_up, name="idea_live"),
    path("ideas/<int:pk>/status/", response_views.status_change, name="status_change"),
    path("ideas/<int:pk>/respond/", response_views.respond, name="respond"),
    path("responses/<int:pk>/edit/", response_views.response_edit, name="response_edit"),
    path(
        "responses/<int:pk>/feedback/", response_views.response_feedback, name="response_feedback"
    ),
    path("clarifications/", response_views.clarification_queue, name="clarification_queue"),
    path(
        "clarifications/<int:pk>/handled/",
        response_views.clarification_handled,
        name="clarification_handled",
    ),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/remove/", views.comment_remove, name="comment_remove"),
    path("report/<str:kind>/<int:pk>/", views.flag_create, name="flag"),
    path("dashboard/", dashboard_views.response_dashboard, name="response_dashboard"),
    path(
        "dashboard/export.csv",
        dashboard_views.response_dashboard_csv,
        name="response_dashboard_csv",
    ),
    # A panel meeting's live room (ideas.meeting_room). "meetings" and "room-messages" cannot
    # clash with a round slug: the round paths below have no numeric second part.
    path("meetings/<int:pk>/room/", room_views.room, name="meeting_room"),
    path("meetings/<int:pk>/room/post/", room_views.post, name="meeting_room_post"),
    path("meetings/<int:pk>/room/open/", room_views.open_room, name="meeting_room_open"),
    path("meetings/<int:pk>/room/close/", room_views.close_room, name="meeting_room_close"),
    path("meetings/<int:pk>/room/live/", live_views.room_catch_up, name="meeting_room_live"),
    path("room-messages/<int:pk>/edit/", room_views.edit_message, name="room_message_edit"),
    path("room-messages/<int:pk>/remove/", room_views.remove_message, name="room_message_remove"),
    path("room-messages/<int:pk>/hide/", room_views.hide_message, name="room_message_hide"),
    path(
        "room-messages/<int:pk>/restore/",
        room_views.restore_message,
        name="room_message_restore",
    ),
    path("<slug:slug>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/new/", views.idea_create, name="idea_create"),
]
