"""The vocabulary check itself (``tests.ui.vocabulary.developer_words``): a code is found
where it stands alone, never inside a longer word or id, and a text a window repeats (its drug
lists) is read and reported once."""

from __future__ import annotations

from tests.ui.vocabulary import developer_words


def test_a_code_is_found_only_where_it_stands_alone() -> None:
    for text in ("Set: cdc-2022", "(cdc-2022)", "cdc-2022.", "— cdc-2022 —"):
        assert [word for word, _ in developer_words([text])] == ["cdc-2022"], text
    for text in ("xcdc-2022", "cdc-2022x", "cdc-2022-old", "new-cdc-2022", "CDC 2022"):
        assert developer_words([text]) == [], text


def test_the_first_problem_of_a_text_is_named_and_each_text_once() -> None:
    texts = ["Row 1 uses uk-palliative, then cdc-2022", "fine", "Row 1 uses uk-palliative"]
    found = developer_words([*texts, texts[0]])
    assert [word for word, _ in found] == ["uk-palliative", "uk-palliative"]
    assert developer_words(["a daily_dose field"])[0][0] == "daily_dose"  # the patterns first
