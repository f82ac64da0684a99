from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_follows, name="my_follows"),
    path("<str:key>/<int:pk>/follow/", views.follow, name="follow"),
    path("<str:key>/<int:pk>/unfollow/", views.unfollow, name="unfollow"),
]
