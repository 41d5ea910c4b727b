"""Document -> mentions and relations: normalise, segment, find mentions, classify, relate.

:func:`extract` handles one document and returns occurrences (offsets into the original
text) and relations between them; resolution across documents and the records come after
(``ingest.resolve.entities``, ``ingest.extract.emit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.extract import mentions as rules
from ingest.extract import relate
from ingest.extract.mentions import EntityKind, Mention
from ingest.extract.nlp import entities
from ingest.extract.normalise import Normalised, normalise
from ingest.extract.org_cues import acronym_places
from ingest.extract.segment import Line, segment
from ingest.extract.short_forms import expand_short_forms, extend_class_names, initial_pairs
from ingest.resolve.entities import Occurrence

_RULE_RANK = {
    "quote-header": 0,
    "name-line": 0,
    "acronym-list": 1,
    "acronym-footnote": 1,
    "acronym-inline": 1,
    "title-line": 1,
    "place": 2,
    "role-line": 3,
    "gazetteer": 2,
    "typed-phrase": 3,
    "mayor": 2,
    **dict.fromkeys(
        (
            "cue-quoted",
            "cue-quoted-typed",
            "cue-role-of",
            "cue-printer",
            "cue-example",
            "cue-made-by",
            "cue-partner",
            "cue-chair",
            "cue-house",
            "cue-listed",
            "cue-local",
        ),
        3,
    ),
    "cue-acronym-place": 3,
    "cue-founded": 4,
    "cue-camel": 4,
    "org-head": 4,
    "spacy-per": 5,
    "spacy-org": 6,
}


@dataclass(frozen=True)
class Extraction:
    """What one document yields before resolution."""

    document: str
    text: Normalised
    occurrences: tuple[Occurrence, ...]
    relations: tuple[tuple[relate.Relation, Occurrence, Occurrence], ...]
    acronyms: tuple[tuple[str, str, str], ...]


def _select(found: Sequence[Mention]) -> list[Mention]:
    """Drop mentions overlapping a better one (rule rank, then length)."""

    def key(m: Mention) -> tuple[int, int, int, int, str]:
        rank = _RULE_RANK.get(m.rule, 9)
        return (0 if rank <= 1 else 1, -(m.end - m.start), rank, m.start, m.kind)

    def compatible(m: Mention, c: Mention) -> bool:
        if m.end <= c.start or m.start >= c.end:
            return True
        # a place inside an organisation's name is kept: "Maison du Vélo de Valenciennes"
        return (
            m.kind == "territory"
            and c.kind == "organisation"
            and c.start <= m.start
            and m.end <= c.end
            and ((m.start, m.end) != (c.start, c.end) or c.rule == "mayor")
        )

    known = [m for m in found if m.rule == "gazetteer"]
    # a span joining two known names ("la Ligue … et Grands Ensemble") is two mentions
    found = [
        m
        for m in found
        if m.rule == "gazetteer"
        or sum(m.start <= k.start and k.end <= m.end and m.kind == k.kind for k in known) < 2
    ]
    chosen: list[Mention] = []
    for m in sorted(found, key=key):
        if all(compatible(m, c) for c in chosen):
            chosen.append(m)
    return sorted(chosen)


def find_mentions(
    norm: Normalised, nlp: Any, gazetteer: Sequence[tuple[str, EntityKind]], places: Sequence[str]
) -> tuple[list[Mention], list[rules.Acronym], list[tuple[Mention, Any]]]:
    """All mentions of a normalised document, its acronym pairs and its name lines."""
    text = norm.text
    lines = segment(text)
    acronyms = rules.acronyms(text, lines)
    people = rules.name_lines(text, lines)
    found: list[Mention] = rules.quote_headers(text, lines)
    found += [p for p, _ in people]
    # a one-word organisation of a role line needs another rule (gazetteer, acronym) to agree
    found += [
        o
        for _, line in people
        if line is not None
        for o in rules.role_line_orgs(text, line)
        if " " in o.text or o.text.isupper()
    ]
    found += [m for pair in acronyms for m in (pair.short, pair.long)]
    found += rules.gazetteer_matches(text, gazetteer)
    found += rules.gazetteer_matches(text, [(p, "territory") for p in places], "place")
    found += rules.typed_phrases(text)
    found += acronym_places(text, [m for m in found if m.kind == "territory"])
    found += rules.title_lines(text, lines)
    if nlp is not None:
        found += rules.model_mentions(text, lines, entities(nlp, text, _blocks(lines)))
    skipped = [(ln.start, ln.end) for ln in lines if rules.skipped(ln)]
    found = [m for m in found if not any(s <= m.start < e for s, e in skipped)]
    chosen = expand_short_forms(text, extend_class_names(text, _select(found)))
    return chosen, [*acronyms, *initial_pairs(chosen, acronyms)], people


def _blocks(lines: Sequence[Line]) -> list[tuple[int, int]]:
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


def extract(
    document: str,
    original: str,
    nlp: Any,
    gazetteer: Sequence[tuple[str, EntityKind]],
    places: Sequence[str] = (),
) -> Extraction:
    """Mentions and relations of one document (offsets into ``original``)."""
    norm = normalise(original)
    text = norm.text
    found, acronyms, people = find_mentions(norm, nlp, gazetteer, places)
    relations = relate.relations(text, segment(text), found, people)
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
