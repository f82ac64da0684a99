"""The months a statistic covers: a period of whole months in the site's time zone.

Visitors see the default period, the last ``DEFAULT_MONTHS`` months up to this one; staff
may pick another of at most ``MAX_MONTHS`` months, from ``EARLIEST`` on."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_MONTHS = 12
MAX_MONTHS = 60
EARLIEST = date(2000, 1, 1)
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")


class PeriodError(ValueError):
    """A month or period that cannot be used; the message says why, for the person."""


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def parse_month(value):
    """A date (its month is taken) or "YYYY-MM" (or "YYYY-MM-DD") as the first of its month."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value.replace(day=1)
    match = MONTH_PATTERN.match(str(value).strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise PeriodError(
            _("“%(value)s” is not a month. Write it as year and month, e.g. 2026-03.")
            % {"value": value}
        )
    return date(int(match[1]), int(match[2]), 1)


@dataclass(frozen=True)
class Period:
    start: date  # the first day of the first month
    end: date  # the first day of the last month

    @property
    def months(self):
        count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return [add_months(self.start, offset) for offset in range(count)]

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_before(self):
        """The first moment after the period: the start of the month after its last."""
        return timezone.make_aware(datetime.combine(add_months(self.end, 1), time.min))

    @property
    def last_day(self):
        return date.fromordinal(add_months(self.end, 1).toordinal() - 1)

    def as_dict(self):
        return {"start": self.start.isoformat(), "end": self.last_day.isoformat()}


def this_month():
    return timezone.localdate().replace(day=1)


def default_period():
    end = this_month()
    return Period(add_months(end, 1 - DEFAULT_MONTHS), end)


def period_of(start=None, end=None):
    """The period from ``start`` to ``end`` (months; either may be missing). Raises
    PeriodError with a message for the person when it cannot be used."""
    if start is None and end is None:
        return default_period()
    end_month = parse_month(end) if end is not None else this_month()
    start_month = (
        parse_month(start) if start is not None else add_months(end_month, 1 - DEFAULT_MONTHS)
    )
    if end_month < start_month:
        raise PeriodError(
            _("The period ends before it starts: choose an end month after the start.")
        )
    if start_month < EARLIEST:
        raise PeriodError(_("The statistics start from January 2000."))
    if end_month > this_month():
        raise PeriodError(_("The period cannot end in a month that has not begun."))
    if len(Period(start_month, end_month).months) > MAX_MONTHS:
        raise PeriodError(_("Choose a period of at most %(count)s months.") % {"count": MAX_MONTHS})
    return Period(start_month, end_month)
