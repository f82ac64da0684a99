from django.urls import path

from .consumers import IdeaThreadConsumer

websocket_urlpatterns = [
    path("ws/ideas/<int:idea_id>/", IdeaThreadConsumer.as_asgi()),
]
