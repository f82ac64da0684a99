from django.urls import path

from .consumers import IdeaThreadConsumer, PageDiscussionConsumer

websocket_urlpatterns = [
    path("ws/ideas/<int:idea_id>/", IdeaThreadConsumer.as_asgi()),
    path("ws/discussions/<int:discussion_id>/", PageDiscussionConsumer.as_asgi()),
]
