"""Small-number suppression: no group under the minimum is shown, nor derivable."""

from panels.segments.splits import MIN_GROUP_SIZE, OTHER, suppressed_split

LABELS = {"young": "Nuoret aikuiset", "carers": "Omaishoitajat", "older": "Ikääntyneet"}


def shown(rows):
    return {row.key: row.count for row in rows}


def test_large_groups_are_shown_largest_first_and_the_rest_folded():
    rows = suppressed_split({"young": 12, "carers": 6, "older": 2, None: 4}, LABELS)
    assert [(row.label, row.count) for row in rows] == [
        ("Nuoret aikuiset", 12),
        ("Omaishoitajat", 6),
        (str(OTHER), 6),
    ]


def test_a_fold_under_the_minimum_takes_in_the_smallest_group_shown():
    rows = suppressed_split({"young": 12, "carers": 6, "older": 2}, LABELS)
    assert shown(rows) == {"young": 12, None: 8}
    assert all(row.count >= MIN_GROUP_SIZE for row in rows)


def test_every_number_shown_is_at_least_the_minimum_and_they_add_up():
    for counts in (
        {"young": 5, "carers": 4},
        {"young": 30, "carers": 1, "older": 1},
        {"young": 7, None: 1},
        {"young": 5, "carers": 5, "older": 5},
    ):
        rows = suppressed_split(counts, LABELS)
        assert all(row.count >= MIN_GROUP_SIZE for row in rows), counts
        assert sum(row.count for row in rows) == sum(counts.values())


def test_too_few_people_in_all_shows_nothing():
    assert suppressed_split({"young": 3, None: 1}, LABELS) == []
    assert suppressed_split({}, LABELS) == []
