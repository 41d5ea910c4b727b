"""Relations between mentions: the rules of :mod:`roles`, :mod:`changes`, :mod:`links`,
:mod:`link_cues`, :mod:`location_cues` and :mod:`testimony`, applied in order to one
document."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.changes import changes
from ingest.extract.relate.context import Context
from ingest.extract.relate.general import general_relations
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


def relations(
    text: str,
    lines: Sequence[Line],
    found: Sequence[Mention],
    people: Sequence[tuple[Mention, Line | None]],
) -> list[Relation]:
    """Every relation the rules find in a normalised document."""
    places = [m for m in found if m.kind == "territory"]
    out = (
        header_roles(text, lines, found)
        + role_line_roles(text, people, places)
        + appositions(text, found)
        + portrait_lines(text, lines, found)
        + changes(text, found)
        + links(text, found)
        + located(text, found)
        + cue_links(text, found)
        + settled(text, found)
        + first_person_links(text, found)
        + general_relations(text, found)
    )
    return out + context_roles(text, found, out)
