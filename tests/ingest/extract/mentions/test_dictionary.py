"""The model's French dictionary and coined names, on invented words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.mentions.dictionary import coined, is_dictionary_word, is_inflected_verb


@pytest.mark.parametrize("word", ["solidarité", "Passerelle", "ateliers", "Chiffons", "office"])
def test_words_of_french_are_in_the_dictionary(word: str) -> None:
    assert is_dictionary_word(word)
    assert not coined(word.capitalize())


@pytest.mark.parametrize("word", ["Brivelune", "Tralivo", "Zorgane.net", "Gardettes"])
def test_a_word_no_dictionary_holds_is_coined(word: str) -> None:
    assert coined(word)


@pytest.mark.parametrize(
    "word", ["Marie", "Jean-Pierre", "ESS", "Ab", "brivelune", "Vélo Cité", "Lefebvre", "Erasmus"]
)
def test_given_names_acronyms_short_or_lower_case_words_are_not_coined(word: str) -> None:
    assert not coined(word)


def test_an_inflected_verb_is_no_noun() -> None:
    assert is_inflected_verb("installée") and is_inflected_verb("basées")
    assert not is_inflected_verb("santé") and not is_inflected_verb("communauté")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_coined_never_crashes(word: str) -> None:
    assert coined(word) in (True, False)
