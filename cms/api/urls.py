"""/api/v1/: the resources, the OpenAPI 3 schema and its documentation."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import docs, views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("regions", views.RegionViewSet, basename="region")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("ideas", views.IdeaViewSet, basename="idea")
router.register("status-changes", views.StatusChangeViewSet, basename="status-change")
router.register("responses", views.ResponseViewSet, basename="response")
router.register("experiments", views.ExperimentViewSet, basename="experiment")
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("impact-reports", views.ImpactReportViewSet, basename="impact-report")
router.register("surveys", views.SurveyViewSet, basename="survey")

urlpatterns = [
    path("", docs.api_root, name="root"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.documentation, name="docs"),
    path("docs/swagger/", docs.SwaggerView.as_view(url_name="api:schema"), name="swagger"),
    path("statuses/", views.StatusListView.as_view(), name="statuses"),
    path("statistics/", views.StatisticsListView.as_view(), name="statistics"),
    path("statistics/<slug:figure>/", views.StatisticView.as_view(), name="statistic"),
    path("", include(router.urls)),
    # Whatever else is asked under /api/v1/ is a JSON 404, as the API's own are.
    re_path(r"^[\s\S]*$", docs.not_found),
]
