"""Document -> mentions and relations: normalise, segment, find mentions, classify, relate.

:func:`extract` handles one document and returns occurrences (offsets into the original
text) and relations between them; resolution across documents and the records come after
(``ingest.extract.resolve.entities``, ``ingest.extract.emit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.extract import rules
from ingest.extract.mentions import (
    org_words,
    registered,  # noqa: F401  (declares the mention rules)
    structural,
)
from ingest.extract.mentions.common_nouns import names_a_kind
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import Gazetteers
from ingest.extract.mentions.model_decision import concept_acronyms
from ingest.extract.mentions.qualified import extend_with_area
from ingest.extract.mentions.repeats import repeated
from ingest.extract.mentions.short_forms import (
    expand_short_forms,
    extend_class_names,
    extend_noun_names,
    head_short_forms,
    initial_pairs,
    slash_pairs,
)
from ingest.extract.mentions.structural import EntityKind, Mention
from ingest.extract.relate import relations as relate
from ingest.extract.resolve.entities import Occurrence
from ingest.extract.segment.normalise import Normalised, normalise


@dataclass(frozen=True)
class Extraction:
    """What one document yields before resolution."""

    document: str
    text: Normalised
    occurrences: tuple[Occurrence, ...]
    relations: tuple[tuple[relate.Relation, Occurrence, Occurrence], ...]
    acronyms: tuple[tuple[str, str, str], ...]


# Rules whose names are known (gazetteers, public bodies): a span holding two of them is two.
_KNOWN = frozenset({"gazetteer", "body", "institution"})
# Rules that decide a name the model guessed otherwise, from its place in the sentence.
_PLACED = frozenset({"coordinated-name", "cued-name", "listed"})


def _select(found: Sequence[Mention]) -> list[Mention]:
    """Drop mentions overlapping a better one (rule rank, then length)."""

    def key(m: Mention) -> tuple[int, int, int, int, str]:
        rank = rules.rank(m.rule)
        return (0 if rank <= 1 else 1, -(m.end - m.start), rank, m.start, m.kind)

    def compatible(m: Mention, c: Mention) -> bool:
        if m.end <= c.start or m.start >= c.end:
            return True
        # a place inside an organisation's name is kept: "Maison du Vélo de Valenciennes";
        # so is the intercommunality named as its body ("Val Joli Métropole")
        return (
            m.kind == "territory"
            and c.kind == "organisation"
            and c.start <= m.start
            and m.end <= c.end
            and ((m.start, m.end) != (c.start, c.end) or c.rule in ("mayor", "epci-body"))
        )

    known = [m for m in found if m.rule in _KNOWN]
    # a span joining two known names ("la Ligue … et Grands Ensemble") is two mentions
    found = [
        m
        for m in found
        if m.rule in _KNOWN
        or sum(m.start <= k.start and k.end <= m.end and m.kind == k.kind for k in known) < 2
    ]
    chosen: list[Mention] = []
    for m in sorted(found, key=key):
        if all(compatible(m, c) for c in chosen):
            chosen.append(m)
    return sorted(chosen)


def find_mentions(
    norm: Normalised,
    nlp: Any,
    gazetteer: Sequence[tuple[str, EntityKind]],
    places: Sequence[str],
    gazetteers: Gazetteers | None = None,
) -> tuple[list[Mention], list[structural.Acronym], list[tuple[Mention, Any]]]:
    """All mentions of a normalised document, its acronym pairs and its name lines: the
    registered mention rules run in order on one :class:`Document`."""
    return mention_stage(Document(norm, nlp, gazetteer, places, gazetteers))


def mention_stage(
    doc: Document,
) -> tuple[list[Mention], list[structural.Acronym], list[tuple[Mention, Any]]]:
    """Run the registered mention rules on ``doc``; keep the best mentions in
    ``doc.mentions``; return them with the acronym pairs and the name lines."""
    for rule in rules.rules("mentions"):
        if rule.matcher is not None:
            doc.found += rule.matcher(doc)
    skipped = [(ln.start, ln.end) for ln in doc.lines if structural.skipped(ln)]
    # the model's undecided organisation, or its person opening with no given name, gives
    # way to the organisation a list or a cue places there ("…, UNPAC", "X (Tralivo)"); its
    # person, to a name opening on or typed by a typing noun ("Boutique Orvane",
    # "l'association Jean Moulin")
    listed = {(m.start, m.end) for m in doc.found if m.rule in _PLACED}
    typed = {
        (m.start, m.end)
        for m in doc.found
        if m.rule in ("typed-head", "typed-name", "typed-phrase")
    }
    # a name typed by a common noun decides the model's undecided organisation over the same
    # words ("la ressourcerie associative ATRE"), not a legal form ("l'entreprise SASU")
    ruled = {
        (m.start, m.end)
        for m in doc.found
        if m.rule in ("typed-name", "typed-phrase") and m.text not in concept_acronyms()
    }
    found = [
        m
        for m in doc.found
        if not any(s <= m.start < e for s, e in skipped)
        and not names_a_kind(m)
        and not (m.rule in ("spacy-org", "spacy-per") and (m.start, m.end) in listed)
        and not (m.rule == "spacy-per" and (m.start, m.end) in typed)
        and not (m.rule == "spacy-org" and (m.start, m.end) in ruled)
    ]
    found = extend_with_area(doc.text, found, doc.gazetteers)
    chosen = extend_class_names(doc.text, _select(found))
    chosen = expand_short_forms(doc.text, extend_noun_names(doc.text, chosen))
    chosen = repeated(doc.text, chosen, skipped)
    chosen = head_short_forms(doc.text, chosen, org_words.typing_first_words())
    doc.keep(chosen)
    pairs = [*doc.acronyms, *initial_pairs(chosen, doc.acronyms), *slash_pairs(doc.text, chosen)]
    return chosen, pairs, doc.people


def extract(
    document: str,
    original: str,
    nlp: Any,
    gazetteer: Sequence[tuple[str, EntityKind]],
    places: Sequence[str] = (),
    gazetteers: Gazetteers | None = None,
) -> Extraction:
    """Mentions and relations of one document (offsets into ``original``)."""
    norm = normalise(original)
    doc = Document(norm, nlp, gazetteer, places, gazetteers)
    found, acronyms, _ = mention_stage(doc)
    relations = relate.run(doc)
    occurrence: dict[tuple[int, int, str], Occurrence] = {}
    for m in found:
        occurrence[(m.start, m.end, m.kind)] = _occurrence(document, norm, m)

    def match(m: Mention) -> Occurrence | None:
        exact = occurrence.get((m.start, m.end, m.kind))
        if exact is not None:
            return exact
        overlapping = [c for c in found if c.kind == m.kind and c.start < m.end and m.start < c.end]
        return (
            occurrence[(overlapping[0].start, overlapping[0].end, m.kind)] if overlapping else None
        )

    linked = []
    for r in sorted(set(relations)):
        subj, obj = match(r.subject), match(r.object)
        if subj is not None and obj is not None:
            linked.append((r, subj, obj))
    pairs = sorted({(a.short.kind, a.short.text, a.long.text) for a in acronyms})
    return Extraction(
        document, norm, tuple(sorted(occurrence.values())), tuple(linked), tuple(pairs)
    )


def _occurrence(document: str, norm: Normalised, m: Mention) -> Occurrence:
    start, end = norm.to_original(m.start, m.end)
    return Occurrence(
        document,
        start,
        end,
        m.kind,
        " ".join(m.text.split()),
        norm.original[start:end],
        m.method,
        m.confidence,
        m.rule,
    )
