from django.urls import path

from . import views

app_name = "frontpage"

urlpatterns = [path("", views.choose_region, name="choose_region")]
