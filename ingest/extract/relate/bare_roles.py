"""``role-bare``: a title with no organisation after it ("Julie Caron, directrice.", a team
page's "Marie Dupont" line then "Coordinatrice", "Le bureau : Paul Martin, président ; Anne
Roy, secrétaire", "Trésorier – Paul Martin") is held at the organisation the text is about:
its main organisation (:func:`~ingest.extract.relate.general.main_organisation`), named
before the title, anywhere in a short text. A title followed by a complement ("maire de
Lens", "chargée de mission à X", "directrice adjointe d'un collège") is another rule's or
none."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.classify.kinds import organisation_kind
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.cue_words import Found, role_titles
from ingest.extract.relate.general import main_organisation, recent_main
from ingest.extract.relate.relation import Relation

# the titles of an elected office
_ELECTED = re.compile(
    r"(?i)(?:maire|adjointe? (?:au|à la) maire|(?:conseill\w+|élue?) (?:municipa|départementa"
    r"|régiona|communautaire|métropolitain)|sénat|député|ministre|haut\w*-commissaire"
    r"|secrétaire d['’]État)"
)
# between a person and its title: a comma, a dash, a colon, a bracket or a line break
_PERSON_TITLE = re.compile(r"[ \t]*(?:,|–|—|-|:|\(|\n+)[ \t]*(?:la |le |l['’])?")
# after the title: the end of its clause, maybe one lower-case adjective ("bénévole")
# between a title and its person: a colon or a dash ("Présidente : Anne Roy")
_TITLE_PERSON = re.compile(r"[ \t]*(?::|–|—|-)[ \t]*$")
_CLAUSE_END = re.compile(
    r"(?:[ \t]+[a-zà-ÿ]+(?:le|re|ve|al|ale|aux|ée|é|e)s?)?[ \t]*(?:[,.;)»\n]|$)"
)


def bare_roles(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Roles of titles that name no organisation, held at the text's main organisation."""
    main = main_organisation(mentions, text)
    if main is None:
        return []
    people = sorted(m for m in mentions if m.kind == "person")
    out: list[Relation] = []
    for person in people:
        if (
            main.start > person.start
            or recent_main(main, mentions, person.start, len(text)) is None
        ):
            continue
        title = _title_after(text, person) or _title_before(text, person)
        if title is None:
            continue
        if _ELECTED.match(title.group("role")) and organisation_kind(main.text) != "administration":
            continue  # "X, adjoint au maire": an office of a council, not of the text's body
        out.append(
            Relation(
                "role",
                person,
                main,
                (min(person.start, title.start()), max(person.end, title.end())),
                title.group("role").lower(),
                None,
                None,
                confidence("role-bare"),
                "role-bare",
            )
        )
    return out


def _title_after(text: str, person: Mention) -> Found | None:
    """ "X, directrice.", "X – trésorière", "X\nCoordinatrice": a title ending its clause."""
    gap = _PERSON_TITLE.match(text, person.end)
    if gap is None or gap.group().count("\n") > 2:
        return None
    title = role_titles().search(text, gap.end(), min(len(text), gap.end() + 60))
    if title is None or title.start() != gap.end():
        return None
    if _CLAUSE_END.match(text, title.end()) is None:
        return None  # "directrice de …", "maire de Lens": a complement
    return title


def _title_before(text: str, person: Mention) -> Found | None:
    """ "Présidente : Anne Roy", "Trésorier – Paul Martin": a line (or a list item) opening on
    a title, then a colon or a dash, then the person."""
    gap = _TITLE_PERSON.search(text, max(0, person.start - 12), person.start)
    if gap is None:
        return None
    opening = max(text.rfind("\n", 0, gap.start()), text.rfind(";", 0, gap.start())) + 1
    if gap.start() - opening > 60:
        return None
    title = role_titles().search(text, opening, gap.start())
    if title is None or title.end() != gap.start() or text[opening : title.start()].strip():
        return None
    return title
