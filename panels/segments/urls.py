from django.urls import path

from . import views

app_name = "segments"

urlpatterns = [
    path("about-me/", views.about_me, name="about_me"),
]
