from django.urls import path

from . import deletion, views

urlpatterns = [
    path("your-data/", views.your_data, name="your_data"),
    path("your-data/export/", views.request_own_export, name="request_data_export"),
    path("delete-account/", deletion.delete_account_view, name="delete_account"),
    path(
        "your-data/export/<uuid:export_id>/", views.download_own_export, name="download_data_export"
    ),
]
