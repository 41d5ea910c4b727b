"""A role line above the name it belongs to (rule ``role-line-before``): the signature or
caption block written title first,

    Directrice de l'association Terre Vive
    Marie Dupont

where the line under a title that opens with a role word of ``lexicons/roles.yaml`` holds
nothing but one person's name. The title line's organisations are read as a name line's role
line is (:func:`ingest.extract.mentions.structural.role_line_orgs`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.structural import role_line_orgs
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.general import role_pattern
from ingest.extract.relate.relation import Relation, years
from ingest.extract.relate.roles import role_label
from ingest.extract.segment.lines import Line

# a title line is short: a caption's line, not a paragraph that opens with a title
_TITLE_LENGTH = 120


def _alone(line: Line, people: Sequence[Mention]) -> Mention | None:
    """The person whose name is the whole line."""
    return next((p for p in people if (p.start, p.end) == (line.start, line.end)), None)


def roles_before_names(
    text: str, lines: Sequence[Line], mentions: Sequence[Mention]
) -> list[Relation]:
    """Roles of title lines written right above a line holding only a person's name, when
    the title line is not itself under a name (the usual order: name, then title)."""
    people = [m for m in mentions if m.kind == "person"]
    places = [m for m in mentions if m.kind == "territory"]
    pattern = role_pattern()
    found: list[Relation] = []
    for k in range(len(lines) - 1):
        title, under = lines[k], lines[k + 1]
        if title.kind != "paragraph" or len(title.text) > _TITLE_LENGTH:
            continue
        first = pattern.search(text, title.start, title.end)
        if first is None or first.start() != title.start:
            continue  # the line does not open with a title
        if k > 0 and _alone(lines[k - 1], people):
            continue
        person = _alone(under, people)
        if person is None:
            continue
        orgs = [
            o
            for o in role_line_orgs(text, title)
            if not any(p.start < o.end and o.start < p.end for p in places)
        ]
        for org in orgs[:1]:
            label = role_label(text[title.start : org.start])
            if not label:
                continue
            start_year, end_year = years(text[org.end : title.end])
            found.append(
                Relation(
                    "role",
                    person,
                    org,
                    (title.start, under.end),
                    label,
                    start_year,
                    end_year,
                    confidence("role-line-before"),
                    "role-line-before",
                )
            )
    return found
