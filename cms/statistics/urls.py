from django.urls import path, re_path

from . import views

app_name = "statistics"

EXPORT = r"(?P<slug>[-a-z0-9]+)\.(?P<extension>csv|json)"

urlpatterns = [
    path("", views.statistics_page, name="platform"),
    re_path(rf"^{EXPORT}$", views.export, name="platform_export"),
    path("<slug:region_slug>/", views.statistics_page, name="region"),
    re_path(rf"^(?P<region_slug>[-a-zA-Z0-9_]+)/{EXPORT}$", views.export, name="region_export"),
]
