# Hiding a message in a meeting's live room is recorded as a ModerationAction, as for ideas
# and comments; the message's own "hidden by" goes, after its hides are copied into the record.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def record_existing_hides(apps, schema_editor):
    RoomMessage = apps.get_model("ideas", "RoomMessage")
    ModerationAction = apps.get_model("ideas", "ModerationAction")
    ModerationAction.objects.bulk_create(
        ModerationAction(
            kind="hide",
            room_message=message,
            moderator_id=message.hidden_by_id,
            reason=message.hidden_reason,
            created_at=message.hidden_at,
        )
        for message in RoomMessage.objects.filter(hidden_at__isnull=False)
    )


def restore_hidden_by(apps, schema_editor):
    RoomMessage = apps.get_model("ideas", "RoomMessage")
    ModerationAction = apps.get_model("ideas", "ModerationAction")
    for message in RoomMessage.objects.filter(hidden_at__isnull=False):
        last_hide = (
            ModerationAction.objects.filter(room_message=message, kind="hide")
            .order_by("-created_at", "-pk")
            .first()
        )
        if last_hide is not None:
            message.hidden_by_id = last_hide.moderator_id
            message.save(update_fields=["hidden_by"])
    ModerationAction.objects.filter(room_message__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0005_feedback_kept_when_account_deleted"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="moderationaction",
            name="room_message",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="moderation_actions",
                to="ideas.roommessage",
                verbose_name="room message",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="moderationaction",
            name="ideas_moderation_one_target",
        ),
        migrations.AddConstraint(
            model_name="moderationaction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("comment__isnull", True),
                        ("idea__isnull", False),
                        ("room_message__isnull", True),
                    ),
                    models.Q(
                        ("comment__isnull", False),
                        ("idea__isnull", True),
                        ("room_message__isnull", True),
                    ),
                    models.Q(
                        ("comment__isnull", True),
                        ("idea__isnull", True),
                        ("room_message__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="ideas_moderation_one_target",
            ),
        ),
        migrations.RunPython(record_existing_hides, restore_hidden_by),
        migrations.RemoveField(
            model_name="roommessage",
            name="hidden_by",
        ),
    ]
