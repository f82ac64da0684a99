from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ideas.feedback.my_impact import my_impact

from . import views
from .health import healthz
from .search import views as search_views


class AllauthLoginRedirect(RedirectView):
    """Wagtail's own log-in forms (the admin's, and /_util/login/ for private pages) would
    bypass allauth's rate limits: send people to allauth's."""

    pattern_name = "account_login"
    query_string = True


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/login/", AllauthLoginRedirect.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The read-only open-data API (cms.api): one address for every language.
    path("api/v1/", include("cms.api.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    # What a person says about themselves (panels.segments), beside their profile.
    path("accounts/profile/", include("panels.segments.urls")),
    # A forerunner's pools and applications (panels.pool), beside their profile.
    path("accounts/profile/", include("panels.pool.profile_urls")),
    path("terms/", views.terms, name="terms"),
    # The accessibility statement in the page's language (cms.statement).
    path("accessibility/", include("cms.statement.urls")),
    path("privacy/", views.privacy, name="privacy"),
    path("rounds/", include("ideas.urls")),
    path("my-impact/", my_impact, name="my_impact"),
    # Spontaneous feedback on services (ideas.service_feedback).
    path("feedback/", include("ideas.service_feedback.urls")),
    path("panels/", include("panels.urls")),
    # Survey series and the life wheel over time (panels.surveys.series).
    path("surveys/series/", include("panels.surveys.series.urls")),
    path("surveys/", include("panels.surveys.urls")),
    path("practices/", include("cms.experiments.urls")),
    # The region the front page shows (cms.frontpage).
    path("region/", include("cms.frontpage.urls")),
    # Participation and influence statistics (cms.statistics).
    path("statistics/", include("cms.statistics.urls")),
    # The daily open-data files and their licence (cms.api.open_data).
    path("open-data/", include("cms.api.open_data_urls")),
    # One search across the platform (cms.search).
    path("search/", search_views.search, name="search"),
    path("_util/login/", AllauthLoginRedirect.as_view()),
    # Wagtail's page tree last: it answers every path the others leave.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only images, as nginx does: documents go through Wagtail, which checks their privacy.
    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images"
    )
