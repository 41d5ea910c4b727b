"""Relations between mentions: the rules of :mod:`roles`, :mod:`changes`, :mod:`links`,
:mod:`link_cues`, :mod:`location_cues`, :mod:`testimony` and :mod:`general`, declared in
:mod:`registered` and run in their order on one document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ingest.extract import rules
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate import registered  # noqa: F401  (declares the relation rules)
from ingest.extract.relate.changes import changes
from ingest.extract.relate.context import Context
from ingest.extract.relate.link_cues import cue_links
from ingest.extract.relate.links import links, located
from ingest.extract.relate.location_cues import settled
from ingest.extract.relate.relation import Relation, RelationKind, years
from ingest.extract.relate.roles import (
    appositions,
    context_roles,
    header_roles,
    portrait_lines,
    role_label,
    role_line_roles,
)
from ingest.extract.relate.testimony import first_person_links
from ingest.extract.segment.lines import Line

__all__ = [
    "Context",
    "Relation",
    "RelationKind",
    "appositions",
    "changes",
    "context_roles",
    "cue_links",
    "first_person_links",
    "header_roles",
    "links",
    "located",
    "portrait_lines",
    "relations",
    "role_label",
    "role_line_roles",
    "settled",
    "years",
]


@dataclass
class _Stage:
    """What the relation rules read, when no :class:`Document` was built."""

    text: str
    lines: Sequence[Line]
    mentions: Sequence[Mention]
    people: Sequence[tuple[Mention, Line | None]]
    relations: list[Relation] = field(default_factory=list)


def run(doc: Any) -> list[Relation]:
    """Run the relation rules of the registry, in order, on ``doc`` (a
    :class:`~ingest.extract.mentions.document.Document` after the mention stage): each rule
    adds to ``doc.relations``, which the later rules read."""
    doc.relations = []
    for rule in rules.rules("relate"):
        if rule.matcher is not None:
            doc.relations += rule.matcher(doc)
    return list(doc.relations)


def relations(
    text: str,
    lines: Sequence[Line],
    found: Sequence[Mention],
    people: Sequence[tuple[Mention, Line | None]],
) -> list[Relation]:
    """Every relation the rules find in a normalised document."""
    return run(_Stage(text, lines, found, people))
