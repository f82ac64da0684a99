"""Small-number suppression for counts of people, on top of panels.segments.splits (which
folds small groups of a breakdown).

A count of people between 1 and ``MIN_GROUP_SIZE - 1`` is never shown: it reads "fewer than
5". Zero is shown: it exposes nobody. The differencing guard: when a series (the months of
a figure) has suppressed cells, the smallest other non-zero cells are suppressed too until
the hidden cells together hold at least the minimum, so that the total minus the shown cells
never gives a small number away. A total below the minimum is suppressed as well.

What this does not guard against: a region's series read against the platform's, or against
other regions' (platform minus the other regions). Each series is suppressed on its own, and
the statistics page says so."""

from django.utils.translation import gettext as _

from panels.segments.splits import MIN_GROUP_SIZE, suppressed_split

__all__ = ["MIN_GROUP_SIZE", "fewer_than", "is_small", "suppressed_cells", "suppressed_split"]


def is_small(count, minimum=MIN_GROUP_SIZE):
    return count is not None and 0 < count < minimum


def suppressed_cells(counts, minimum=MIN_GROUP_SIZE):
    """Which of ``counts`` (numbers of people) to hide, as a list of booleans."""
    hidden = [is_small(count, minimum) for count in counts]
    if not any(hidden):
        return hidden
    shown = sorted(
        (index for index, count in enumerate(counts) if count and not hidden[index]),
        key=lambda index: (counts[index], index),
    )
    hidden_sum = sum(count for count, is_hidden in zip(counts, hidden, strict=True) if is_hidden)
    for index in shown:
        if hidden_sum >= minimum:
            break
        hidden[index] = True
        hidden_sum += counts[index]
    return hidden


def fewer_than(minimum=MIN_GROUP_SIZE):
    return _("fewer than %(minimum)s") % {"minimum": minimum}
