from django.urls import path

from .consumers import MeetingRoomConsumer

websocket_urlpatterns = [
    path("ws/meetings/<int:meeting_id>/room/", MeetingRoomConsumer.as_asgi()),
]
