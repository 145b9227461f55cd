from datetime import UTC, datetime

import pytest

from autopost.domain.board import (
    Board,
    BoardNotFound,
    BoardSection,
    BoardSource,
    Placement,
    choose_board,
    choose_place,
    place_of_section,
)
from autopost.domain.errors import ValidationFailed
from autopost.domain.pinterest_rules import PinTemplate, check_pin, check_pin_images, shorten

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


def sections(*places: tuple[str, str]) -> list[BoardSection]:
    """(board id, section name) each; section ids 50, 51, ..."""
    return [
        BoardSection(1, board_id, f"5{i}", name, NOW) for i, (board_id, name) in enumerate(places)
    ]


def test_the_topics_board_wins_over_a_section_of_the_same_name() -> None:
    found = choose_place("python", boards("code", "Python"), sections(("900", "python")), None)
    assert found == Placement("901")


def test_without_a_board_for_the_topic_a_section_named_after_it_is_chosen() -> None:
    found = choose_place("Rust", boards("Go"), sections(("900", "rust ")), None)
    assert found == Placement("900", "50")


def test_a_topics_section_on_the_code_board_comes_before_the_default_boards() -> None:
    known = boards("Go", "code")
    found = choose_place("Rust", known, sections(("900", "Rust"), ("901", "Rust")), "900")
    assert found == Placement("901", "51")


def test_a_topics_section_on_the_default_board_comes_before_the_others() -> None:
    known = boards("Go", "Art", "Zoo")
    found = choose_place("Rust", known, sections(("901", "Rust"), ("902", "Rust")), "902")
    assert found == Placement("902", "51")


def test_among_other_boards_sections_the_first_board_by_name_wins() -> None:
    known = boards("Zoo", "Art")
    found = choose_place("Rust", known, sections(("900", "Rust"), ("901", "Rust")), None)
    assert found == Placement("901", "51")


def test_without_a_board_or_section_for_the_topic_the_code_board_has_no_section() -> None:
    found = choose_place("Rust", boards("code"), sections(("900", "Go")), "777")
    assert found == Placement("900")
    assert choose_place(None, boards("Go"), sections(("900", "Go")), "777") == Placement("777")


def test_with_no_place_at_all_the_topic_and_boards_are_named() -> None:
    with pytest.raises(BoardNotFound):
        choose_place("Rust", boards("Go"), sections(("900", "Go")), None)


def test_a_multi_image_pin_has_two_to_five_https_images() -> None:
    two = [{"url": "https://cdn.example.com/1.png"}, {"url": "https://cdn.example.com/2.png"}]
    assert check_pin_images(two) == []
    assert check_pin_images(two[:1]) == ["A multi-image pin has 2 to 5 images."]
    assert check_pin_images(two * 3) == ["A multi-image pin has 2 to 5 images."]
    assert check_pin_images(two * 2 + two[:1]) == []


def test_each_image_is_held_to_what_pinterest_takes_of_it() -> None:
    problems = check_pin_images(
        [
            {"url": "http://cdn.example.com/1.png", "link": "ftp://x"},
            {"url": "https://cdn.example.com/2.png", "alt_text": "no", "title": 3},
        ]
    )
    assert problems == [
        "Image 1: give its url, a public https URL.",
        "Image 1: give a link of at most 2048 characters (a web address).",
        "Image 2: alt_text is not something Pinterest takes (only url, title, description, link).",
        "Image 2: title is text.",
    ]


def test_a_section_given_alone_goes_to_the_board_the_cache_has_it_on() -> None:
    assert place_of_section("50", None, sections(("900", "Rust"))) == Placement("900", "50")


def test_a_section_given_with_its_board_is_taken_even_when_not_cached() -> None:
    assert place_of_section("77", "901", sections(("900", "Rust"))) == Placement("901", "77")


def test_a_section_of_another_board_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        place_of_section("50", "901", sections(("900", "Rust")))
    assert refused.value.errors == {
        "board_section_id": ["The section 50 is on board 900, not on board 901."]
    }


def test_an_unknown_section_without_a_board_and_a_section_id_not_a_number_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="No known section 77"):
        place_of_section("77", None, sections(("900", "Rust")))
    with pytest.raises(ValidationFailed, match="is a number"):
        place_of_section("5a", "900", [])
