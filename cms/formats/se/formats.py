"""Northern Sámi dates and numbers, after the Unicode CLDR's ``se`` locale.

A date reads "juovlamánu 5. b. 2026": the month in the genitive (Django's "alternative"
month names, ``E``, given in Sámi in the project catalogue), the day with "b." (beaivi).
Times use a colon; numbers a decimal comma and a non-breaking space between thousands.
"""

DATE_FORMAT = r"E j. \b. Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"E j. \b. Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = r"E j. \b."
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M", "%H.%M"]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
