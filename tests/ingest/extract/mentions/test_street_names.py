"""A street named after a commune is no commune (rule ``commune``), on invented sentences."""

from __future__ import annotations

from pathlib import Path

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.general import commune_mentions
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def _communes(text: str) -> list[str]:
    doc = Document(normalise(text), None, gazetteers=load_gazetteers(REPO / "data"))
    return [m.text for m in commune_mentions(doc)]


def test_a_street_word_before_the_preposition_names_a_street() -> None:
    assert _communes("Le local est au 3 rue des Lilas, près de l'avenue de Lens.") == []


def test_the_commune_after_a_preposition_is_still_found() -> None:
    found = _communes("Le local ouvre à Lens, au Portel et aux Lilas.")
    assert sorted(found) == ["Le Portel", "Lens", "Les Lilas"]
