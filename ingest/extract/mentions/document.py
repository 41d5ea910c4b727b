"""One document as the stages see it: parsed once, enriched stage by stage.

The segment stage fills ``text`` (normalised) and ``lines``; the model's entities and
dependency parse (:attr:`Document.sentences`, read by the relation rules) are computed once
on the prose blocks; the mention rules read them and add their mentions to ``found``; the
pipeline keeps the best of them in ``mentions``; the relation rules read those and add theirs
to ``relations``. Later stages read what earlier ones left.

Each layer is also a span group of the one spaCy ``Doc`` of the text's words
(:attr:`Document.doc`), written by char offsets widened to whole words
(:func:`~ingest.extract.mentions.phrases.word_span`): ``lines`` (label: the line's kind),
``model_ents`` (the model's label), ``sentences`` (the parsed sentences), ``mentions`` (the
kind; written by the pipeline once the mention stage has chosen), beside the word lists'
groups (``places``, ``roles``…). The exact offsets stay in the fields (``lines``,
``entities``, ``sentences``, ``mentions``): the rules compare them character by character.
The model tokenises otherwise than the word lists (it keeps "Condé-sur-l'Escaut" one word):
its parse (each word's head and dependency, :class:`~ingest.extract.mentions.nlp.Token`) is
the layer :attr:`Document.sentences`, read through the Document only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc as SpacyDoc

from ingest.extract.mentions.gazetteers import Gazetteers
from ingest.extract.mentions.model_decision import without_participle
from ingest.extract.mentions.names import EntityKind, Mention
from ingest.extract.mentions.nlp import Sentence, entities, parse
from ingest.extract.mentions.phrases import text_doc, word_span
from ingest.extract.mentions.structural import Acronym
from ingest.extract.segment.lines import Line, segment
from ingest.extract.segment.normalise import Normalised


@dataclass
class Document:
    """A normalised text, its lines, the resources the rules match against, and the mentions
    found so far."""

    norm: Normalised
    nlp: Any = None
    gazetteer: Sequence[tuple[str, EntityKind]] = ()
    places: Sequence[str] = ()
    gazetteers: Gazetteers | None = None
    found: list[Mention] = field(default_factory=list)
    people: list[tuple[Mention, Line | None]] = field(default_factory=list)
    acronyms: list[Acronym] = field(default_factory=list)
    # after the mention stage: the mentions kept; after the relation stage: the relations
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Any] = field(default_factory=list)
    # the codes of the régions the text names (``place`` rule; None before it ran)
    regions: frozenset[str] | None = None

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def doc(self) -> SpacyDoc:
        """The text's words as one spaCy ``Doc`` (``phrases.text_doc``): the word lists and
        gazetteers write their matches to its span groups
        (``doc.spans["places"]``, ``["gazetteer"]``, ``["roles"]``, ``["link_cues"]``…)."""
        return text_doc(self.text)

    def layer(self, name: str, spans: Iterable[tuple[int, int, str]]) -> None:
        """Write ``spans`` ((start, end, label) in ``text``) as the span group ``name`` of
        :attr:`doc`, each widened to whole words."""
        doc = self.doc
        doc.spans[name] = [w for s, e, label in spans if (w := word_span(doc, s, e, label))]

    @cached_property
    def lines(self) -> list[Line]:
        """The typed lines (segment stage; span group ``lines``)."""
        lines = segment(self.text)
        self.layer("lines", ((ln.start, ln.end, ln.kind) for ln in lines))
        return lines

    @cached_property
    def entities(self) -> list[tuple[int, int, str]]:
        """spaCy's (start, end, label) entities of the prose blocks (empty without a model;
        span group ``model_ents``)."""
        found = [] if self.nlp is None else entities(self.nlp, self.text, prose_blocks(self.lines))
        found = [(s, without_participle(self.text, s, e), label) for s, e, label in found]
        self.layer("model_ents", found)
        return found

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The prose blocks' sentences with their dependency parse, offsets into ``text``
        (empty without a model; span group ``sentences``). Once the mentions are known, only
        the blocks where a relation can be stated are parsed (:func:`related_blocks`)."""
        found = (
            []
            if self.nlp is None
            else parse(self.nlp, self.text, related_blocks(prose_blocks(self.lines), self.mentions))
        )
        self.layer("sentences", ((s.start, s.end, "sentence") for s in found))
        return found

    def keep(self, mentions: list[Mention]) -> None:
        """The mentions the mention stage keeps (span group ``mentions``, label: the kind)."""
        self.mentions = mentions
        self.layer("mentions", ((m.start, m.end, m.kind) for m in mentions))


def prose_blocks(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Runs of consecutive prose lines: the model reads a paragraph at once, even when the
    layout broke it into narrow column lines."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for line in lines:
        if line.kind in ("paragraph", "list_item", "name") and line.end > line.start:
            start = line.start if start is None else start
            end = line.end
        elif start is not None:
            blocks.append((start, end))
            start = None
    if start is not None:
        blocks.append((start, end))
    return blocks


def related_blocks(
    blocks: Sequence[tuple[int, int]], mentions: Sequence[Mention]
) -> list[tuple[int, int]]:
    """The blocks that name a person or two organisations (all blocks before the mention
    stage): the only ones where the parse can state a role or a link."""
    if not mentions:
        return list(blocks)
    kept = []
    for start, end in blocks:
        inside = [m for m in mentions if start <= m.start < end]
        people = sum(m.kind == "person" for m in inside)
        orgs = sum(m.kind in ("organisation", "programme") for m in inside)
        if people or orgs >= 2:
            kept.append((start, end))
    return kept
