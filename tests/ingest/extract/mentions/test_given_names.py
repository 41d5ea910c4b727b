"""Given names as a person decision, on invented names and sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.given_names import opens_with_given_name
from ingest.extract.mentions.governors import governed
from ingest.extract.pipeline import mention_stage
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize(
    ("name", "given_name"),
    [
        ("Hélène Corbin", True),
        ("Kévin Marchal", True),  # with or without its accent
        ("Kevin Marchal", True),
        ("Jean-Yves Lemoine", True),  # each part of a compound
        ("Marie-Agnès Vidal", True),
        ("Textile Picarde", False),
        ("Emmaüs Vervins", False),
        ("", False),
    ],
)
def test_a_name_opens_with_a_given_name(name: str, given_name: bool) -> None:
    assert opens_with_given_name(name) is given_name


def test_a_name_outside_the_list_reads_like_one_through_the_word_vectors(nlp: Any) -> None:
    assert not opens_with_given_name("Kader Benali")  # not in the list
    assert opens_with_given_name("Kader Benali", nlp.vocab)
    assert not opens_with_given_name("Textile Picarde", nlp.vocab)
    assert not opens_with_given_name("président Marc", nlp.vocab)  # not capitalised


@given(st.text(max_size=40))
def test_the_given_name_test_never_crashes(name: str) -> None:
    assert opens_with_given_name(name) in (True, False)


def test_a_governing_word_stands_right_before_the_name() -> None:
    text = "Le local est soutenu par la Ruche et travaille avec Cap Vert."
    assert governed(text, text.index("Ruche"))
    assert governed(text, text.index("Cap Vert"))
    assert not governed(text, text.index("local"))


def _people(text: str, nlp: Any) -> set[str]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    return {m.text for m in doc.mentions if m.kind == "person"}


def test_a_governed_name_without_a_given_name_is_no_person(nlp: Any) -> None:
    text = "Avec le soutien de Solidarité Textile Rurale, les bénévoles ont trié des habits."
    assert _people(text, nlp) == set()
    # after a role title and its preposition too: the body the person serves
    text = "Rencontre avec Nadia Belkacem, fondatrice de Cuisine Partagée."
    assert _people(text, nlp) == {"Nadia Belkacem"}


@pytest.mark.parametrize(
    "text",
    [
        "Elle travaille avec Hélène Corbin depuis mai.",
        "Il a été accompagné par Amandine Roussel, sa marraine.",
        "Il travaille avec Kader Benali depuis mai.",
    ],
)
def test_a_governed_name_with_a_given_name_stays_a_person(nlp: Any, text: str) -> None:
    assert len(_people(text, nlp)) == 1
