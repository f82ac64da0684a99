from django.core.management.base import BaseCommand

from accounts.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete what is kept no longer than settings.RETENTION allows: old notices, accounts "
        "never verified, and (after an e-mailed warning) accounts long unused. Run daily."
    )

    def handle(self, *args, **options):
        for rule, count in apply_retention().items():
            self.stdout.write(f"{rule}: {count}")
