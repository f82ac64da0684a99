"""Markup and script in anything people write (title, description, comment, theme) is shown
as text: no element, attribute or link from a payload reaches the page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ideas.models import Comment, Idea, Phase
from tests.factories import UserFactory

from .factories import IdeaRoundFactory

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klikkaa</a>',
    "javascript:alert(1)",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "<<script>script>alert(1)<</script>/script>",
    '<div style="background:url(javascript:alert(1))">tyyli</div>',
    'http://example.org/"onmouseover="alert(1)',
    "{{ request.user.email }} {% now 'Y' %}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "style", "math", "table", "div", "mglyph"}


class Inspector(HTMLParser):
    """Collects what would be dangerous in the page: payload elements, event handlers,
    javascript: links, and scripts other than the site's own static files."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if not (attributes.get("src") or "").startswith("/static/"):
                self.problems.append(f"inline script {attrs}")
            return
        if tag in FORBIDDEN_TAGS - {"script", "div"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}={value}")
            if name in {"href", "src", "action", "style"} and "javascript:" in (value or ""):
                self.problems.append(f"{tag} {name}={value}")


def assert_inert(content, secret=None):
    inspector = Inspector()
    inspector.feed(content)
    assert not inspector.problems, inspector.problems
    if secret:  # a template tag in the text is not evaluated either
        assert secret not in content


@pytest.mark.parametrize("payload", PAYLOADS[:6])
def test_the_inspector_catches_live_markup(payload):
    with pytest.raises(AssertionError):
        assert_inert(f"<p>{payload}</p>")


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, phase=Phase.IDEATION)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_idea_and_comment_are_inert(client, round_, payload):
    author = UserFactory()
    client.force_login(author)
    title = f"Idea {payload}"[:140]
    response = client.post(
        reverse("ideas:idea_create", args=[round_.slug]),
        {"title": title, "body": f"Kuvaus {payload}\n{payload}"},
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.title == title  # stored as written, escaped when shown
    client.post(reverse("ideas:comment_create", args=[idea.pk]), {"body": payload})
    assert Comment.objects.get().body == payload
    for url in [idea.get_absolute_url(), round_.get_absolute_url(), reverse("ideas:round_list")]:
        assert_inert(client.get(url).content.decode(), secret=author.email)
    htmx = client.post(
        reverse("ideas:comment_create", args=[idea.pk]),
        {"body": payload},
        HTTP_HX_REQUEST="true",
    )
    assert_inert(htmx.content.decode())
    # Re-shown in a form with errors, the payload stays text too.
    bad = client.post(
        reverse("ideas:idea_create", args=[round_.slug]), {"title": payload[:4], "body": payload}
    )
    assert_inert(bad.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_themes_and_round_texts_are_inert(client, region, payload):
    round_ = IdeaRoundFactory(
        region=region, title=f"Kierros {payload}", description=payload, themes=[payload[:100]]
    )
    author = UserFactory()
    client.force_login(author)
    theme = round_.themes.get()
    client.post(
        reverse("ideas:idea_create", args=[round_.slug]),
        {"title": "Teemallinen idea", "body": "Teksti", "themes": [theme.pk]},
    )
    idea = Idea.objects.get()
    assert list(idea.themes.all()) == [theme]
    pages = [
        reverse("ideas:round_list"),
        round_.get_absolute_url(),
        round_.get_absolute_url() + f"?theme={theme.slug}",
        idea.get_absolute_url(),
        reverse("ideas:idea_create", args=[round_.slug]),
    ]
    for url in pages:
        assert_inert(client.get(url).content.decode())
