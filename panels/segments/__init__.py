"""The lists a region keeps to split what its clients say: service areas (health stations,
disability services, …) and client groups (young adults, family carers, …), and what each
person declares about themselves, if they wish.

Feedback, interviews, survey results and the dashboards split by these, always with the
small-number suppression in ``splits``: a group of fewer than ``MIN_GROUP_SIZE`` people is
never shown on its own."""
