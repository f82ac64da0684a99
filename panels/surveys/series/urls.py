from django.urls import path

from . import views

app_name = "survey_series"

urlpatterns = [
    path("", views.series_list, name="list"),
    path("<int:pk>/", views.series_detail, name="detail"),
    path("<int:pk>/rounds/", views.start_round, name="start_round"),
    path("<int:pk>/effect/", views.group_effect, name="effect"),
    path("<int:pk>/effect.csv", views.group_effect_csv, name="effect_csv"),
    path("<int:pk>/mine/", views.my_wheels, name="mine"),
    path("mine/<uuid:pk>/delete/", views.delete_own_wheel, name="delete_own_wheel"),
]
