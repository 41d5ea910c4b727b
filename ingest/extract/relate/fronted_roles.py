"""``role-fronted``: a sentence opening on a title and its organisation, then a comma and
the person who holds it ("Directrice de l'association X depuis 2019, Julie Caron…", "Élue
présidente de X en 2021, …", "À la tête de la Scop X, …"), or a pronoun standing for the
person named just before ("Julie Caron dirige X. Membre du bureau de Y, elle…"). The years are
read in the fronted phrase."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.mentions.governors import ROLE_PREPOSITION
from ingest.extract.mentions.names import Mention
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.cue_words import role_titles
from ingest.extract.relate.general import (
    OWN_NOUNS,
    SHORT,
    main_organisation,
    noun_target,
    sentences,
)
from ingest.extract.relate.relation import Relation, years

# what may open the sentence before the title: a participle of taking office
_TAKEN = re.compile(r"\s*(?i:(?:ré)?élue?s?|nommée?s?|devenue?s?|désignée?s?|recrutée?s?)?\s*")
# between the title and its organisation: a preposition, maybe a typing noun ("de la Scop ")
_TO_BODY = re.compile(rf"\s+{ROLE_PREPOSITION}(?:[a-zà-ÿ'’-]+\s+){{0,4}}(?:l['’])?")
# the fronted phrase goes on at most this far after the organisation before its comma
_REST = 60
# a subject pronoun after the comma stands for the person named last, at most this far back
_PRONOUN = re.compile(r"\s*(?:elle|il)\b")
_REACH = 400
# the common noun of the text's own organisation after the title: "de la structure"
_TO_NOUN = re.compile(rf"\s+{ROLE_PREPOSITION}(?:{'|'.join(OWN_NOUNS)})(?![\w'’-])")


def fronted_roles(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Roles stated by a fronted title phrase (see the module)."""
    orgs = sorted(m for m in mentions if m.kind == "organisation")
    people = sorted(m for m in mentions if m.kind == "person")
    main = main_organisation(mentions, text) if len(text) < SHORT else None
    out: list[Relation] = []
    for s, e in sentences(text):
        opening = _TAKEN.match(text, s)
        title = role_titles().search(text, opening.end() if opening else s, e)
        if title is None or opening is None or title.start() != opening.end():
            continue
        org = next((o for o in orgs if title.end() < o.start < e), None)
        body_end = org.end if org is not None else -1
        if org is None or not _TO_BODY.fullmatch(text, title.end(), org.start):
            # "Cofondateur de la structure en 2008, X …": the short text's organisation
            noun = _TO_NOUN.match(text, title.end())
            own = noun_target(main)
            org = own if noun is not None and own is not None and own.end <= s else None
            if org is None or noun is None:
                continue
            body_end = noun.end()
        comma = text.find(",", body_end, e)
        if comma < 0 or comma - body_end > _REST:
            continue
        person = next((p for p in people if comma < p.start < e), None)
        if _PRONOUN.match(text, comma + 1):
            # "…, elle plaide pour…": the person named last before, in the lines above
            person = next((p for p in reversed(people) if s - _REACH <= p.end <= s), None)
            if person is None or "\n\n" in text[person.end : s]:
                continue
        elif person is None or text[comma + 1 : person.start].strip():
            continue
        start_year, end_year = years(text[s:comma])
        out.append(
            Relation(
                "role",
                person,
                org,
                (s, person.end),
                title.group("role").lower(),
                start_year,
                end_year,
                confidence("role-fronted"),
                "role-fronted",
            )
        )
    return out
