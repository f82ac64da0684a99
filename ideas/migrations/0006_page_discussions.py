# Written by hand (ideas/models.py is being changed by others at the same time): only
# PageDiscussion and a comment's place, as `makemigrations ideas` generates them.
# Existing comments all have an idea, so the new constraint holds for every row.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0005_round_attachments'),
        ('panels', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='comment',
            name='idea',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.idea', verbose_name='idea'),
        ),
        migrations.CreateModel(
            name='PageDiscussion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_public', models.BooleanField(default=False, verbose_name='public')),
                ('is_open', models.BooleanField(default=True, verbose_name='open for comments')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('url', models.TextField(verbose_name='address')),
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='discussion', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='page')),
                ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='page_discussions', to='panels.region', verbose_name='region')),
            ],
            options={
                'verbose_name': 'page discussion',
                'verbose_name_plural': 'page discussions',
            },
        ),
        migrations.AddField(
            model_name='comment',
            name='discussion',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.pagediscussion', verbose_name='page discussion'),
        ),
        migrations.AddConstraint(
            model_name='comment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('discussion__isnull', True), ('idea__isnull', False)), models.Q(('discussion__isnull', False), ('idea__isnull', True)), _connector='OR'), name='ideas_comment_one_place'),
        ),
    ]
