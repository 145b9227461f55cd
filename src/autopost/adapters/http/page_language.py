"""The web pages' words in the request's language. Templates and page modules are written in
English; a catalogue (``page_words_ru``) gives each English text its Russian. Jinja2's own
i18n extension calls ``gettext`` and ``ngettext`` here: no Babel, no compiled ``.mo`` files.

A text the catalogue lacks is shown in English, so a missing word never breaks a page (the
completeness test in ``tests/unit`` is what keeps the catalogue whole)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from attrs import frozen

from autopost.adapters.http.page_words_ru import RUSSIAN, RUSSIAN_PLURALS


def english_plural_form(n: int) -> int:
    return 0 if n == 1 else 1


def russian_plural_form(n: int) -> int:
    """Which of Russian's three forms a count takes: 0 for 1, 21, 101 (пост), 1 for 2-4,
    22-24 (поста), 2 for 0, 5-20, 25-30, 111-114 (постов)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


@frozen
class PageWords:
    """One language's words: each English text, and each English plural's forms (keyed by the
    English singular)."""

    language: str
    singular: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    plural_form: Callable[[int], int]

    def gettext(self, text: str) -> str:
        return self.singular.get(text, text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plurals.get(singular)
        if forms is None:
            return singular if english_plural_form(n) == 0 else plural
        return forms[min(self.plural_form(n), len(forms) - 1)]


ENGLISH_WORDS = PageWords("en", {}, {}, english_plural_form)
RUSSIAN_WORDS = PageWords("ru", RUSSIAN, RUSSIAN_PLURALS, russian_plural_form)
_BY_LANGUAGE: Mapping[str, PageWords] = {"en": ENGLISH_WORDS, "ru": RUSSIAN_WORDS}


@cache
def page_words(language: str) -> PageWords:
    """The words of ``language``; English for a language the pages do not speak."""
    return _BY_LANGUAGE.get(language, ENGLISH_WORDS)
