import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PEOPLE, seed_people
from cms.demo import seed_impact_reports, seed_pages
from cms.experiments.demo import seed_experiments
from cms.frontpage.demo import seed_region_pages
from cms.statement.demo import seed_statement
from ideas.demo import seed_ideas, seed_walk_idea, seed_workshop_idea
from ideas.service_feedback.demo import seed_feedback
from panels.demo import seed_panels
from panels.meetings.demo import seed_meeting_rooms
from panels.segments.demo import seed_segments
from panels.surveys.series.demo import seed_series
from panels.walks.demo import seed_walks
from panels.workshops.demo import seed_workshops

DEFAULT_DEMO_PASSWORD = "kohtaamo-demo-2026"  # noqa: S105 - known on purpose, development only


class Command(BaseCommand):
    help = "Create the demo content (people, pages, …). Safe to run again: it updates in place."

    def handle(self, *args, **options):
        if settings.KOHTAAMO_ENV == "production":
            raise CommandError("seed_demo creates known passwords and never runs in production.")
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        with transaction.atomic():
            seed_people(password)
            seed_pages()
            seed_statement()  # after the home pages, which it sits under
            seed_panels()
            seed_segments()  # after the regions: each keeps its own lists
            seed_series()  # after the panels: a panel's life wheel over time
            seed_ideas()
            seed_feedback()  # after the ideas and segments: Etelä-Karjala's inbox
            seed_meeting_rooms()  # after both: people of both seeds speak in the rooms
            seed_workshops()  # after both too: people of both seeds take part
            seed_workshop_idea()  # after the workshops: one decision becomes an idea
            seed_walks()  # after the panels: Central Finland's ward walk and its report
            seed_walk_idea()  # after the walks: one finding becomes an idea
            seed_experiments()  # after the ideas: experiments grow from them
            seed_region_pages()  # after the regions: a landing page for each
            seed_impact_reports()  # last: it cites the ideas
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        if settings.DEBUG:
            self.stdout.write("Demo log-ins (e-mail / password):")
            for email, display_name, role, is_superuser in DEMO_PEOPLE:
                what = "administrator" if is_superuser else role.label
                self.stdout.write(f"  {email:<30} {password}   {display_name} ({what})")
