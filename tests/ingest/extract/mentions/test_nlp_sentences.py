"""The parser's sentences: a split with no end mark inside a line is joined again."""

from __future__ import annotations

from typing import Any

from ingest.extract.mentions.nlp import parse


def _sentences(nlp: Any, text: str) -> list[str]:
    return [text[s.start : s.end].strip() for s in parse(nlp, text, [(0, len(text))])]


def test_a_split_with_no_end_mark_is_one_sentence(nlp: Any) -> None:
    text = (
        "Voilà quelques-uns des tarifs pratiqués par cette branche de l’association d’insertion "
        "Orme Activités, fondée par Gregory Coo, employant une centaine de personnes."
    )
    found = _sentences(nlp, text)
    assert found == [text]
    sentence = parse(nlp, text, [(0, len(text))])[0]
    assert all(0 <= t.head < len(sentence.tokens) for t in sentence.tokens)


def test_sentences_ending_on_a_mark_or_a_line_stay_apart(nlp: Any) -> None:
    text = "La Ruche Verte ouvre. Elle recrute !\nUn atelier suit"
    assert _sentences(nlp, text) == ["La Ruche Verte ouvre.", "Elle recrute !", "Un atelier suit"]
