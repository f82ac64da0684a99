from django.core.management.base import BaseCommand

from accounts.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Send each person who chose a daily digest one e-mail with their unread news. Run daily."

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        self.stdout.write(f"Digest task enqueued ({result.id}).")
