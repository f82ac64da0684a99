from django.urls import path

from . import views

app_name = "experiments"

urlpatterns = [
    path("from-idea/<int:idea_id>/", views.start_from_idea, name="start_from_idea"),
    path("<int:page_id>/adopt/", views.adopt, name="adopt"),
    path("adoptions/<int:adoption_id>/remove/", views.withdraw_adoption, name="withdraw_adoption"),
]
