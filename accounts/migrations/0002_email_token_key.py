import secrets

from django.db import migrations, models

import accounts.models


def give_everyone_a_key(apps, schema_editor):
    # Each person their own key: a default computed once would give every row the same one.
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(email_token_key__isnull=True).only("pk").iterator():
        User.objects.filter(pk=user.pk).update(email_token_key=secrets.token_urlsafe(16))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_token_key",
            field=models.CharField(
                editable=False, max_length=32, null=True, verbose_name="key of e-mailed links"
            ),
        ),
        migrations.RunPython(give_everyone_a_key, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="user",
            name="email_token_key",
            field=models.CharField(
                default=accounts.models.new_email_token_key,
                editable=False,
                max_length=32,
                unique=True,
                verbose_name="key of e-mailed links",
            ),
        ),
    ]
