"""Which life-wheel domain of one round is which of another.

A round after the first is a copy of the one before (``services.start_next_round``), so the
domains are matched by position: the n-th life-wheel question of each round is one wheel of
the series, and its m-th domain one domain. Stored rows keep their own choice ids; only this
module pairs them up. Labels shown are the latest round's (a domain may be reworded).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from panels.surveys.models import Question, QuestionKind


@dataclass
class Wheel:
    """One life wheel of a series, as asked in every round."""

    position: int
    title: str
    labels: list
    # round id -> the round's choice ids, by domain position
    choices: dict = field(default_factory=dict)

    @property
    def dom_id(self):
        return f"wheel-{self.position}"


@dataclass
class SeriesWheels:
    wheels: list
    # round id -> {choice id: (wheel position, domain position)}
    positions: dict

    def ratings(self, round_id, values):
        """``values`` ({choice id: rating}) of one round, as a list per wheel of the ratings
        by domain position (None where nothing was given)."""
        out = [[None] * len(wheel.labels) for wheel in self.wheels]
        for choice_id, value in values.items():
            found = self.positions.get(round_id, {}).get(choice_id)
            if found is not None:
                out[found[0]][found[1]] = value
        return out


def life_wheels(survey_ids):
    """The life-wheel questions of the surveys, by survey id, in their order, with their
    domains prefetched: two queries whatever the number of surveys."""
    questions = (
        Question.objects.filter(survey__in=survey_ids, kind=QuestionKind.LIFE_WHEEL)
        .order_by("survey", "sort_order", "pk")
        .prefetch_related("choices")
    )
    found = defaultdict(list)
    for question in questions:
        found[question.survey_id].append(question)
    return found


def series_wheels(rounds):
    """The wheels asked in ``rounds`` (SeriesRound rows in round order)."""
    by_survey = life_wheels([r.survey_id for r in rounds])
    count = max((len(by_survey[r.survey_id]) for r in rounds), default=0)
    wheels = [Wheel(position=n, title="", labels=[]) for n in range(count)]
    positions = defaultdict(dict)
    for round_ in rounds:
        for n, question in enumerate(by_survey[round_.survey_id]):
            wheel = wheels[n]
            domains = list(question.choices.all())
            wheel.title = question.text  # the latest round's wins
            for m, domain in enumerate(domains):
                if m < len(wheel.labels):
                    wheel.labels[m] = domain.label
                else:
                    wheel.labels.append(domain.label)
                positions[round_.pk][domain.pk] = (n, m)
            wheel.choices[round_.pk] = [domain.pk for domain in domains]
    return SeriesWheels(wheels=wheels, positions=dict(positions))
