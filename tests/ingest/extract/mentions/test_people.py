"""People named with a family name in capitals, and names of streets that are no people
(invented sentences)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.people import capitalised_family_names, people_before_titles
from ingest.extract.mentions.structural import after_place_word
from ingest.extract.segment.normalise import normalise


def _names(text: str) -> list[str]:
    return [m.text for m in capitalised_family_names(Document(normalise(text)))]


def test_a_given_name_and_a_family_name_in_capitals() -> None:
    assert _names("Devant Jeanne MARTIN-LEFORT et Paul DURAND, le bureau vote.") == [
        "Jeanne MARTIN-LEFORT",
        "Paul DURAND",
    ]


def test_an_acronym_or_a_street_is_no_family_name() -> None:
    assert _names("Le Pôle ESS et la Maison PTCE ouvrent rue Victor HUGO.") == []


def test_a_street_or_school_word_before_a_name() -> None:
    text = "Le local est au 16 avenue Jules Ferry, près du lycée Jean Moulin."
    assert after_place_word(text, text.index("Jules"))
    assert after_place_word(text, text.index("Jean"))
    assert not after_place_word("Elle a vu Jules Ferry hier.", 10)


@given(st.text(max_size=60))
def test_capitalised_family_names_never_crash(text: str) -> None:
    doc = Document(normalise(text))
    for m in capitalised_family_names(doc):
        assert doc.text[m.start : m.end] == m.text


def test_a_given_and_family_name_before_a_comma_and_a_title(nlp: Any) -> None:
    text = "« On trie tout. » Camille Petit, directrice adjointe, sourit. Maison Bleue, présidente."
    doc = Document(normalise(text), nlp)
    assert [m.text for m in people_before_titles(doc)] == ["Camille Petit"]
    text = "Le bureau a élu Jean-Marc Le Bris, directeur général de la coopérative."
    doc = Document(normalise(text), nlp)
    assert [m.text for m in people_before_titles(doc)] == ["Jean-Marc Le Bris"]


def test_a_body_and_its_area_in_capitals_is_no_person() -> None:
    text = "Étaient là Jean Roux (Direccte XYZA) et Anne MARTIN."
    doc = Document(normalise(text))
    start = text.index("Direccte")
    doc.found.append(Mention(start, start + 8, "organisation", "Direccte"))
    assert [m.text for m in capitalised_family_names(doc)] == ["Anne MARTIN"]


def test_a_shared_family_name_needs_a_given_name_before_et(nlp: Any) -> None:
    from ingest.extract.mentions.structural import model_mentions

    def people(text: str) -> set[str]:
        doc = Document(normalise(text), nlp)
        found = model_mentions(doc.text, doc.lines, doc.entities, None)
        return {m.text for m in found if m.kind == "person"}

    assert people("Jeanne et Paul Xavier ont ouvert la boutique.") == {
        "Jeanne Xavier",
        "Paul Xavier",
    }
    text = "Lucie Dorme devient trésorière de la Chambre et Hugo Marais, représentant l'Union."
    assert "Chambre Marais" not in people(text)
