from django.core.management.base import BaseCommand

from cms.api.open_data import export


class Command(BaseCommand):
    help = (
        "Write the open-data files (CSV and JSON, CC BY 4.0) and publish them at /open-data/. "
        "Run daily."
    )

    def handle(self, *args, **options):
        directory = export()
        self.stdout.write(f"Open data written to {directory}")
