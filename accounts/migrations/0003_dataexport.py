import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_email_token_key"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataExport",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="requested"
                    ),
                ),
                ("ready_at", models.DateTimeField(blank=True, null=True, verbose_name="ready")),
                ("expires_at", models.DateTimeField(verbose_name="expires")),
                ("content", models.BinaryField(blank=True, null=True, verbose_name="ZIP file")),
                ("size", models.PositiveIntegerField(default=0, verbose_name="size in bytes")),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="data_exports",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "data export",
                "verbose_name_plural": "data exports",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(fields=["person", "-created_at"], name="accounts_export_person")
                ],
            },
        ),
    ]
