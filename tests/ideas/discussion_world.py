"""A Wagtail page with a discussion (ideas.models.PageDiscussion), and the people around it,
for the page-discussion tests. The page is a real cms.ContentPage under the Finnish home page
(the ``demo_pages`` fixture), its discussion written as cms writes it."""

from django.contrib.auth.models import AnonymousUser

from cms.models import ContentPage, HomePage
from ideas.discussions import sync_page_discussion
from tests.factories import RegionFactory, UserFactory

from .factories import CommentFactory

ACTORS = [
    "anonymous",
    "client",  # a signed-in developer-client
    "author",  # wrote the comment
    "region_staff",
    "other_staff",  # staff of another region
    "administrator",
]
SIGNED_IN = set(ACTORS) - {"anonymous"}
MODERATORS = {"region_staff", "administrator"}


def content_page(title="Kokeilu: iltavastaanotto", slug="kokeilu"):
    home = HomePage.objects.get(locale__language_code="fi")
    return home.add_child(instance=ContentPage(title=title, slug=slug))


def page_discussion(
    region, *, public=True, open_=True, title="Kokeilu: iltavastaanotto", slug="kokeilu"
):
    page = content_page(title, slug)
    discussion = sync_page_discussion(page, region=region, is_public=public, is_open=open_)
    discussion.page = page  # known, so that async tests need not fetch it
    return discussion


def people(region):
    world = {
        "anonymous": AnonymousUser(),
        "client": UserFactory(display_name="Kehittäjäasiakas"),
        "author": UserFactory(display_name="Kirjoittaja"),
        "region_staff": UserFactory(staff=True, display_name="Alueen työntekijä"),
        "other_staff": UserFactory(staff=True, display_name="Naapurialueen työntekijä"),
        "administrator": UserFactory(administrator=True, display_name="Ylläpitäjä"),
    }
    region.officials.add(world["region_staff"])
    RegionFactory().officials.add(world["other_staff"])
    return world


def comment_in(discussion, author, body="Hyvä kokeilu, tätä tarvitaan.", **fields):
    return CommentFactory(idea=None, discussion=discussion, author=author, body=body, **fields)
