from django.urls import path

from . import survey_views

app_name = "surveys"

urlpatterns = [
    path("", survey_views.survey_list, name="list"),
    path("<int:pk>/", survey_views.survey_detail, name="detail"),
    path("<int:pk>/results/", survey_views.survey_results, name="results"),
    path("<int:pk>/results.csv", survey_views.survey_csv, name="csv"),
]
