"""The document object the stages enrich in order: each layer (lines, the model's entities,
the kept mentions, the parsed sentences, the word lists' matches) is a span group of its one
``Doc``, at the offsets of the field that holds it exactly; invented text."""

from __future__ import annotations

from typing import Any

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.phrases import offsets
from ingest.extract.pipeline import mention_stage
from ingest.extract.relate import relations as relate
from ingest.extract.segment.normalise import normalise

TEXT = """# Le quartier des Tilleuls

Camille Lefort, présidente de l'association Vélo Vert, a fondé la Maison des Familles à Arras.
La Maison des Familles travaille avec le Centre social de Lens.
"""


def _covers(doc: Any, group: str, exact: list[tuple[int, int, str]]) -> None:
    """Each span of ``group`` is the exact span (when it holds a word) widened to whole
    words: the words it overlaps, with its label."""
    words = offsets(doc)
    expected = []
    for start, end, label in exact:
        inside = [i for i, (a, b) in enumerate(words) if a < end and b > start]
        if inside:
            expected.append((inside[0], inside[-1] + 1, label))
    assert [(s.start, s.end, s.label_) for s in doc.spans[group]] == expected


def test_each_stage_writes_its_layer_on_the_one_doc(nlp: Any) -> None:
    document = Document(normalise(TEXT), nlp)
    mentions, _, _ = mention_stage(document)
    relate.run(document)
    doc = document.doc
    assert doc is document.doc  # one object, enriched in order
    _covers(doc, "lines", [(ln.start, ln.end, ln.kind) for ln in document.lines])
    _covers(doc, "model_ents", document.entities)
    _covers(doc, "mentions", [(m.start, m.end, m.kind) for m in mentions])
    _covers(doc, "sentences", [(s.start, s.end, "sentence") for s in document.sentences])
    assert {"Camille Lefort", "Vélo Vert"} <= {m.text for m in mentions}
    assert document.sentences  # the parse is a layer of the Document, computed once
    assert document.sentences is document.sentences


def test_without_a_model_the_model_layers_are_empty() -> None:
    document = Document(normalise(TEXT))
    assert document.entities == [] and list(document.doc.spans["model_ents"]) == []
    assert document.sentences == [] and list(document.doc.spans["sentences"]) == []
