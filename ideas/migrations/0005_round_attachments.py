# Written by hand (ideas/models.py is being changed by others at the same time): only
# RoundAttachment, as `makemigrations ideas` generates it.

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0004_idea_erased_at'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.CreateModel(
            name='RoundAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('title', models.CharField(blank=True, help_text="The link's text. Leave empty to use the document's own title.", max_length=255, validators=[django.core.validators.RegexValidator('[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]', code='line_break', inverse_match=True, message='Write this on one line, without line breaks.')], verbose_name='title')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtaildocs.document', verbose_name='document')),
                ('round', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='ideas.idearound', verbose_name='idea round')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
                'ordering': ['sort_order', 'pk'],
                'abstract': False,
            },
        ),
    ]
