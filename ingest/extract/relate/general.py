"""General relation rules over one sentence, driven by lexicons (``ingest/extract/lexicons``).

* roles: a person and a role title of ``roles.yaml`` tied to an organisation by the shape of
  the clause — apposition ("X, présidente de Y", "X (directrice de Y)"), the title first
  ("la directrice de Y, X"), "X pour Y" in a sentence that names a title; years from
  "depuis 2021", "de 2017 à 2022"; "ancien·ne" closes the role (no end year known);
* links: a cue of ``link_cues.yaml`` between organisations of one sentence: the organisation
  before the cue (else the document's main organisation) and each organisation after it;
* located: a settling cue of ``located_cues.yaml`` between an organisation and a commune,
  or a sentence opening on its commune ("À Guise, l'atelier X…").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache

from ess_core.iris import fold
from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.relation import Relation, RelationKind, years

# between an organisation and the person of a title before it: "…de Y (ACR), X"
_ORG_TO_PERSON = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*,?\s*")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_ORG_KINDS = ("organisation", "programme")
_BETWEEN_ROLE_ORG = re.compile(
    r"\s*(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|au|chez|pour)\s*"
    r"(?:(?:l['’]|la |le )?(?:association|structure|coopérative|collectif|réseau|entreprise|"
    r"fédération|fondation|SCIC|Scic|SCOP|Scop|recyclerie|ressourcerie|épicerie[\w ]*?|"
    r"chantier[\w ’']*?|tiers-lieu|groupe)\s*)?[«“\"]?\s*$"
)


@cache
def _role_pattern() -> re.Pattern[str]:
    forms = [f for item in lexicon("roles").get("roles") or [] for f in item["forms"]]
    alt = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    former = "|".join(re.escape(f) for f in lexicon("roles").get("former") or [])
    return re.compile(
        rf"(?<![\w-])(?P<former>(?:{former})[\s-]+)?(?P<role>{alt})(?![\w·.])", re.IGNORECASE
    )


@cache
def _link_cues() -> list[tuple[re.Pattern[str], RelationKind]]:
    out: list[tuple[re.Pattern[str], RelationKind]] = []
    for kind, cues in (lexicon("link_cues").get("cues") or {}).items():
        for cue in sorted(cues, key=len, reverse=True):
            body = re.escape(cue)
            if cue.endswith(" de"):
                body = body[: -len("de")] + r"(?:de\ la|de\ l['’]|de|du|des|d['’])"
            elif cue.endswith(" à"):
                body = body[: -len("à")] + r"(?:à\ la|à\ l['’]|à|au|aux)"
            out.append((re.compile(rf"(?<![\w])({body})(?![\w])", re.IGNORECASE), kind))
    return out


@cache
def _settle() -> re.Pattern[str]:
    cues = sorted(lexicon("located_cues").get("settle") or [], key=len, reverse=True)
    alt = "|".join(re.escape(c) for c in cues)
    return re.compile(rf"(?<![\w])(?:{alt})\s*$", re.IGNORECASE)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence (a line break also ends one)."""
    for m in _SENTENCE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


def _in(mentions: Sequence[Mention], start: int, end: int, kinds: Sequence[str]) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end and m.kind in kinds]


def general_roles(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Roles stated by apposition, title-first clauses and "X pour Y"."""
    out: list[Relation] = []
    pattern = _role_pattern()
    for s, e in sentences(text):
        people = _in(mentions, s, e, ("person",))
        orgs = _in(mentions, s, e, _ORG_KINDS)
        if not people or not orgs:
            continue
        titles = list(pattern.finditer(text, s, e))
        for title in titles:
            org = next(
                (
                    o
                    for o in orgs
                    if o.start >= title.end()
                    and _BETWEEN_ROLE_ORG.fullmatch(text[title.end() : o.start])
                ),
                None,
            )
            if org is None:
                continue
            person = _person_of(text, title.start(), org.end, people)
            if person is None:
                continue
            clause = text[min(person.start, title.start()) : min(e, org.end + 40)]
            start_year, end_year = years(clause)
            label = title.group("role").lower()
            out.append(
                Relation(
                    "role",
                    person,
                    org,
                    (min(person.start, title.start()), max(org.end, person.end)),
                    label,
                    start_year,
                    end_year,
                    0.75,
                    "role-general",
                )
            )
        for person in people:  # "X (Y - service)": the person at the organisation
            opened = re.compile(r"\s*\(\s*").match(text, person.end)
            org = next((o for o in orgs if opened and o.start == opened.end()), None)
            if org is not None:
                out.append(
                    Relation(
                        "role",
                        person,
                        org,
                        (person.start, org.end),
                        None,
                        None,
                        None,
                        0.7,
                        "role-bracket",
                    )
                )
        if titles:
            for person in people:
                after = re.compile(r"\s*(?:,\s*)?pour\s+(?:l['’]|la |le )?").match(text, person.end)
                if after is None:
                    continue
                org = next((o for o in orgs if o.start == after.end()), None)
                if org is not None:
                    out.append(
                        Relation(
                            "role",
                            person,
                            org,
                            (person.start, org.end),
                            None,
                            None,
                            None,
                            0.7,
                            "role-for",
                        )
                    )
    return out


def _person_of(
    text: str, title_start: int, org_end: int, people: Sequence[Mention]
) -> Mention | None:
    """The person of a title: right before it ("X, présidente", "X (directrice") or right
    after the organisation ("la directrice de Y, X")."""
    before = [
        p
        for p in people
        if p.end <= title_start
        and re.fullmatch(
            r"\s*(?:,|\(|–|-|:)?\s*(?:l['’]|la |le |sa |son )?\s*", text[p.end : title_start]
        )
    ]
    if before:
        return before[-1]
    after = [
        p
        for p in people
        if p.start >= org_end and _ORG_TO_PERSON.fullmatch(text[org_end : p.start])
    ]
    return after[0] if after else None


def _org_key(name: str) -> str:
    """A name without its article and kind word ("le Groupe X" and "X" count as one)."""
    folded = " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())
    folded = re.sub(r"^(?:l|la|le|les) ", "", folded)
    return re.sub(r"^(?:groupe|association|collectif|cooperative|reseau|federation) ", "", folded)


def main_organisation(mentions: Sequence[Mention]) -> Mention | None:
    """The organisation a document is about: named most (first named on a tie), at least
    twice and in a fifth of the organisation mentions; None when no organisation leads."""
    orgs = [m for m in mentions if m.kind == "organisation"]
    if not orgs:
        return None
    counts = Counter(_org_key(m.text) for m in orgs)
    best = max(counts.values())
    if best < 2 or best * 5 < len(orgs):
        return None
    return next(m for m in sorted(orgs) if counts[_org_key(m.text)] == best)


# How far back the main organisation must have been named to be the subject of a sentence
# that does not name it (characters).
RECENT = 400


def _recent(main: Mention | None, mentions: Sequence[Mention], at: int) -> Mention | None:
    """The main organisation when it was named shortly before ``at``."""
    if main is None:
        return None
    key = _org_key(main.text)
    named = any(
        m.kind == "organisation" and _org_key(m.text) == key and at - RECENT <= m.end <= at
        for m in mentions
    )
    return main if named else None


def general_links(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Links between organisations of one sentence around its first cue: the organisation
    before the cue (else the document's main organisation) and each organisation after it."""
    out: list[Relation] = []
    main = main_organisation(mentions)
    for s, e in sentences(text):
        orgs = _in(mentions, s, e, _ORG_KINDS)
        if not orgs:
            continue
        cues = [
            (m.start(), -(m.end() - m.start()), m.end(), kind)
            for pattern, kind in _link_cues()
            for m in pattern.finditer(text, s, e)
        ]
        if not cues:
            continue
        start, _, end, kind = min(cues)
        before = [o for o in orgs if o.end <= start]
        subject = before[-1] if before else _recent(main, mentions, start)
        if subject is None:
            continue
        for obj in (o for o in orgs if o.start >= end):
            if _org_key(obj.text) != _org_key(subject.text):
                out.append(
                    Relation(
                        kind,
                        subject,
                        obj,
                        (min(subject.start, start), obj.end),
                        None,
                        None,
                        None,
                        0.7,
                        "link-general",
                    )
                )
    return out


def general_located(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """ "X, basée à Y", "X est installée à Y": an organisation and the commune after a cue."""
    out: list[Relation] = []
    for s, e in sentences(text):
        orgs = _in(mentions, s, e, ("organisation",))
        places = _in(mentions, s, e, ("territory",))
        for place in places:
            # "À Guise, l'atelier X…": a sentence that opens on its commune
            if re.fullmatch(r"\s*[ÀA]\s?", text[s : place.start]) and text.startswith(
                ",", place.end
            ):
                after = [o for o in orgs if o.start > place.end]
                if after:
                    out.append(
                        Relation(
                            "located-in",
                            after[0],
                            place,
                            (place.start, after[0].end),
                            None,
                            None,
                            None,
                            0.7,
                            "located-opening",
                        )
                    )
                continue
            if not _settle().search(text, s, place.start):
                continue
            before = [o for o in orgs if o.end <= place.start]
            if before:
                org = before[-1]
                out.append(
                    Relation(
                        "located-in",
                        org,
                        place,
                        (org.start, place.end),
                        None,
                        None,
                        None,
                        0.75,
                        "located-general",
                    )
                )
    return out


def general_relations(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Every relation of the general rules."""
    return (
        general_roles(text, mentions)
        + general_links(text, mentions)
        + general_located(text, mentions)
    )
