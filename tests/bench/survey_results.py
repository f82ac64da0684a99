"""Time the survey results page at 10 and 10,000 responses (not a test: prints a table).

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python tests/bench/survey_results.py

Runs on a throw-away test database (SQLite in memory by default, or DATABASE_URL).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

ROUNDS = 5


def main():
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.panels.surveys.bulk import add_responses, survey_for_panel

        survey, member = survey_for_panel()
        client = Client()
        client.force_login(member)
        url = f"/surveys/{survey.pk}/results/"
        print(f"{'responses':>10} {'queries':>8} {'median ms':>10} {'min ms':>8}")
        for size in (10, 10_000):
            add_responses(survey, size - survey.responses.count())
            client.get(url)
            timings = []
            for _ in range(ROUNDS):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    assert client.get(url).status_code == 200
                    timings.append((time.perf_counter() - start) * 1000)
            print(
                f"{size:>10} {len(queries):>8} {statistics.median(timings):>10.1f} "
                f"{min(timings):>8.1f}"
            )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
