from django.urls import path

from .consumers import WorkshopBoardConsumer

websocket_urlpatterns = [
    path("ws/workshops/boards/<int:board_id>/", WorkshopBoardConsumer.as_asgi()),
]
