"""Normalisation keeps a map back to the original offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.segment.normalise import normalise


def test_joins_words_hyphenated_across_lines() -> None:
    norm = normalise("une coopé-\nrative de quartier")
    assert norm.text == "une coopérative de quartier"
    start = norm.text.index("coopérative")
    assert norm.exact(start, start + len("coopérative")) == "coopé-\nrative"


def test_drops_tags_emphasis_and_extra_spaces() -> None:
    norm = normalise("**Lucie MARTIN**   dirige <b>la Ruche</b> *depuis peu*")
    assert norm.text == "Lucie MARTIN dirige la Ruche depuis peu"


def test_keeps_footnote_marks() -> None:
    assert (
        normalise("le GRAAL*, puis\n* Groupe Régional").text == "le GRAAL*, puis\n* Groupe Régional"
    )


def test_spans_map_back_to_the_original() -> None:
    original = "La  **Ferme** des Ayettes, à Or-\nchies"
    norm = normalise(original)
    start = norm.text.index("Ferme des Ayettes")
    o_start, o_end = norm.to_original(start, start + len("Ferme des Ayettes"))
    assert original[o_start:o_end] == "Ferme** des Ayettes"


@given(st.text(alphabet=st.sampled_from("ab -\n*<>/éÉ\t"), max_size=60))
def test_every_character_maps_to_a_character_it_came_from(text: str) -> None:
    norm = normalise(text)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)
    for i, char in enumerate(norm.text):
        source = text[norm.origin[i]]
        assert source == char or (char == " " and source in " \t\u00a0\u202f")
