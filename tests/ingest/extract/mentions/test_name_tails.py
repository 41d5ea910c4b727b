"""Names that go on in lower case after their capitalised words (rule ``name-tail``), on
invented sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.mentions import registered  # noqa: F401  (declares the mention rules)
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.name_tails import name_tails
from ingest.extract.pipeline import mention_stage
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _organisations(text: str, nlp: Any) -> list[str]:
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    return [m.text for m in doc.mentions if m.kind == "organisation"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Le soutien de l'association Les Jardins de la colline verte a compté.",
            "Les Jardins de la colline verte",
        ),
        ("L'association Habitat actif recrute trois salariés.", "Habitat actif"),
        ("Elle dirige l'épicerie Mon P'tit coup de pouce depuis 2020.", "Mon P'tit coup de pouce"),
        (
            "L'association Chantiers en Bresse verte restaure un lavoir.",
            "Chantiers en Bresse verte",
        ),
    ],
)
def test_a_name_goes_on_with_its_lower_case_words(text: str, name: str, nlp: Any) -> None:
    assert name in _organisations(text, nlp)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a verb ends the name, even one the tagger may read as a noun
        ("L'association Vélocité propose des balades.", "Vélocité"),
        ("L'association Emmaüs de Laon collecte des meubles.", "Emmaüs de Laon"),
        # a word before a determiner that is no article: a verb, whatever its tag
        ("Le tiers-lieu La Ruche Ardente fête ses cinq ans.", "La Ruche Ardente"),
        ("L'association Les Mains Vertes ouvre une boutique.", "Les Mains Vertes"),
        # a complement, a date
        ("Le réseau PHARE au collectif a parlé.", "PHARE"),
        ("L'association Terre Vive en novembre dernier a voté.", "Terre Vive"),
    ],
)
def test_a_verb_or_a_complement_stays_out(text: str, name: str, nlp: Any) -> None:
    found = _organisations(text, nlp)
    assert not [n for n in found if n.startswith(name) and len(n) > len(name) + 3]


def test_without_a_model_no_tail_is_read() -> None:
    doc = Document(normalise("L'association Habitat actif recrute."))
    assert list(name_tails(doc)) == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="abcdé LMPV'’-,.", max_size=60))
def test_tails_never_crash_and_stay_in_the_text(nlp: Any, words: str) -> None:
    text = f"L'association Les Amis {words}"
    doc = Document(normalise(text), nlp, gazetteers=load_gazetteers(REPO / "data"))
    mention_stage(doc)
    for m in name_tails(doc):
        assert doc.text[m.start : m.end] == m.text
        assert m.text.startswith("Les Amis")
