"""Responses and answers get random UUID keys instead of numbers counting up (2/2).

0004 gave every response and answer a random key beside its old number. Here the answers
are detached from their response (the foreign key is rebuilt on the new key at the end),
the old numbers are dropped and the UUIDs become the primary keys, for answers and then
responses, and the answers point at their response through its new key. (The old key goes
first: PostgreSQL keeps a table's primary key when another column becomes one.)
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def _uuid_key():
    return models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0004_response_and_answer_uuids"),
    ]

    operations = [
        migrations.RemoveField(model_name="answer", name="response"),
        migrations.RemoveField(model_name="answer", name="id"),
        migrations.AlterField(model_name="answer", name="uuid", field=_uuid_key()),
        migrations.RenameField(model_name="answer", old_name="uuid", new_name="id"),
        migrations.RemoveField(model_name="response", name="id"),
        migrations.AlterField(model_name="response", name="uuid", field=_uuid_key()),
        migrations.RenameField(model_name="response", old_name="uuid", new_name="id"),
        migrations.RenameField(model_name="answer", old_name="response_uuid", new_name="response"),
        migrations.AlterField(
            model_name="answer",
            name="response",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="panels.response",
            ),
        ),
    ]
