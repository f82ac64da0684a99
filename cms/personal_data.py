"""What the site holds about a person, for their data export (accounts.privacy.export): the
pages they own in the Wagtail admin (impact reports, experiments, practices and content pages,
in any language) and the adoptions of practices they recorded for their region."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.privacy.export import Field, Section, personal_data_requested


def pages_owned(person):
    pages = Page.objects.filter(owner=person).select_related("locale").order_by("path")
    return Section(
        key="pages",
        title=_("Pages you own on the site"),
        description=_("Pages of the site, such as impact reports, that you created in the admin."),
        fields=[
            Field("title", _("title"), _("The page's title.")),
            Field("language", _("language"), _("The page's language.")),
            Field("path", _("place in the site"), _("Where the page is in the site's tree.")),
            Field("live", _("published"), _("Whether the page is published.")),
            Field("first_published_at", _("first published"), _("When it was first published.")),
            Field("last_published_at", _("last published"), _("When it was last published.")),
        ],
        rows=[
            {
                "title": page.title,
                "language": page.locale.language_code,
                "path": page.url_path,
                "live": page.live,
                "first_published_at": page.first_published_at,
                "last_published_at": page.last_published_at,
            }
            for page in pages
        ],
        note=_(
            "The admin's history of what you changed (pages, ideas, people) is kept in the "
            "admin's logs and is not part of this export; ask the administrators for it."
        ),
    )


def adoptions_recorded(person):
    from .experiments.models import PracticeAdoption

    adoptions = PracticeAdoption.objects.filter(added_by=person).select_related(
        "practice", "region"
    )
    return Section(
        key="practice_adoptions",
        title=_("Adoptions of practices you recorded"),
        description=_("The regions you listed as having taken a practice into use."),
        fields=[
            Field("practice", _("practice"), _("The practice's title.")),
            Field("region", _("region"), _("The region that adopted it.")),
            Field("note", _("how it was adapted"), _("What you wrote.")),
            Field("added_at", _("added"), _("When you added it.")),
        ],
        rows=[
            {
                "practice": adoption.practice.title,
                "region": adoption.region.name,
                "note": adoption.note,
                "added_at": adoption.added_at,
            }
            for adoption in adoptions
        ],
    )


@receiver(personal_data_requested, dispatch_uid="cms.personal_data")
def site_sections(sender, person, **kwargs):
    return [pages_owned(person), adoptions_recorded(person)]
