"""Migrating answers stored before the fix: repeated choices are dropped, and the anonymous
responses stored one by one beside their markers are written again in a random order with
one time for the whole survey."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("surveys", "0001_initial")]
AFTER = [("surveys", "0003_pending_answers_and_one_answer_per_choice")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _every_migration_applied_again():
    """Migrating back to an old state unapplies every later migration (of this app and of the
    apps that build on it); the tests after this one need them all back."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _physical_order(table):
    column = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {column}")  # noqa: S608
        return [str(row[0]).replace("-", "") for row in cursor.fetchall()]


def test_old_answers_are_deduplicated_and_anonymous_ones_reshuffled():
    apps = _migrate(BEFORE)
    try:
        Region = apps.get_model("panels", "Region")
        Survey = apps.get_model("surveys", "Survey")
        Question = apps.get_model("surveys", "Question")
        Choice = apps.get_model("surveys", "Choice")
        Response = apps.get_model("surveys", "Response")
        Answer = apps.get_model("surveys", "Answer")
        region = Region.objects.create(name="Lappi", slug="lappi-migraatio")
        named = Survey.objects.create(region=region, title="Nimellinen")
        question = Question.objects.create(survey=named, kind="multiple_choice", text="Miten?")
        phone = Choice.objects.create(question=question, label="Puhelin")
        response = Response.objects.create(survey=named)
        for _ in range(3):
            Answer.objects.create(response=response, question=question, choice=phone)
        Answer.objects.create(response=response, question=question, text="Kirje")
        Answer.objects.create(response=response, question=question, text="Kirje")

        anonymous = Survey.objects.create(region=region, title="Nimetön", is_anonymous=True)
        text_question = Question.objects.create(survey=anonymous, kind="long_text", text="?")
        first_day = datetime(2026, 3, 1, 22, 0, tzinfo=UTC)
        texts = [f"Vastaus {n}" for n in range(12)]
        for n, text in enumerate(texts):
            one = Response.objects.create(
                survey=anonymous, submitted_at=first_day + timedelta(days=n // 4)
            )
            Answer.objects.create(response=one, question=text_question, text=text)
        old_ids = set(Response.objects.filter(survey=anonymous).values_list("pk", flat=True))
    finally:
        _migrate(AFTER)

    from panels.surveys.models import Answer, Response

    assert Answer.objects.filter(response__survey__title="Nimellinen").count() == 2
    moved = Response.objects.filter(survey__title="Nimetön")
    assert moved.count() == len(texts) and not (set(moved.values_list("pk", flat=True)) & old_ids)
    assert sorted(Answer.objects.filter(response__in=moved).values_list("text", flat=True)) == (
        sorted(texts)
    )
    # One time for all of them: the latest.
    assert set(moved.values_list("submitted_at", flat=True)) == {first_day + timedelta(days=2)}
    by_id = {str(a.response_id).replace("-", ""): a.text for a in Answer.objects.all()}
    stored = [by_id[pk] for pk in _physical_order("surveys_response") if pk in by_id]
    stored = [text for text in stored if text in texts]
    assert stored not in (texts, texts[::-1])
