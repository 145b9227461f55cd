"""The web pages speak Russian as fully as English: every text the templates mark for
translation, and every word a page module puts on a page, has its Russian, with the same
placeholders and the same HTML; Russian counts take the right one of three forms; month and
weekday names are Russian on a Russian page."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from jinja2 import Environment

from autopost.adapters.http import connect_answers
from autopost.adapters.http.page_dates import ENGLISH_DATES, RUSSIAN_DATES
from autopost.adapters.http.page_language import (
    ENGLISH_WORDS,
    RUSSIAN_WORDS,
    PageWords,
    page_words,
    russian_plural_form,
)
from autopost.adapters.http.page_words_ru import RUSSIAN, RUSSIAN_PLURALS
from autopost.adapters.http.pages import (
    account_pages,
    attempt_words,
    calendar_pages,
    compose_pages,
    compose_repeat,
    media_pages,
    profile_pages,
)
from autopost.adapters.http.pages.rendering import DESK_TEMPLATES, TEMPLATES
from autopost.application.posting import desk
from autopost.domain.credential import CredentialStatus, PinterestEnvironment
from autopost.domain.events import DESCRIPTIONS
from autopost.domain.media import ContentType
from autopost.domain.post_series import SeriesStatus
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import Frequency

pytestmark = pytest.mark.unit

PAGE_MODULES = Path(calendar_pages.__file__).parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TAG = re.compile(r"</?\w+")


def template_texts() -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(template, gettext function, its texts) for every text a template marks."""
    environment = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    for template in sorted([*TEMPLATES.glob("*.html"), *DESK_TEMPLATES.glob("*.html")]):
        source = template.read_text(encoding="utf-8")
        for _, function, found in environment.extract_translations(source):
            texts = (found,) if isinstance(found, str) else tuple(t for t in found if t)
            yield template.name, function, texts


def _not_words(tree: ast.Module) -> set[int]:
    """The string literals of a module that are no page's words: docstrings, a table's keys,
    the pieces of an f-string (looked up whole only: a page words those with ``gettext`` and
    ``%``), and the names of records not found (said by the not-found page)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Dict):
            skipped.update(id(key) for key in node.keys if key is not None)
        inside: list[ast.AST] = []
        if isinstance(node, ast.JoinedStr | ast.Subscript):
            inside = [node]
        elif isinstance(node, ast.Call) and _called(node) in ("NotFound", "record_id"):
            inside = list(node.args)
        for part in inside:
            skipped.update(id(inner) for inner in ast.walk(part))
    return skipped


def _called(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def python_sentences() -> Iterator[tuple[str, str]]:
    """(module, text) for each text a page module's code writes for a person: a sentence or
    a label (capitalized, more than one word), and whatever it looks up with ``gettext``."""
    modules = [*sorted(PAGE_MODULES.glob("*.py")), Path(connect_answers.__file__)]
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        skipped = _not_words(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == "gettext" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield module.name, first.value
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skipped
                and " " in node.value
                and node.value[:1].isupper()
            ):
                yield module.name, node.value


def python_words() -> list[str]:
    """The words page modules keep in tables and the application's words a page shows."""
    return [
        *calendar_pages.STATUS_LABELS.values(),
        *calendar_pages.DONE.values(),
        *compose_pages.STATUS_WORDS.values(),
        *attempt_words.ASKED_WORDS.values(),
        *attempt_words.ANSWER_WORDS.values(),
        *attempt_words.MOMENT_WORDS.values(),
        *compose_pages.FIRST_COMMENT_WORDS.values(),
        *(words for _, words in compose_pages.CONTENT_TYPES),
        *compose_pages.POST_NOTICES,
        *compose_repeat.DAY_NAMES.values(),
        *compose_repeat.FORM_WORDS.values(),
        *media_pages.MEDIA_TYPES.values(),
        *media_pages.ORIGINS.values(),
        *profile_pages.SECRET_LABELS.values(),
        account_pages.NO_BOARD,
        # What each event is, on the webhooks page.
        *DESCRIPTIONS.values(),
        # What to do about a failed publication (the post page's "What to do").
        *desk.EVERY_ADVICE,
        desk.WAITING_ADVICE,
        # Values a page shows as words: the approval page writes a status with spaces.
        *(status.value.replace("_", " ") for status in PublicationStatus),
        *(kind.value for kind in ContentType),
        *(state.value for state in CredentialStatus),
        *(environment.value for environment in PinterestEnvironment),
        *(frequency.value for frequency in Frequency),
        *(status.value for status in SeriesStatus),
    ]


def test_every_text_of_every_template_has_its_russian() -> None:
    missing = []
    found = 0
    for template, function, texts in template_texts():
        found += 1
        if function == "ngettext":
            if texts[0] not in RUSSIAN_PLURALS:
                missing.append((template, texts[0]))
        elif texts[0] not in RUSSIAN:
            missing.append((template, texts[0]))
    assert found > 250, "the templates' texts are found"
    assert not missing


def test_every_word_a_page_module_shows_has_its_russian() -> None:
    sentences = list(python_sentences())
    assert len(sentences) > 20, "the modules' sentences are found"
    missing = [(module, text) for module, text in sentences if text not in RUSSIAN]
    missing += [("tables", word) for word in python_words() if word not in RUSSIAN]
    assert not missing, missing


def test_a_russian_text_keeps_the_english_placeholders_and_html() -> None:
    def shape(text: str) -> tuple[set[str], list[str]]:
        return set(PLACEHOLDER.findall(text)), sorted(TAG.findall(text))

    wrong = [english for english, russian in RUSSIAN.items() if shape(english) != shape(russian)]
    for english, forms in RUSSIAN_PLURALS.items():
        wrong += [english for form in forms if shape(form) != shape(english)]
    assert not wrong


@pytest.mark.parametrize(
    ("count", "form"),
    [
        (1, 0),
        (21, 0),
        (101, 0),
        (2, 1),
        (4, 1),
        (22, 1),
        (104, 1),
        (0, 2),
        (5, 2),
        (11, 2),
        (12, 2),
        (14, 2),
        (20, 2),
        (111, 2),
        (1000, 2),
    ],
)
def test_russian_counts_take_one_of_three_forms(count: int, form: int) -> None:
    assert russian_plural_form(count) == form


def test_ngettext_in_a_template_writes_a_russian_count_in_its_form() -> None:
    posts = ("%(num)d пост", "%(num)d поста", "%(num)d постов")
    words = PageWords("ru", {}, {"%(num)d post": posts}, russian_plural_form)
    environment = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        words.gettext, words.ngettext, newstyle=True
    )
    template = environment.from_string('{{ ngettext("%(num)d post", "%(num)d posts", n) }}')

    shown = [template.render(n=n) for n in (1, 2, 5, 21, 11)]

    assert shown == ["1 пост", "2 поста", "5 постов", "21 пост", "11 постов"]


def test_english_counts_and_missing_texts_stay_english() -> None:
    assert ENGLISH_WORDS.ngettext("%(num)d user", "%(num)d users", 1) == "%(num)d user"
    assert ENGLISH_WORDS.ngettext("%(num)d user", "%(num)d users", 21) == "%(num)d users"
    assert RUSSIAN_WORDS.gettext("A text no page has") == "A text no page has"
    assert page_words("de") is ENGLISH_WORDS
    assert RUSSIAN_WORDS.ngettext("%(num)d member", "%(num)d members", 3) == "%(num)d участника"


def test_dates_name_months_and_weekdays_in_the_pages_language() -> None:
    sunday = date(2026, 12, 6)

    assert RUSSIAN_DATES.strftime(sunday, "%a %d %b %Y") == "Вс 06 дек 2026"
    assert RUSSIAN_DATES.strftime(sunday, "%d %B %Y, 100%%") == "06 декабря 2026, 100%"
    assert RUSSIAN_DATES.months[11] == "Декабрь"
    assert ENGLISH_DATES.strftime(sunday, "%a %d %b %Y") == "Sun 06 Dec 2026"
    for dates in (ENGLISH_DATES, RUSSIAN_DATES):
        assert len(dates.months) == len(dates.months_of) == len(dates.months_short) == 12
        assert len(dates.weekdays) == len(dates.weekdays_short) == 7
