"""Responses and answers get random UUID keys instead of numbers counting up (1/2).

Sequential keys ordered anonymous responses the same way as the "has answered" markers
(both are stored in one transaction), so the k-th marker named the person behind the k-th
response. Here every existing response and answer gets a random key beside its old number,
and each answer notes its response's new key; 0005 makes the new keys the primary keys.
Two migrations, because PostgreSQL does not alter a table in the transaction that updated
its rows while foreign-key checks are still pending.

Irreversible on purpose: the old numbers are what gave the order away.
"""

import uuid

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 1000


def _give_random_keys(model):
    rows = []
    for row in model.objects.only("pk").iterator(chunk_size=BATCH):
        row.uuid = uuid.uuid4()
        rows.append(row)
        if len(rows) == BATCH:
            model.objects.bulk_update(rows, ["uuid"])
            rows = []
    if rows:
        model.objects.bulk_update(rows, ["uuid"])


def fill_keys(apps, schema_editor):
    Response = apps.get_model("panels", "Response")
    Answer = apps.get_model("panels", "Answer")
    _give_random_keys(Response)
    _give_random_keys(Answer)
    Answer.objects.update(
        response_uuid=Subquery(
            Response.objects.filter(pk=OuterRef("response_id")).values("uuid")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0003_surveys"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="answer",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="answer",
            name="response_uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_keys),
    ]
