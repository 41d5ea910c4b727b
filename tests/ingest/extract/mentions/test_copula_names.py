"""Names said to be an organisation by "être" and a typing noun (rule ``typed-copula``),
on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.mentions.copula_names import copula_names
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _names(text: str) -> list[str]:
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    return [m.text for m in copula_names(doc)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("La Ruche Verte est une association de quartier.", ["La Ruche Verte"]),
        ("Le lieu ouvre. Cap Nord est devenue une SCIC en 2020.", ["Cap Nord"]),
        ("Terre Vive est avant tout une coopérative.", ["Terre Vive"]),
        # a pronoun, a common noun, a person, a place: no name
        ("Elle est une association active.", []),
        ("La structure est une association.", []),
        ("Marie Dupont est une salariée de la structure.", []),
        ("Lens est une ville.", []),
    ],
)
def test_a_name_said_to_be_an_organisation(text: str, names: list[str]) -> None:
    assert _names(text) == names


@given(st.text(alphabet="abcLMRVé '.,", max_size=60))
def test_copula_names_never_crash_and_stay_in_the_text(words: str) -> None:
    text = f"{words} est une association."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    for m in copula_names(doc):
        assert doc.text[m.start : m.end] == m.text
