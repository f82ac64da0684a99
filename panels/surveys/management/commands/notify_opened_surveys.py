from django.core.management.base import BaseCommand

from panels.surveys.services import notify_opened_surveys, release_closed_surveys


class Command(BaseCommand):
    help = (
        "Tell panel members about surveys whose opening time has come, and add the anonymous "
        "answers still waiting in closed surveys to their results. Safe to run as often as "
        "you like (e.g. every few minutes from cron): each survey is announced once, and each "
        "answer stored once."
    )

    def handle(self, *args, **options):
        told = notify_opened_surveys()
        self.stdout.write(f"Told {told} people about newly opened surveys.")
        stored = release_closed_surveys()
        self.stdout.write(f"Added {stored} waiting answers of closed surveys to their results.")
