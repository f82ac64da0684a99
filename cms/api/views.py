"""The API's endpoints: thin read-only views over ``cms.api.public`` and its serializers.

Every view is anonymous by construction (no authentication classes: no session is read, no
CSRF applies, and the answer is the same whoever asks), JSON only, cursor-paginated,
filtered by django-filter and counted per client address."""

from django.core.validators import slug_re
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.experiments.models import ExperimentPage, PracticePage
from cms.models import ImpactReportPage
from cms.statistics import figures
from cms.statistics.periods import PeriodError
from ideas.feedback.models import OfficialResponse, StatusChange
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Idea, IdeaRound
from panels.models import Region
from panels.surveys.models import Survey

from . import filters, public
from . import serializers as s
from .pagination import StableCursorPagination
from .throttling import PerAddressThrottle


def reader_language(request):
    """The language asked for in Accept-Language, else the site's default. Never the
    language cookie: nothing the browser keeps changes an answer."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return translation.get_supported_language_variant("fi")


class OpenData:
    """What every endpoint shares (see the module docstring)."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [PerAddressThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = []
    versioning_class = None
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        with translation.override(reader_language(request)):
            response = super().dispatch(request, *args, **kwargs)
            # Rendered in that language too (labels are lazy until then).
            if hasattr(response, "render"):
                response.render()
            return response


class OpenDataViewSet(OpenData, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    pagination_class = StableCursorPagination
    queryset_function = None
    # At most 18 digits: always within the ids' range (filters.MAX_ID), so a longer number is
    # the API's plain 404 rather than a number the database cannot compare.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return type(self).queryset_function()


class RegionViewSet(OpenDataViewSet):
    """Wellbeing services counties (regions): the values of the ``region`` filters."""

    queryset = Region.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.regions)
    serializer_class = s.RegionSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


class RoundViewSet(OpenDataViewSet):
    """Public idea rounds (a panel's round is its members' only and never listed)."""

    queryset = IdeaRound.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.rounds)
    serializer_class = s.RoundSerializer
    filterset_class = filters.RoundFilter


class IdeaViewSet(OpenDataViewSet):
    """Public ideas in public rounds: never hidden, withdrawn or a panel's ideas. The author
    is the display name the idea page shows, or null (a former member, or an idea erased at
    its author's request, which keeps its place but not its words)."""

    queryset = Idea.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.ideas)
    serializer_class = s.IdeaSerializer
    filterset_class = filters.IdeaFilter


class StatusChangeViewSet(OpenDataViewSet):
    """Every move of a public idea's status, with its public explanation: the status history."""

    queryset = StatusChange.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.status_changes)
    serializer_class = s.StatusChangeSerializer
    filterset_class = filters.StatusChangeFilter


class ResponseViewSet(OpenDataViewSet):
    """Official responses to public ideas, with their earlier versions (newest first) and how
    the people they answer judged them."""

    queryset = OfficialResponse.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.responses)
    serializer_class = s.ResponseSerializer
    filterset_class = filters.ResponseFilter


class ExperimentViewSet(OpenDataViewSet):
    """Published experiments, as links to their pages."""

    queryset = ExperimentPage.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.experiments)
    serializer_class = s.ExperimentSerializer
    filterset_class = filters.ExperimentFilter


class PracticeViewSet(OpenDataViewSet):
    """Published practices (established ways of working), as links to their pages."""

    queryset = PracticePage.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.practices)
    serializer_class = s.PracticeSerializer
    filterset_class = filters.PracticeFilter


class ImpactReportViewSet(OpenDataViewSet):
    """Published impact reports ("you said, we did"), as links to their pages."""

    queryset = ImpactReportPage.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.impact_reports)
    serializer_class = s.ImpactReportSerializer
    filterset_class = filters.PageFilter


class SurveyViewSet(OpenDataViewSet):
    """Public surveys that have opened; ``results`` links to their published aggregate
    results, or is null until they are published."""

    queryset = Survey.objects.none()  # the model, for the schema
    queryset_function = staticmethod(public.surveys)
    serializer_class = s.SurveySerializer
    filterset_class = filters.SurveyFilter

    @extend_schema(responses=s.SurveyResultsSerializer, filters=False)
    @action(detail=True, filter_backends=[], pagination_class=None)
    def results(self, request, pk=None):
        """The survey's published aggregate results: counts, shares and averages, with the
        results page's suppression of small numbers. Written answers are not included."""
        survey = self.get_object()
        if not public.results_public(survey):
            raise NotFound(_("The results of this survey are not published."))
        results = public.survey_results(survey)
        results.survey_id = survey.pk
        results.minimum = public.MIN_RESPONSES_FOR_RESULTS
        return Response(s.SurveyResultsSerializer(results).data)


StatusSerializer = inline_serializer(
    "Status", {"code": serializers.CharField(), "label": serializers.CharField()}, many=True
)


class StatusListView(OpenData, APIView):
    @extend_schema(responses=StatusSerializer)
    def get(self, request):
        """The statuses an idea moves through: codes and their labels in the language asked
        for (Accept-Language: fi, sv or en)."""
        return Response([{"code": code, "label": str(label)} for code, label in IdeaStatus.choices])


FigureSerializer = inline_serializer(
    "Figure",
    many=True,
    fields={
        "slug": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "unit": serializers.CharField(),
        "kind": serializers.CharField(),
        "url": serializers.URLField(),
    },
)

FigureValuesSerializer = inline_serializer(
    "FigureValues",
    {
        "figure": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "unit": serializers.CharField(),
        "kind": serializers.CharField(),
        "region": serializers.CharField(allow_null=True),
        "period": serializers.DictField(child=serializers.CharField()),
        "rows": serializers.ListField(child=serializers.DictField()),
        "total": serializers.JSONField(allow_null=True),
        "total_suppressed": serializers.BooleanField(),
        "minimum": serializers.IntegerField(),
        "licence": serializers.CharField(),
    },
)


class StatisticsListView(OpenData, APIView):
    @extend_schema(responses=FigureSerializer)
    def get(self, request):
        """The published statistics, in the order the statistics page shows them."""
        return Response(
            [
                {
                    "slug": figure.slug,
                    "title": str(figure.title),
                    "description": str(figure.description),
                    "unit": figure.unit,
                    "kind": figure.kind,
                    "url": s.site_url(reverse("api:statistic", args=[slug])),
                }
                for slug, figure in figures.FIGURES.items()
            ]
        )


PERIOD_HELP = "A month, YYYY-MM. Without start and end: the last 12 months."


class StatisticView(OpenData, APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("region", OpenApiTypes.STR, description="A region's slug."),
            OpenApiParameter("start", OpenApiTypes.STR, description=PERIOD_HELP),
            OpenApiParameter("end", OpenApiTypes.STR, description=PERIOD_HELP),
        ],
        responses=FigureValuesSerializer,
    )
    def get(self, request, figure):
        """One statistic month by month (or its breakdown) for the whole platform or a
        region, with the statistics page's suppression of small numbers of people."""
        if figure not in figures.FIGURES:
            raise NotFound(_("No such figure."))
        region = None
        if slug := request.query_params.get("region"):
            # Only a slug is looked up: no other text (a NUL byte) ever reaches the database.
            region = Region.objects.filter(slug=slug).first() if slug_re.match(slug) else None
            if region is None:
                raise ValidationError({"region": [_("No region has this slug.")]})
        try:
            result = figures.compute(
                figure,
                region=region,
                start=request.query_params.get("start"),
                end=request.query_params.get("end"),
            )
        except PeriodError as error:
            raise ValidationError({"period": [str(error)]}) from None
        return Response(result)
