from django.urls import path

from .consumers import PersonConsumer

websocket_urlpatterns = [
    path("ws/me/", PersonConsumer.as_asgi()),
]
