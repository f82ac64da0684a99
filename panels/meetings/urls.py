"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:meeting,
panels:meeting_room, ...). "meetings" and "room-messages" are reserved panel slugs."""

from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/respond/", views.meeting_respond, name="meeting_respond"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/room/", views.room, name="meeting_room"),
    path("meetings/<int:pk>/room/post/", views.post, name="meeting_room_post"),
    path("meetings/<int:pk>/room/open/", views.open_room, name="meeting_room_open"),
    path("meetings/<int:pk>/room/close/", views.close_room, name="meeting_room_close"),
    path("meetings/<int:pk>/room/live/", views.room_catch_up, name="meeting_room_live"),
    path("room-messages/<int:pk>/edit/", views.edit_message, name="room_message_edit"),
    path("room-messages/<int:pk>/remove/", views.remove_message, name="room_message_remove"),
    path("room-messages/<int:pk>/hide/", views.hide_message, name="room_message_hide"),
    path("room-messages/<int:pk>/restore/", views.restore_message, name="room_message_restore"),
    path("<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
]
