# Written by hand (other apps' models are being changed at the same time): only the idea's
# link to the workshop decision it was made from, as `makemigrations ideas` generates it.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0006_page_discussions'),
        ('workshops', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='idea',
            name='workshop_decision',
            field=models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='idea', to='workshops.decision', verbose_name='workshop decision'),
        ),
    ]
