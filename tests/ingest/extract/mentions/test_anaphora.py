"""Short forms ("la Région") resolved from the document's own names, on invented sentences."""

from __future__ import annotations

from pathlib import Path

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.general import anaphora_mentions, document_region
from ingest.extract.segment.normalise import normalise

REPO = Path(__file__).resolve().parents[4]


def test_the_region_of_a_document_is_the_one_it_names_most() -> None:
    gaz = load_gazetteers(REPO / "data")
    text = "Des ateliers dans la Somme, dans l'Oise et en Bretagne."
    assert document_region(text, gaz) == "Hauts-de-France"
    assert document_region("Un atelier en Bretagne, un autre en Normandie.", gaz) is None
    assert document_region("Un atelier sans lieu.", gaz) is None


def test_la_region_without_a_qualified_name_is_the_documents_region() -> None:
    text = "Le chantier d'Amiens, dans la Somme, ouvre. La Région finance les travaux."
    doc = Document(normalise(text), gazetteers=load_gazetteers(REPO / "data"))
    found = anaphora_mentions(doc)
    assert [(m.text, text[m.start : m.end]) for m in found] == [
        ("Région Hauts-de-France", "Région")
    ]


def test_la_region_in_a_document_naming_no_region_is_left_alone() -> None:
    doc = Document(
        normalise("La Région finance les travaux."), gazetteers=load_gazetteers(REPO / "data")
    )
    assert anaphora_mentions(doc) == []
