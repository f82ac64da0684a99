# Written by hand (other apps' models are being changed at the same time): only the idea's
# link to the observation walk finding it was made from, as `makemigrations ideas` generates it.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0007_idea_workshop_decision"),
        ("walks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="idea",
            name="walk_finding",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="idea",
                to="walks.finding",
                verbose_name="observation walk finding",
            ),
        ),
    ]
