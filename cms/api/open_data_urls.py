from django.urls import path

from . import open_data_views

urlpatterns = [
    path("", open_data_views.open_data_page, name="open_data"),
    path("<str:name>", open_data_views.open_data_file, name="open_data_file"),
]
