from django.urls import path

from .consumers import IdeaThreadConsumer, MeetingRoomConsumer

websocket_urlpatterns = [
    path("ws/ideas/<int:idea_id>/", IdeaThreadConsumer.as_asgi()),
    path("ws/meetings/<int:meeting_id>/room/", MeetingRoomConsumer.as_asgi()),
]
