from datetime import UTC, datetime

import pytest

from autopost.domain.board import Board, BoardNotFound, BoardSource, choose_board
from autopost.domain.pinterest_rules import PinTemplate, check_pin, shorten

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def boards(*names: str) -> list[Board]:
    return [Board(1, f"90{i}", name, BoardSource.API, NOW) for i, name in enumerate(names)]


def test_the_topics_board_is_chosen_whatever_its_case() -> None:
    assert choose_board("python", boards("code", "Python"), "777") == "901"


def test_without_a_board_for_the_topic_the_code_board_is_chosen() -> None:
    assert choose_board("Rust", boards("Code", "Python"), "777") == "900"


def test_without_a_code_board_the_accounts_default_board_is_chosen() -> None:
    assert choose_board("Rust", boards("Python"), "777") == "777"


def test_with_no_board_at_all_the_error_names_the_topic_and_the_boards() -> None:
    with pytest.raises(BoardNotFound) as missing:
        choose_board("Rust", boards("Python", "Go"), None)
    assert "'Rust'" in str(missing.value) and "Go, Python" in str(missing.value)
    assert missing.value.known_boards == ["Python", "Go"]


def test_a_pin_without_a_topic_goes_to_the_code_board() -> None:
    assert choose_board(None, boards("code"), None) == "900"


def test_short_text_is_kept_as_it_is() -> None:
    assert shorten("  Hello world ", 100) == "Hello world"


def test_long_text_is_cut_on_a_word_boundary_with_an_ellipsis() -> None:
    cut = shorten("What does this Python code return when run twice?", 30)
    assert cut == "What does this Python code…"
    assert len(cut) <= 30


def test_a_single_word_longer_than_the_limit_is_cut_inside_it() -> None:
    assert shorten("x" * 120, 100) == "x" * 99 + "…"


def test_the_quiz_template_fills_title_and_answer_options() -> None:
    template = PinTemplate()
    assert template.render_title("Python") == "Что вернет этот код Python?"
    assert template.render_description(["1", "2"]) == "Выбери правильный ответ\nA) 1\nB) 2"


def test_the_template_is_configurable() -> None:
    template = PinTemplate(title="Quiz: {topic}", description="Pick one")
    assert template.render_title("Go") == "Quiz: Go"


def test_a_pin_needs_an_https_image_and_a_web_link() -> None:
    assert check_pin("https://cdn.example.com/a.png", "https://site.example/q/1", None) == {}
    errors = check_pin("http://cdn.example.com/a.png", "ftp://x", "a" * 501)
    assert set(errors) == {"url", "link", "alt_text"}
