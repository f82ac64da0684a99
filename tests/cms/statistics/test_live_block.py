"""The live statistic block: an impact report shows a figure as it stands when it is read."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cms.blocks import ImpactReportBodyBlock
from cms.demo import REPORT, _report_body
from cms.models import HomePage, ImpactReportIndexPage, ImpactReportPage
from cms.statistics.blocks import LiveStatisticBlock
from tests.cms.statistics.conftest import respond
from tests.factories import RegionFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db


def live(figure, region="", caption=""):
    return {
        "type": "live_statistic",
        "value": {"figure": figure, "region": region, "caption": caption},
    }


@pytest.fixture
def report(demo_pages):
    region = RegionFactory(name="Lappi", slug="lappi")
    round_ = IdeaRoundFactory(region=region)
    now = timezone.now()
    for days_ago, answered_after in [(20, 2), (15, 10), (10, None)]:
        idea = IdeaFactory(round=round_, created_at=now - timedelta(days=days_ago))
        if answered_after is not None:
            respond(idea, answered_after)
    home = HomePage.objects.get(locale__language_code="fi")
    index = home.add_child(instance=ImpactReportIndexPage(title="Raportit", slug="raportit"))
    page = index.add_child(
        instance=ImpactReportPage(
            title="Sanoitte, teimme",
            slug="sanoitte-teimme",
            intro="Mitä ideoille tapahtui.",
            body=[
                live("answered", "lappi", "of the ideas got an answer"),
                live("ideas"),
                live("participants-by-role", "lappi"),
                live("ideas", "removed-region"),
            ],
            live=False,
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return SimpleNamespace(page=page, round_=round_)


def test_the_report_shows_the_figures_as_they_stand(client, report):
    html = client.get(report.page.url).content.decode()
    assert html.count('class="live-statistic"') == 3  # the removed region's shows nothing
    assert "67 %" in html  # 2 of 3 ideas answered
    assert "of the ideas got an answer" in html
    assert 'href="/statistics/lappi/#figure-answered"' in html
    assert 'href="/statistics/#figure-ideas"' in html
    assert "statistics/statistics.css" in html

    # A new answer shows the next time the report is read, with no edit of the report.
    respond(report.round_.ideas.get(responses__isnull=True), 1)
    assert "100 %" in client.get(report.page.url).content.decode()


def test_too_few_people_read_fewer_than_five(client, report):
    html = client.get(report.page.url).content.decode()
    # Three authors took part: the role breakdown's total is hidden. (The report is Finnish;
    # the phrase reads "fewer than 5" until the catalogue has it.)
    assert html.count("alle 5") + html.count("fewer than 5") == 1


def test_the_block_is_in_impact_reports_and_checks_its_choices():
    assert "live_statistic" in ImpactReportBodyBlock.base_blocks
    RegionFactory(slug="lappi")
    block = LiveStatisticBlock()
    assert block.clean({"figure": "ideas", "region": "lappi", "caption": ""})["figure"] == "ideas"
    with pytest.raises(Exception):  # noqa: B017 - wagtail's StructBlockValidationError
        block.clean({"figure": "nothing", "region": "", "caption": ""})


def test_the_demo_report_shows_live_statistics_of_lappi():
    blocks = [
        block for block in _report_body(REPORT["en"], []) if block["type"] == "live_statistic"
    ]
    assert [block["value"]["figure"] for block in blocks] == [
        "ideas",
        "answered",
        "days-to-first-response",
    ]
    assert {block["value"]["region"] for block in blocks} == {"lappi"}
