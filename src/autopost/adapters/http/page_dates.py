"""Month and weekday names on the pages, in the page's language, and ``strftime`` with them.

``strftime``'s own ``%a``/``%b`` follow the process's C locale (always English here, whatever
the page's language), so the names are put in by hand. Russian writes a month after a day in
the genitive ("6 декабря") and alone in the nominative ("Декабрь 2026"); machine formats
(``datetime`` attributes, form values) never go through here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from attrs import frozen

_CODE = re.compile(r"%.")


@frozen
class DateWords:
    # A month alone, as in a calendar's title.
    months: tuple[str, ...]
    # A month after a day's number: "6 December", "6 декабря" (strftime's %B).
    months_of: tuple[str, ...]
    months_short: tuple[str, ...]
    weekdays: tuple[str, ...]
    weekdays_short: tuple[str, ...]

    def strftime(self, moment: date, pattern: str) -> str:
        """``moment.strftime(pattern)`` with ``%a``, ``%A``, ``%b`` and ``%B`` in words."""
        names = {
            "%a": self.weekdays_short[moment.weekday()],
            "%A": self.weekdays[moment.weekday()],
            "%b": self.months_short[moment.month - 1],
            "%B": self.months_of[moment.month - 1],
        }

        def named(code: re.Match[str]) -> str:
            found = names.get(code.group())
            return code.group() if found is None else found.replace("%", "%%")

        return moment.strftime(_CODE.sub(named, pattern))


_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ENGLISH_DATES = DateWords(
    months=_ENGLISH_MONTHS,
    months_of=_ENGLISH_MONTHS,
    months_short=tuple(m[:3] for m in _ENGLISH_MONTHS),
    weekdays=_ENGLISH_WEEKDAYS,
    weekdays_short=tuple(d[:3] for d in _ENGLISH_WEEKDAYS),
)
RUSSIAN_DATES = DateWords(
    months=(
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ),
    months_of=(
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    # The abbreviations of the Russian style guides (a day's number before them: "6 дек").
    months_short=(
        "янв",
        "фев",
        "мар",
        "апр",
        "мая",
        "июн",
        "июл",
        "авг",
        "сен",
        "окт",
        "ноя",
        "дек",
    ),
    weekdays=(
        "Понедельник",
        "Вторник",
        "Среда",
        "Четверг",
        "Пятница",
        "Суббота",
        "Воскресенье",
    ),
    weekdays_short=("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"),
)
_BY_LANGUAGE: Mapping[str, DateWords] = {"en": ENGLISH_DATES, "ru": RUSSIAN_DATES}


def date_words(language: str) -> DateWords:
    return _BY_LANGUAGE.get(language, ENGLISH_DATES)
