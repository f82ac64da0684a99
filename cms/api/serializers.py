"""How each public resource reads in the API and in the dump: codes rather than translated
labels (a status is ``in_development``), regions by slug, people by the display name the site
shows beside their words, never an e-mail address or a real name."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ideas.feedback.models import OfficialResponse, ResponseVersion, StatusChange
from ideas.models import Idea, IdeaRound
from panels.models import Region
from panels.surveys.models import Survey


def site_url(path):
    """An address on the site, the same whoever asks (the Host header plays no part)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def shown_name(person):
    """As the site's person tag shows someone: the display name, or nothing (a former
    member)."""
    return person.display_name if person is not None else None


def theme_slugs(obj):
    # Read from the prefetched tags: one query for a whole page of rows.
    return sorted(tag.slug for tag in obj.themes.all())


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name"]


class RoundSerializer(serializers.ModelSerializer):
    # Plain strings: the model's single-line validator is no pattern a reader could use.
    title = serializers.CharField(read_only=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    municipality = serializers.SerializerMethodField()
    phase = serializers.CharField(read_only=True)
    themes = serializers.SerializerMethodField()
    idea_count = serializers.IntegerField(read_only=True)
    answered_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = IdeaRound
        fields = [
            "id",
            "slug",
            "title",
            "description",
            "region",
            "municipality",
            "phase",
            "themes",
            "ideation_starts",
            "development_starts",
            "evaluation_starts",
            "closes_at",
            "created_at",
            "idea_count",
            "answered_count",
            "waiting_count",
            "url",
        ]

    def get_municipality(self, obj) -> str | None:
        return obj.municipality.name if obj.municipality_id else None

    def get_themes(self, obj) -> list[str]:
        return theme_slugs(obj)

    def get_url(self, obj) -> str:
        return site_url(obj.get_absolute_url())


class IdeaSerializer(serializers.ModelSerializer):
    round = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    erased = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    merged_into = serializers.SerializerMethodField()
    support_count = serializers.IntegerField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Idea
        fields = [
            "id",
            "round",
            "region",
            "title",
            "body",
            "author",
            "erased",
            "status",
            "themes",
            "merged_into",
            "created_at",
            "edited_at",
            "support_count",
            "comment_count",
            "url",
        ]

    def get_region(self, obj) -> str:
        return obj.round.region.slug

    # An idea erased at its author's request keeps its place, not its words (idea page).
    def get_title(self, obj) -> str | None:
        return None if obj.erased_at else obj.title

    def get_body(self, obj) -> str | None:
        return None if obj.erased_at else obj.body

    def get_author(self, obj) -> str | None:
        return None if obj.erased_at else shown_name(obj.author)

    def get_erased(self, obj) -> bool:
        return obj.erased_at is not None

    def get_themes(self, obj) -> list[str]:
        return theme_slugs(obj)

    def get_merged_into(self, obj) -> int | None:
        return obj.visible_merged_into

    def get_url(self, obj) -> str:
        return site_url(obj.get_absolute_url())


class StatusChangeSerializer(serializers.ModelSerializer):
    region = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField()
    merged_into = serializers.SerializerMethodField()

    class Meta:
        model = StatusChange
        fields = [
            "id",
            "idea",
            "region",
            "from_status",
            "to_status",
            "explanation",
            "actor",
            "actor_role",
            "merged_into",
            "created_at",
        ]

    def get_region(self, obj) -> str:
        return obj.idea.round.region.slug

    def get_actor(self, obj) -> str | None:
        return shown_name(obj.actor)

    def get_merged_into(self, obj) -> int | None:
        return obj.visible_merged_into


class ResponseVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResponseVersion
        fields = [*ResponseVersion.CONTENT_FIELDS, "replaced_at"]


class VerdictsSerializer(serializers.Serializer):
    yes = serializers.IntegerField(source="said_yes")
    partly = serializers.IntegerField(source="said_partly")
    no = serializers.IntegerField(source="said_no")


class ResponseSerializer(serializers.ModelSerializer):
    region = serializers.SerializerMethodField()
    responder = serializers.SerializerMethodField()
    on_behalf_of = serializers.SerializerMethodField()
    versions = ResponseVersionSerializer(many=True, read_only=True)
    verdicts = VerdictsSerializer(source="*", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = OfficialResponse
        fields = [
            "id",
            "idea",
            "region",
            "decision",
            *OfficialResponse.CONTENT_FIELDS,
            "responder",
            "responder_role",
            "on_behalf_of",
            "published_at",
            "edited_at",
            "versions",
            "verdicts",
            "url",
        ]

    def get_region(self, obj) -> str:
        return obj.idea.round.region.slug

    def get_responder(self, obj) -> str | None:
        return shown_name(obj.responder)

    def get_on_behalf_of(self, obj) -> str | None:
        return obj.on_behalf_of.name if obj.on_behalf_of_id else None

    def get_url(self, obj) -> str:
        return site_url(f"{Idea(pk=obj.idea_id).get_absolute_url()}#response-{obj.pk}")


class PageSerializer(serializers.Serializer):
    """A Wagtail page as a link: its title, region, language and address."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    region = serializers.SerializerMethodField()
    language = serializers.CharField(source="locale.language_code")
    first_published_at = serializers.DateTimeField()
    last_published_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_region(self, obj) -> str | None:
        return obj.region.slug if obj.region_id else None

    def get_url(self, obj) -> str | None:
        return obj.get_full_url()


class ExperimentSerializer(PageSerializer):
    status = serializers.CharField()
    organisation = serializers.CharField()
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)


class PracticeSerializer(PageSerializer):
    organisation = serializers.CharField()


class ImpactReportSerializer(PageSerializer):
    report_date = serializers.DateField()
    period = serializers.CharField()


class SurveySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    results_published = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "region",
            "is_anonymous",
            "opens_at",
            "closes_at",
            "results_published",
            "results",
            "url",
        ]

    def get_results_published(self, obj) -> bool:
        from .public import results_released_in_list

        return results_released_in_list(obj)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_results(self, obj):
        """The address of the published results in the API, or null while they are not."""
        if not self.get_results_published(obj):
            return None
        return site_url(f"/api/v1/surveys/{obj.pk}/results/")

    def get_url(self, obj) -> str:
        return site_url(obj.get_absolute_url())


class ResultRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField()


class DomainSerializer(serializers.Serializer):
    """A life-wheel domain as the results page shows it: its average, or null when too few
    rated it (how many did is not shown)."""

    label = serializers.CharField()
    average = serializers.FloatField(allow_null=True)


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    suppressed = serializers.BooleanField(
        help_text="Too few answered the question: only the number who answered is given."
    )
    rows = ResultRowSerializer(many=True)
    average = serializers.FloatField(allow_null=True)
    domains = serializers.SerializerMethodField()

    @extend_schema_field(DomainSerializer(many=True))
    def get_domains(self, result):
        items = [{"label": str(label), "average": avg} for label, avg, _n in result.domains]
        return DomainSerializer(items, many=True).data


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey_id")
    total = serializers.IntegerField(help_text="Responses counted.")
    suppressed = serializers.BooleanField(
        help_text="Too few responses: no breakdown is given, only the number of responses."
    )
    stepped = serializers.BooleanField(
        help_text="Counted in steps: the newest few responses wait until a step fills up."
    )
    minimum = serializers.IntegerField(help_text="The fewest answers a breakdown is shown for.")
    questions = QuestionResultSerializer(many=True)
