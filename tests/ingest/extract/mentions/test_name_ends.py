"""A mention's span: trimmed of punctuation and of function words it cannot end on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.names import make_mention
from ingest.extract.pipeline import mention_stage
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("Vélocité et la", "Vélocité"),
        ("« Atelier du Lin de l’ »", "Atelier du Lin"),
        ("Maison des Possibles, ", "Maison des Possibles"),
        ("Terre de Liens", "Terre de Liens"),
        ("Café La", "Café La"),  # a capitalised word is a name's
    ],
)
def test_a_name_never_ends_on_a_function_word(span: str, name: str) -> None:
    mention = make_mention(span, 0, len(span), "organisation", "test")
    assert mention is not None and mention.text == name


def test_function_words_alone_are_no_mention() -> None:
    assert make_mention("de la", 0, 5, "organisation", "test") is None


@given(st.text(max_size=40))
def test_a_trimmed_span_stays_inside_and_never_ends_on_a_function_word(text: str) -> None:
    mention = make_mention(text, 0, len(text), "organisation", "test")
    if mention is not None:
        assert text[mention.start : mention.end] == mention.text
        assert mention.text.split()[-1] not in {"et", "la", "de", "du", "des", "le", "les"}


def test_a_model_span_running_into_the_next_name_is_cut(nlp: Any) -> None:
    sentence = "L'atelier travaille avec Vélocité et la Fondation Solenne pour former des jeunes."
    doc = Document(normalise(sentence), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    names = {m.text for m in doc.mentions if m.kind == "organisation"}
    assert "Vélocité" in names and not any(n.endswith(" et la") for n in names)


@pytest.mark.parametrize("code", ["Image213138", "DSC_0042", "IMG20230512"])
def test_a_file_name_or_a_reference_is_no_name(code: str) -> None:
    text = f"crédit photo [{code}]"
    start = text.index(code)
    assert make_mention(text, start, start + len(code), "organisation", "rule") is None


def test_a_name_with_a_year_or_a_short_number_stays() -> None:
    text = "le collectif Cap 21 et Horizon2030 ouvrent"
    for name in ("Cap 21", "Horizon2030"):
        start = text.index(name)
        assert make_mention(text, start, start + len(name), "organisation", "rule") is not None


def test_a_name_opening_on_a_typing_noun_is_no_person(nlp: Any) -> None:
    sentence = (
        "La Maison des Tisserands, Boutique Orvane (BGO) et le Centre Lin ont organisé une "
        "journée à Arras."
    )
    doc = Document(normalise(sentence), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    kinds = {m.text: m.kind for m in doc.mentions}
    assert kinds.get("Boutique Orvane") == "organisation"


@pytest.mark.parametrize("text", ["Mme Lina Marrot", "M. Lina Marrot", "Madame Lina Marrot"])
def test_a_person_s_name_leaves_out_the_civility(text: str) -> None:
    mention = make_mention(text, 0, len(text), "person", "test")
    assert mention is not None and mention.text == "Lina Marrot"
    assert make_mention(text, 0, len(text), "organisation", "test") is not None


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("Caisse des Dépôts sur trois ans", "Caisse des Dépôts"),
        ("Fonds Gris en 2021", "Fonds Gris"),
    ],
)
def test_a_duration_or_a_year_is_no_part_of_a_name(span: str, name: str) -> None:
    mention = make_mention(span, 0, len(span), "organisation", "test")
    assert mention is not None and mention.text == name


def test_a_typed_name_is_no_person_and_decides_the_model_s_undecided_organisation(nlp: Any) -> None:
    text = "Le projet est porté par l'association Jean Moulin et la ressourcerie associative ATRE."
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    kinds = {m.text: (m.kind, m.rule) for m in doc.mentions}
    assert kinds.get("Jean Moulin", ("",))[0] == "organisation"
    assert kinds.get("ATRE", ("", ""))[1] != "spacy-org"
