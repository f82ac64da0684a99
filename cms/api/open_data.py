"""The daily open-data dump: every API resource as a CSV and a JSON file, with a README that
states the licence (CC BY 4.0), the attribution and the date.

Written from the API's own querysets and serializers (cms.api.public, cms.api.serializers):
what the files contain is what the API shows, defined once. A run writes a new directory
next to the published one and then swaps the ``current`` link to it in one rename, so a
reader never sees half a dump; the previous run's directory is removed afterwards.
"""

import csv
import json
import os
import shutil
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from cms.statistics import figures

from . import public
from . import serializers as s

CURRENT = "current"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CHUNK = 500

# Resource name -> (queryset function, serializer): the same pairs as the API's endpoints.
RESOURCES = {
    "regions": (public.regions, s.RegionSerializer),
    "rounds": (public.rounds, s.RoundSerializer),
    "ideas": (public.ideas, s.IdeaSerializer),
    "status-changes": (public.status_changes, s.StatusChangeSerializer),
    "responses": (public.responses, s.ResponseSerializer),
    "experiments": (public.experiments, s.ExperimentSerializer),
    "practices": (public.practices, s.PracticeSerializer),
    "impact-reports": (public.impact_reports, s.ImpactReportSerializer),
    "surveys": (public.surveys, s.SurveySerializer),
}


def root():
    return Path(settings.OPEN_DATA_ROOT)


def current_dir():
    """The published dump's directory, or None before the first run."""
    link = root() / CURRENT
    return link.resolve() if link.exists() else None


def rows_of(queryset_function, serializer_class):
    """Serialized rows in id order, a page of rows at a time (the memory stays flat)."""
    queryset = queryset_function().order_by("pk")
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        yield from serializer_class(chunk, many=True).data
        last = chunk[-1].pk


def survey_results_rows():
    for survey in public.surveys().order_by("pk"):
        if not public.results_public(survey):
            continue
        results = public.survey_results(survey)
        results.survey_id = survey.pk
        results.minimum = public.MIN_RESPONSES_FOR_RESULTS
        yield s.SurveyResultsSerializer(results).data


def statistics_rows():
    """Every figure over the default period, for the whole platform and each region."""
    regions = [None, *public.regions().order_by("slug")]
    for slug in figures.FIGURES:
        for region in regions:
            yield figures.compute(slug, region=region)


def cell(value):
    """A CSV cell: nested lists and objects as JSON text, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return value


def write_resource(directory, name, rows):
    rows = [dict(row) for row in rows]
    with open(directory / f"{name}.json", "w", encoding="utf-8") as out:
        json.dump(rows, out, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
    columns = list(rows[0]) if rows else []
    with open(directory / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(column)) for column in columns])
    return len(rows)


def readme(counts, moment):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        "Kohtaamo open data",
        "",
        f"Written {moment.isoformat(timespec='seconds')}.",
        "",
        f"Licence: Creative Commons Attribution 4.0 International ({LICENCE}), {LICENCE_URL}",
        f'Attribution: "Kohtaamo open data, {base}/open-data/"',
        "",
        "Only what anyone can read on the site without signing in: public idea rounds and",
        "ideas, their status history and official responses, published pages, statistics with",
        "small numbers of people suppressed, and surveys' published aggregate results.",
        f"The same data, live and filterable: {base}/api/v1/ (documentation {base}/api/v1/docs/).",
        "",
        "Files (rows):",
        *[f"  {name}.csv, {name}.json ({count})" for name, count in counts.items()],
        "",
    ]
    return "\n".join(lines)


def export(moment=None):
    """Write a new dump and publish it; returns its directory."""
    moment = moment or timezone.now()
    base = root()
    (base / "releases").mkdir(parents=True, exist_ok=True)
    stamp = moment.strftime("%Y%m%dT%H%M%S%f")
    target = base / "releases" / stamp
    partial = base / "releases" / f".{stamp}.partial"
    partial.mkdir()
    try:
        # One language for labels and statistics titles: the site's default.
        with translation.override(settings.LANGUAGE_CODE):
            counts = {
                name: write_resource(partial, name, rows_of(*pair))
                for name, pair in RESOURCES.items()
            }
            counts["survey-results"] = write_resource(
                partial, "survey-results", survey_results_rows()
            )
            counts["statistics"] = write_resource(partial, "statistics", statistics_rows())
        (partial / "README.txt").write_text(readme(counts, moment), encoding="utf-8")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    previous = current_dir()
    link = base / f".{CURRENT}.{stamp}"
    link.symlink_to(Path("releases") / stamp)
    os.replace(link, base / CURRENT)  # the one step readers can see
    if previous is not None and previous != target.resolve():
        shutil.rmtree(previous, ignore_errors=True)
    return target


def published_files():
    """(name, size in bytes, modified) of the published dump's files, README first."""
    directory = current_dir()
    if directory is None:
        return []
    files = sorted(
        (path for path in directory.iterdir() if path.is_file()),
        key=lambda path: (path.name != "README.txt", path.name),
    )
    return [
        (
            path.name,
            path.stat().st_size,
            datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone()),
        )
        for path in files
    ]
