"""``role-implied``: a title that names its body ("X, conseillère départementale", "le préfet
Y", "Z, déléguée interministérielle à l'ESS"). The role is held at the document's organisation
of that kind (the département's council, the Région, the State: the ``implies`` entries of
``lexicons/roles.yaml``), when the document names one; the one named most, then the nearest
before the person."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from ess_core.iris import fold
from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.phrases import PhraseLexicon, read_phrases
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.general import coordinated_people
from ingest.extract.relate.relation import Relation

# between a person and a title after it, or a title and a person after it
_PERSON_TITLE = re.compile(r"\s*(?:,|\(|–|-|:)\s*(?:l['’]|la |le )?")
_TITLE_PERSON = re.compile(r"\s*,?\s*")
_ORGS = ("organisation",)


@cache
def _implied() -> tuple[PhraseLexicon, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """The lexicon of implied titles (value: the entry's index) and each entry's (titles
    longest first, folded body heads)."""
    entries = lexicon("roles").get("implies") or []
    table = tuple(
        (
            tuple(sorted((str(t) for t in e["titles"]), key=len, reverse=True)),
            tuple(_key(str(b)) for b in e["body"]),
        )
        for e in entries
    )
    phrases = [(t, i) for i, (titles, _) in enumerate(table) for t in titles]
    return PhraseLexicon("implied_titles", phrases), table


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(name).lower()).split())


def implied_roles(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Roles whose title names the kind of body they are held at."""
    lex, table = _implied()
    people = sorted(m for m in mentions if m.kind == "person")
    orgs = sorted(m for m in mentions if m.kind in _ORGS)
    if not people or not orgs:
        return []
    out: list[Relation] = []
    for i, (titles, heads) in enumerate(table):
        bodies = [o for o in orgs if _key(o.text).startswith(heads)]
        if not bodies:
            continue
        for start, end in read_phrases(text, lex, i, titles, ignorecase=True, not_after=""):
            person = _holder(text, start, end, people)
            if person is None:
                continue
            body = _body(bodies, person)
            label = " ".join(text[start:end].lower().split())
            plural = re.search(r"[sx]$", text[start:end]) is not None
            holders = coordinated_people(text, person, people) if plural else [person]
            for holder in holders:
                out.append(
                    Relation(
                        "role",
                        holder,
                        body,
                        (min(holder.start, start), max(holder.end, end)),
                        label,
                        None,
                        None,
                        confidence("role-implied"),
                        "role-implied",
                    )
                )
    return out


def _holder(text: str, start: int, end: int, people: Sequence[Mention]) -> Mention | None:
    """The person right before the title ("X, préfète") or right after it ("le préfet X")."""
    before = [p for p in people if p.end <= start and _PERSON_TITLE.fullmatch(text[p.end : start])]
    if before:
        return before[-1]
    after = [p for p in people if p.start >= end and _TITLE_PERSON.fullmatch(text[end : p.start])]
    return after[0] if after else None


def _body(bodies: Sequence[Mention], person: Mention) -> Mention:
    """The body named most; on a tie, the nearest named before the person (else the first)."""
    counts = Counter(_key(b.text) for b in bodies)
    best = max(counts.values())
    top = [b for b in bodies if counts[_key(b.text)] == best]
    before = [b for b in top if b.end <= person.start]
    return before[-1] if before else top[0]
