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
from itertools import pairwise
from typing import cast

from ess_core.iris import fold
from ingest.extract.classify.kinds import organisation_kind, strip_article
from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.org_words import typing_first_words
from ingest.extract.relate import cue_words
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.cue_words import (
    CuePhrase,
    RoleTitles,
    anaphor,
    opens_on_settling,
    role_titles,
    settle_cue,
    singular_title,
    typed_apposition,
)
from ingest.extract.relate.relation import Relation, RelationKind, located_in, years

# between a title in brackets and its body: "(président Y)", "(directrice de la Y)"
_TITLE_TO_BODY = re.compile(r"\s+(?:de la |de l['’]|du |des |de |d['’]|à la |à l['’]|au )?")
# between an organisation and the person of a title before it: "…de Y (ACR), X"
_ORG_TO_PERSON = re.compile(
    r"\s*(?:\([^()\n]{1,40}\))?\s*,?\s*(?:(?:M\.|Mme|Mlle|Monsieur|Madame)\s+)?"
)
# a sentence ends on a mark, not on a dot inside a word ("Ozange.net", "2.0")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=[a-zà-ÿ0-9]))+(?:[.!?]+|\n|$)")
_ORG_KINDS = ("organisation", "programme")
# A full stop that ends an abbreviation or an initial, not a sentence: "M.", "Mme.", "J."
_ABBREVIATION = re.compile(r"(?<![\w.])(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|St|[A-ZÀ-Ý])\.$")
_BETWEEN_ROLE_ORG = re.compile(
    # no preposition in a caption or a signature: "co-responsables Restos du Cœur de Noyon"
    r"(?:\s*(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|au|à|chez|pour)\s*| )"
    r"(?:(?:l['’]|la |le )?(?:association|structure|coopérative|collectif|réseau|entreprise|"
    r"fédération|fondation|SCIC|Scic|SCOP|Scop|recyclerie|ressourcerie|épicerie[\w ]*?|"
    r"chantier[\w ’']*?|tiers-lieu|groupe)\s*)?[«“\"]?\s*$"
)
# a unit of the organisation between the title and its name: "membre du conseil
# d'administration de X", "responsable du pôle insertion de X"
_UNIT_THEN_ORG = re.compile(
    r"\s+(?:du|de la|de l['’]|des)\s+(?:conseil d['’]administration|bureau|équipe|pôle|service"
    r"|secteur|comité|collège|département)(?:\s+[a-zà-ÿ-]+){0,2}"
    r"\s+(?:de la|de l['’]|du|des|de|d['’])\s*(?:l['’]|la |le )?"
    r"(?:association|structure|coopérative|réseau|fédération|fondation|SCIC|Scic|SCOP|Scop)?\s*$"
)
# a title's remit before its organisation: "vice-présidente en charge du handicap et de l'ESS au"
_REMIT_THEN_ORG = re.compile(
    r"\s+(?:en charge|chargée?|déléguée?)\s+(?:de|du|des|d['’]|à|aux?)\b[^.;()\n]{0,120}?"
    r"\s(?:au|à la|à l['’]|du|de la|de l['’])\s*$"
)
# a name written out in lower case before its acronym: "de la caisse régionale de l'ESS (CRESS)"
_EXPANSION_BEFORE_ACRONYM = re.compile(
    r"\s*(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|au)\s*[a-zà-ÿ][\w'’ -]{2,90}?\s*\(\s*$"
)


def _role_pattern() -> RoleTitles:
    return role_titles()


def role_pattern() -> RoleTitles:
    """Every title of ``roles.yaml`` (group ``role``; group ``former``: "ancienne", "ex-"),
    found by a phrase matcher (:mod:`ingest.extract.relate.cue_words`)."""
    return role_titles()


def _link_cues(
    text: str = "", s: int = 0, e: int = 0
) -> list[tuple[CuePhrase, RelationKind, bool]]:
    """(finder, kind, reversed) of every cue of ``link_cues.yaml``, longest first (with a
    ``text``: those its span group holds in ``text[s:e]``)."""
    cues = cue_words.link_cues_in(text, s, e) if text else cue_words.link_cues()
    return [(f, cast(RelationKind, k), r) for f, k, r in cues]


def _together() -> cue_words.Together:
    return cue_words.together()


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence (a line break also ends one)."""
    start: int | None = None
    for m in _SENTENCE.finditer(text):
        if not m.group().strip():
            continue
        start = m.start() if start is None else start
        if _ABBREVIATION.search(m.group()):
            continue  # "M. Paul Lenoir": the sentence goes on
        yield start, m.end()
        start = None
    if start is not None:
        yield start, len(text)


def _in(mentions: Sequence[Mention], start: int, end: int, kinds: Sequence[str]) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end and m.kind in kinds]


def general_roles(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Roles stated by apposition, title-first clauses and "X pour Y"."""
    out: list[Relation] = []
    pattern = _role_pattern()
    main = main_organisation(mentions, text)
    for s, e in sentences(text):
        people = _in(mentions, s, e, ("person",))
        orgs = _in(mentions, s, e, _ORG_KINDS)
        if people and main is not None:
            out += _roles_at_anaphor(text, s, e, people, orgs, main, mentions)
        if people:
            out += _roles_by_copula(text, s, e, people, orgs, main, mentions)
            out += _roles_by_election(text, s, e, people, orgs, main, mentions)
        if not people or not orgs:
            continue
        titles = list(pattern.finditer(text, s, e))
        for title in titles:
            org = next(
                (
                    o
                    for o in orgs
                    if o.start >= title.end()
                    and (
                        _BETWEEN_ROLE_ORG.fullmatch(text[title.end() : o.start])
                        or _REMIT_THEN_ORG.fullmatch(text[title.end() : o.start])
                        or _UNIT_THEN_ORG.fullmatch(text[title.end() : o.start])
                        or (
                            _EXPANSION_BEFORE_ACRONYM.fullmatch(text[title.end() : o.start])
                            and text.startswith(")", o.end)
                        )
                    )
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
            holders = coordinated_people(text, person, people)
            if person.start > org.end and title.group("role").endswith(("s", "x")):
                # "Les cofondateurs de Y, A et B": the people listed after the organisation
                holders += coordinated_after(text, person, people)[1:]
            for holder in holders:
                out.append(
                    Relation(
                        "role",
                        holder,
                        org,
                        (min(holder.start, title.start()), max(org.end, person.end)),
                        label,
                        start_year,
                        end_year,
                        confidence("role-general"),
                        "role-general",
                    )
                )
        for person in people:  # "X (Y - service)", "X (président Y)": the person at Y
            opened = re.compile(r"\s*\(\s*").match(text, person.end)
            if opened is None:
                continue
            at, held = opened.end(), None
            inside = pattern.search(text, at, min(e, at + 60))
            if inside is not None and inside.start() == at:
                then = _TITLE_TO_BODY.match(text, inside.end())
                at, held = (then.end(), inside.group("role").lower()) if then else (at, None)
            org = next((o for o in orgs if o.start == at), None)
            if org is not None:
                out.append(
                    Relation(
                        "role",
                        person,
                        org,
                        (person.start, org.end),
                        held,
                        None,
                        None,
                        confidence("role-bracket"),
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
                            confidence("role-for"),
                            "role-for",
                        )
                    )
    return out


def coordinated_people(text: str, person: Mention, people: Sequence[Mention]) -> list[Mention]:
    """``person`` and the people listed just before it: "A, B et C, conseillers de Y"."""
    out = [person]
    for p in sorted(people, reverse=True):
        if p.end <= out[-1].start and re.fullmatch(r"\s*(?:,|et)\s*", text[p.end : out[-1].start]):
            out.append(p)
    return out


def coordinated_after(text: str, person: Mention, people: Sequence[Mention]) -> list[Mention]:
    """``person`` and the people listed right after it: "A, B et C"."""
    out = [person]
    for p in sorted(people):
        if p.start >= out[-1].end and re.fullmatch(r"\s*(?:,|et)\s*", text[out[-1].end : p.start]):
            out.append(p)
    return out


# between a person and a second title: a comma, the first title and its body, then "et"
_CHAINED = re.compile(
    r"\s*,\s*(?P<titles>(?:[^.;:()\n]|\.(?=\w)){3,240}?)(?:\s+et\s+|\s*,\s*)"
    r"(?:l['’]|la |le |sa |son )?"
)
# between two titles of one chain
_CHAIN_SPLIT = re.compile(r"\s*,\s*|\s+et\s+")
# what may open a title of a chain before the title word
_CHAIN_OPENS = re.compile(r"(?:(?:l['’]|la |le |sa |son )?(?:ancien(?:ne)?\s+|ex-))?")


def _titles_between(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a chain of titles after a person ("X, ancien haut-
    commissaire, président de A et coprésident de B"): each part opens on a title."""
    gap = _CHAINED.fullmatch(text, start, end)
    if gap is None:
        return False
    pos = gap.start("titles")
    parts = _CHAIN_SPLIT.split(gap.group("titles"))
    if len(parts) > 4:
        return False
    for part in parts:
        at = text.index(part, pos)
        opens = _CHAIN_OPENS.match(text, at)
        first = _role_pattern().search(text, opens.end() if opens else at, at + len(part))
        if first is None or first.start() != (opens.end() if opens else at):
            return False
        pos = at + len(part)
    return True


# What opens a title that comes before its name: an article or a possessive, or nothing at
# the start of a line ("La directrice de Y, X", "Président de Y, X a…").
_TITLE_OPENS = re.compile(
    r"(?:(?<![\w'’])(?:[Ll]es?|[Ll]a|[Ll]['’]|[Ss]on|[Ss]a|[Ss]es|[Ll]eurs?|[Nn]otre|[Nn]os)\s*"
    r"|(?:^|\n|[.!?:«“]\s*)\s*)$"
)


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
    # "X, directrice de A et co-fondatrice de B": the second title of a person's chain
    chained = [
        p
        for p in people
        if p.end <= title_start
        and _titles_between(text, p.end, title_start)
        and not any(q is not p and p.end <= q.start < title_start for q in people)
    ]
    if chained:
        return chained[-1]
    if not _TITLE_OPENS.search(text[max(0, title_start - 12) : title_start]):
        return None  # ", vice-présidente de Y, X": the title of a name not found, not of X
    after = [
        p
        for p in people
        if p.start >= org_end and _ORG_TO_PERSON.fullmatch(text[org_end : p.start])
    ]
    return after[0] if after else None


# a title opening its clause with an article, then a copula and the name: "La trésorière
# est X", "- Le président est M. X"
_COPULA_OPENS = re.compile(r"(?:^|\n|[.!?:;]\s+|[–—-]\s+)(?:[Ll]e|[Ll]a|[Ll]['’])\s*$")
_COPULA = re.compile(r"\s+(?:est|sera|reste|demeure|était)\s+(?:(?:M\.|Mme|Madame|Monsieur)\s+)?")


def _titled_org(text: str, orgs: Sequence[Mention], title_end: int) -> Mention | None:
    """The first organisation right after a title and its preposition ("présidente de Y")."""
    return next(
        (
            o
            for o in orgs
            if o.start >= title_end and _BETWEEN_ROLE_ORG.fullmatch(text[title_end : o.start])
        ),
        None,
    )


def _roles_by_copula(
    text: str,
    s: int,
    e: int,
    people: Sequence[Mention],
    orgs: Sequence[Mention],
    main: Mention | None,
    mentions: Sequence[Mention],
) -> list[Relation]:
    """ "La trésorière est X", "Le président de Y est X": the title's organisation, else the
    one the text is about (a board listed under its organisation)."""
    out = []
    for title in _role_pattern().finditer(text, s, e):
        if not _COPULA_OPENS.search(text, max(0, title.start() - 6), title.start()):
            continue
        org = _titled_org(text, orgs, title.end())
        copula = _COPULA.match(text, org.end if org is not None else title.end())
        if copula is None:
            continue
        person = next((p for p in people if p.start == copula.end()), None)
        target = org or noun_target(recent_main(main, mentions, title.start(), len(text)))
        if person is None or target is None:
            continue
        out.append(
            Relation(
                "role",
                person,
                target,
                (title.start(), person.end),
                title.group("role").lower(),
                None,
                None,
                confidence("role-copula"),
                "role-copula",
            )
        )
    return out


# a person, maybe an apposition between commas, then a verb of taking an office:
# "X, directeur de A, a été élu président", "X devient trésorière de Y"
_ELECTED_TO = re.compile(
    r"(?:\s*,[^.;:!?\n]{1,120}?,)?\s+(?:a été |est |vient d['’]être |sera |a |ont été |sont )?"
    r"(?:élue?s?|réélue?s?|nommée?s?|désignée?s?|devient|deviendra|devenue?|occupe le poste de"
    r"|occupera le poste de|assure la fonction de|assure les fonctions de|prend le poste de)\s+"
    r"(?:au poste de\s+|à la fonction de\s+|comme\s+|en tant que\s+)?(?:la |le |l['’])?"
)


# a person, a copula, then a title: "X est salariée de Y", "X est aussi présidente d'Y"
_IS_TITLE = re.compile(
    r"(?:\s+(?:est|était|reste|demeure|sera|et\s+je\s+suis)|,\s+je\s+suis)\s+"
    r"(?:aussi\s+|également\s+|aujourd['’]hui\s+|actuellement\s+|désormais\s+"
    r"|depuis\s+(?:19|20)\d{2}\s+)?(?:la |le |l['’])?"
)
# a title's complement: its preposition and the capitalised head of a name ("de la Chambre")
_OF_HEAD = re.compile(
    r"\s*(?:de la |de l['’]|du |des |de |d['’])\s*(?P<head>[A-ZÀ-Ý][\w-]+(?=[\s,.;]|$))?"
)


# a verb of holding an office named by its noun: "X, qui occupait la présidence d'Y"
_OFFICE = re.compile(
    r",?\s*(?:qui\s+)?(?:occupe|occupait|a occupé|assure|assurait|a assuré|prend|a pris"
    r"|reprend|a repris|quitte|a quitté)\s+la\s+(?P<office>présidence|co-présidence|coprésidence"
    r"|vice-présidence|direction|co-direction|codirection|coordination)\s+"
    r"(?:de la |de l['’]|du |des |de |d['’])"
)
_OFFICE_TITLES = {
    "présidence": "président",
    "coprésidence": "co-président",
    "viceprésidence": "vice-président",
    "direction": "directeur",
    "codirection": "co-directeur",
    "coordination": "coordinateur",
}


def _roles_by_election(
    text: str,
    s: int,
    e: int,
    people: Sequence[Mention],
    orgs: Sequence[Mention],
    main: Mention | None,
    mentions: Sequence[Mention],
) -> list[Relation]:
    """ "X, directeur de A, a été élu président", "X devient trésorière de Y", "X occupe le
    poste de vice-présidente": the title's organisation, else the one the text is about."""
    out = []
    for person in people:
        office = _OFFICE.match(text, person.end, e)
        org = next((o for o in orgs if office is not None and o.start == office.end()), None)
        if office is not None and org is not None:
            # "X, qui occupait la présidence d'Euralens depuis 2009"
            start_year, end_year = years(text[office.start() : min(e, org.end + 40)])
            out.append(
                Relation(
                    "role",
                    person,
                    org,
                    (person.start, org.end),
                    _OFFICE_TITLES[office.group("office").lower().replace("-", "")],
                    start_year,
                    end_year,
                    confidence("role-elected"),
                    "role-elected",
                )
            )
            continue
        verb = _ELECTED_TO.match(text, person.end, e)
        copula = False
        if verb is None:
            # "X est salariée de Y", "X est aussi présidente d'Y": the title's organisation only
            verb = _IS_TITLE.match(text, person.end, e)
            copula = True
        if verb is None:
            continue
        title = _role_pattern().search(text, verb.end(), e)
        if title is None or title.start() != verb.end():
            continue
        org = _titled_org(text, orgs, title.end())
        of = _OF_HEAD.match(text, title.end(), e)
        topic = recent_main(main, mentions, title.start(), len(text))
        if org is None and of is not None and topic is not None:
            # "trésorière de la Chambre": the text's organisation by the head of its name
            head = of.group("head")
            org = topic if head and strip_article(topic.text).split()[0] == head else None
        if org is None and of is not None and not of.group("head"):
            # "… la directrice de la recyclerie": the common noun stands for the text's own
            if _anaphor_noun(text, of.end(), e):
                org = noun_target(topic)
        target = org or (None if of or copula else noun_target(topic))
        if target is None:
            continue
        start_year, end_year = years(text[title.start() : min(e, title.end() + 40)])
        out.append(
            Relation(
                "role",
                person,
                target,
                (person.start, max(title.end(), target.end if org else title.end())),
                singular_title(title.group("role").lower()),
                start_year,
                end_year,
                confidence("role-elected"),
                "role-elected",
            )
        )
    return out


# a title's complement standing for an organisation named before: "de l'association", "du
# chantier" (the noun checked against the ``anaphors`` of org_context.yaml)
_OF_ANAPHOR = re.compile(r"\s+(?:de\s+l['’]|de\s+la\s+|du\s+|de\s+cette\s+|de\s+cet\s+|de\s+ce\s+)")


def _roles_at_anaphor(
    text: str,
    s: int,
    e: int,
    people: Sequence[Mention],
    orgs: Sequence[Mention],
    main: Mention,
    mentions: Sequence[Mention],
) -> list[Relation]:
    """ "X, présidente de l'association", "X, encadrant du chantier": a title whose complement
    stands for the organisation the text is about (its main one, named before; the one named
    in the sentence, if any, is another's)."""
    out = []
    for title in _role_pattern().finditer(text, s, e):
        of = _OF_ANAPHOR.match(text, title.end())
        if of is None or not _anaphor_noun(text, of.end(), e):
            continue
        if any(o.kind in _ORG_KINDS and 0 <= o.start - of.end() < 40 for o in mentions) or re.match(
            r"[\w'’-]+(?:\s+[a-zà-ÿ-]+)?\s+[«“\"]?[A-ZÀ-Ý]", text[of.end() : e]
        ):
            continue  # "de l'association (amiénoise) Les Amis": the name follows
        if recent_main(main, mentions, title.start(), len(text)) is None or main.start > s:
            continue
        if noun_target(main) is None:
            continue  # "gérant de la structure" is no office of a council the text names most
        person = _person_of(text, title.start(), of.end(), people)
        if person is None:
            continue
        label = title.group("role").lower()
        out.append(
            Relation(
                "role",
                person,
                main,
                (min(person.start, title.start()), of.end()),
                label,
                None,
                None,
                confidence("role-anaphor"),
                "role-anaphor",
            )
        )
    return out


def _anaphor_noun(text: str, start: int, end: int) -> bool:
    """Whether an ``anaphors`` noun of org_context.yaml opens ``text[start:end]`` (as a
    whole word, and no capitalised name after it)."""
    rest = text[start:end]
    for noun in cue_words.anaphor_nouns():
        if rest.startswith(noun) and not re.match(r"[\w'’-]", rest[len(noun) : len(noun) + 1]):
            return not re.match(r"\s+[«“\"]?[A-ZÀ-Ý]", rest[len(noun) :])
    return False


def _org_key(name: str) -> str:
    """A name without its article and kind word ("le Groupe X", "la SCIC La X" and "X" count
    as one)."""
    folded = " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())
    folded = re.sub(r"^(?:l|la|le|les) ", "", folded)
    folded = re.sub(
        r"^(?:groupe|association|collectif|cooperative|reseau|federation|scic|scop|sas|sarl) ",
        "",
        folded,
    )
    return re.sub(r"^(?:l|la|le|les) ", "", folded)


def main_organisation(mentions: Sequence[Mention], text: str = "") -> Mention | None:
    """The organisation a document is about: named most (first named on a tie), at least
    twice, and in a fifth of the organisation mentions or, alone at the top, the first one
    the document names; None when no organisation leads. An acronym and the expansion it
    follows or precedes in brackets count as one name ("l'ARVE (Atelier régional de…)").
    With the ``text`` of a short document, an organisation named once leads when it is the
    only one its headline (first line) names."""
    orgs = [m for m in mentions if m.kind == "organisation"]
    if not orgs:
        return None
    found = _named_most(orgs)
    if found is None and 0 < len(text) < SHORT:
        return _headline_organisation(orgs, text)
    return found


def _headline_organisation(orgs: Sequence[Mention], text: str) -> Mention | None:
    """The only organisation the first line of ``text`` names, when it is a headline."""
    end = text.find("\n")
    if end < 0 or end > _HEADLINE:
        return None
    named = [m for m in orgs if m.end <= end]
    keys = {_org_key(m.text) for m in named}
    return named[0] if len(keys) == 1 else None


# a first line no longer than this (characters) is a headline
_HEADLINE = 160


def _named_most(orgs: Sequence[Mention]) -> Mention | None:
    """The organisation named most (see :func:`main_organisation`)."""
    keys = _paired_keys(orgs)
    counts = Counter(keys[_org_key(m.text)] for m in orgs)
    best = max(counts.values())
    ties = sum(n == best for n in counts.values())
    if ties > 1:
        # a tie is broken by the namings: a name with its acronym in brackets is named once
        seconds = _paired_seconds(orgs)
        namings = Counter(keys[_org_key(m.text)] for m in orgs if m not in seconds)
        tied = [k for k, n in counts.items() if n == best]
        most = max(namings[k] for k in tied)
        if sum(namings[k] == most for k in tied) == 1:
            counts = Counter({k: n - (k in tied and namings[k] < most) for k, n in counts.items()})
            ties = 1
    opening = keys[_org_key(min(orgs).text)]
    # named most and at least twice, and in a fifth of the mentions or, named by no other as
    # often, the first organisation the document names (its title's)
    if best < 2 or (best * 5 < len(orgs) and (ties > 1 or counts[opening] != best)):
        return None
    return next(m for m in sorted(orgs) if counts[keys[_org_key(m.text)]] == best)


def _inline_pairs(orgs: Sequence[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """The pairs the mention stage made: two ``acronym-inline`` mentions a bracket apart
    ("ARVE (Atelier…)", "Atelier… (ARVE)")."""
    inline = sorted(m for m in orgs if m.rule == "acronym-inline")
    for a, b in pairwise(inline):
        if 0 <= b.start - a.end <= 3:
            yield a, b


def _paired_keys(orgs: Sequence[Mention]) -> dict[str, str]:
    """Each organisation's key, an expansion's being its acronym's."""
    keys = {_org_key(m.text): _org_key(m.text) for m in orgs}
    for a, b in _inline_pairs(orgs):
        short, long = sorted((a, b), key=lambda m: len(m.text))
        keys[_org_key(long.text)] = keys[_org_key(short.text)]
    return keys


def _paired_seconds(orgs: Sequence[Mention]) -> set[Mention]:
    """The second mention of each pair (the bracketed one)."""
    return {b for _, b in _inline_pairs(orgs)}


# The nouns of a kind of organisation by which a text calls its own ("de la structure",
# "gérante de la coopérative").
OWN_NOUNS = ("association", "structure", "entreprise", "coopérative")


def noun_target(main: Mention | None) -> Mention | None:
    """``main`` when a common noun ("la structure", "l'association") may stand for it: not a
    council, whose office "gérant de la structure" is not."""
    return main if main is not None and organisation_kind(main.text) != "administration" else None


# How far back the main organisation must have been named to be the subject of a sentence
# that does not name it (characters).
RECENT = 400
# A text shorter than this (characters) is an article or a portrait, not a plan or a report.
SHORT = 6000


def recent_main(
    main: Mention | None, mentions: Sequence[Mention], at: int, length: int = 0
) -> Mention | None:
    """The main organisation when it was named shortly before ``at``, or anywhere in a
    short text (``length`` below :data:`SHORT`: an article is about its main organisation
    throughout)."""
    if main is None:
        return None
    if 0 < length < SHORT:
        return main
    key = _org_key(main.text)
    named = any(
        m.kind == "organisation" and _org_key(m.text) == key and at - RECENT <= m.end <= at
        for m in mentions
    )
    return main if named else None


# What may stand between two members of a coordinate list: "A, B et C", "A, de B et de C".
_COORDINATION = re.compile(
    r"\s*(?:\([^()\n]{1,60}\)\s*)?(?:,|\bet\b|\bou\b|;|/|,\s*(?:mais\s+)?aussi|,\s*ainsi que"
    r"|\bainsi que\b)\s*(?:et\s+)?(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|à\s+la|à\s+l['’]|au"
    r"|aux|avec|la|le|les|l['’])\s*)?$"
)


def _bracketed(text: str, sentence_start: int, m: Mention, cue_start: int) -> bool:
    """Whether ``m`` sits inside brackets that close before the cue (an example, not the
    subject: "… (A, B) et du financement de ces projets (C, D)")."""
    opened = text.rfind("(", sentence_start, m.start)
    if (
        opened >= 0
        and re.fullmatch(r"\(\s*", text[opened : m.start])
        and re.match(r"\s*\)", text[m.end : cue_start])
    ):
        return False  # "Association X (AX) qui regroupe …": the acronym of the name before
    return opened >= 0 and ")" not in text[opened : m.start] and ")" in text[m.end : cue_start]


def _coordinated(text: str, orgs: Sequence[Mention], first: Mention) -> list[Mention]:
    """``first`` and the organisations listed after it: "A, B et C"."""
    members = [first]
    for o in orgs:
        if o.start >= members[-1].end and _COORDINATION.fullmatch(text[members[-1].end : o.start]):
            members.append(o)
    return members


def _list_after_colon(
    text: str, end: int, mentions: Sequence[Mention], limit: int = 12
) -> list[Mention]:
    """Organisations opening the list items after a sentence ending on ":" (one per item)."""
    found: list[Mention] = []
    pos = end
    for _ in range(limit):
        nl = text.find("\n", pos)
        if nl < 0:
            break
        line_end = text.find("\n", nl + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[nl + 1 : line_end]
        pos = line_end
        if not line.strip():
            if found:
                break
            continue
        if not re.match(r"\s*[-–•*·]", line):
            break
        first = next(
            (m for m in sorted(mentions) if m.kind in _ORG_KINDS and nl < m.start < line_end),
            None,
        )
        if first is not None and re.fullmatch(r"\s*[-–•*·]\s*", text[nl + 1 : first.start]):
            found.append(first)
    return found


def _named_list(
    text: str, after: Sequence[Mention], cue_end: int, sentence_end: int
) -> tuple[Mention, list[Mention]] | None:
    """(X, [A, B, C]) of "<cue> X : A, B et C": the organisation right after the cue, then a
    colon, then the organisations listed after it; None for another shape."""
    colon = text.find(":", cue_end, sentence_end)
    if colon < 0 or not after or after[0].end > colon:
        return None
    if any(o.start < colon for o in after[1:]) or not re.fullmatch(
        r"[^,;.()]{0,30}", text[after[0].end : colon]
    ):
        return None
    if not re.fullmatch(
        r"\s*(?:de\s+la|de\s+l['’]|du|des|de|d['’])?\s*[\w\s'’-]{0,25}",
        text[cue_end : after[0].start],
    ):
        return None
    items = [o for o in after if o.start > colon]
    return (after[0], items) if items else None


# a noun of a tie between bodies, then "entre" and their names: "le rapprochement entre A et B"
_BETWEEN = re.compile(
    r"\b(?:partenariat|convention|rapprochement|coopération|collaboration|fusion|alliance"
    r"|accord|jumelage|mutualisation)s?\s+(?:\w+\s+)?entre\s+(?:la |le |les |l['’])?"
)


def general_links(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Links between organisations of one sentence around its first cue: the organisation
    before the cue (else the document's main organisation) and each organisation after it
    (each member of a coordinate list, each item of a list opened by ":"); a coordination
    before a verb of ``together`` ("A, B et C concluent une convention"): each two are partners."""
    out: list[Relation] = []
    main = main_organisation(mentions, text)
    for s, e in sentences(text):
        orgs = _in(mentions, s, e, _ORG_KINDS)
        for between in _BETWEEN.finditer(text, s, e):
            # "le rapprochement entre A et B", "une convention entre A, B et C"
            first = next((o for o in orgs if o.start >= between.end()), None)
            if first is None or not re.fullmatch(
                r"\s*(?:[a-zà-ÿ-]+\s+){0,2}", text[between.end() : first.start]
            ):
                continue
            members = _coordinated(text, [o for o in orgs if o.start >= first.start], first)
            out += _partners(members, between.start())
        together = _together().search(text, s, e)
        if together is not None:
            before = [o for o in orgs if o.end <= together.start()]
            heads = [o for o in before if len(_coordinated(text, before, o)) > 1]
            if heads:
                out += _partners(_coordinated(text, before, heads[0]), together.start())
                continue
        cues = [
            (m.start(), -(m.end() - m.start()), m.end(), kind, reverse)
            for pattern, kind, reverse in _link_cues(text, s, e)
            for m in pattern.finditer(text, s, e)
        ]
        if not cues:
            continue
        for c_start, _, c_end, c_kind, c_reverse in sorted(cues)[1:]:
            # a later cue in a relative clause has its own subject: "… l'association X, qui
            # s'occupe notamment des ressourceries A et B"
            own = [
                o for o in orgs if o.end <= c_start and _RELATIVE.fullmatch(text, o.end, c_start)
            ]
            after_cue = [o for o in orgs if o.start >= c_end]
            if (
                own
                and after_cue
                and not any(c[0] > c_start and c[0] < after_cue[0].start for c in cues)
            ):
                for obj in _coordinated(text, after_cue, after_cue[0]):
                    if _org_key(obj.text) != _org_key(own[-1].text):
                        a, b = (obj, own[-1]) if c_reverse else (own[-1], obj)
                        out.append(_link(c_kind, a, b, c_start, "link-general"))
        start, _, end, kind, reverse = min(cues)
        before = [o for o in orgs if o.end <= start]
        if before and _bracketed(text, s, before[-1], start):
            continue
        if kind == "member-of" and (
            any(m.kind == "person" and s <= m.start < start for m in mentions)
            or _role_pattern().search(text, s, start)
        ):
            continue  # "X, directrice de Y et membre de Z": the person is the member
        if (
            kind == "member-of"
            and re.fullmatch(r"\W*", text[s:start])
            and (
                any(m.kind == "person" and start <= m.start < e for m in mentions)
                or re.search(r",\s*(?:elle|il)\b", text[end:e])
            )
        ):
            continue  # "Membre du bureau de Y, elle …": a person is the member
        after = [o for o in orgs if o.start >= end]
        objects = list(after)
        fronted = None
        if (
            reverse
            and kind == "funded-by"
            and before
            and not after
            and re.search(r"\b(?:financement|soutien)\b", text[start:end])
        ):
            # "La Région et le Département participent au financement": each funds the
            # organisation the text is about
            funders = [o for o in _coordinated(text, before, before[0]) if o.end <= start]
            out += _to_unnamed(kind, reverse, funders, main, mentions, text, start, s) or []
            continue
        if (
            before
            and (kind, reverse) in (("carries", False), ("funded-by", True))  # verbs
            and _OBJECT_PRONOUN.fullmatch(text, before[-1].end, start)
        ):
            # "C'est le CIAS qui le gère", "la Région la soutient": the pronoun stands for the
            # organisation the text is about
            found = _to_unnamed(kind, reverse, before[-1:], main, mentions, text, start, s)
            if found is not None:
                out += found
                continue
        if not before and (named := _named_list(text, after, end, e)) is not None:
            # "Les partenaires de X : A, B et C" (members: "les membres de X : A" are X's)
            owner, items = named
            for obj in items:
                a, b = (obj, owner) if (kind == "member-of") != reverse else (owner, obj)
                out.append(_link(kind, a, b, start, "link-general"))
            continue
        if not before and objects and _FRONTED.fullmatch(text, s, start):
            # "Avec le soutien de Y, X …": the organisation after the fronted phrase
            listed = _coordinated(text, after, after[0])
            # "de A, B et C, X …": the list ends after its "et"; without one, after A
            ends = [
                i
                for i in range(1, len(listed))
                if re.search(r"\b(?:et|ainsi que)\b", text[listed[i - 1].end : listed[i].start])
            ]
            listed = listed[: ends[0] + 1] if ends else listed[:1]
            rest = [o for o in after if o.start > listed[-1].end]
            # ", X a …": the subject after the comma (not ", par l'intermédiaire de X,")
            if rest and _THEN_SUBJECT.search(text, listed[-1].end, rest[0].start):
                fronted = rest[0]
                objects = listed
        subject = before[-1] if before else fronted or recent_main(main, mentions, start, len(text))
        if subject is None and (_PRONOUN.search(text, s, start) or anaphor(text, s, start)):
            # "elle a signé une convention avec …", "la structure est membre de …": the
            # organisation the document is about, however long ago it was named
            subject = main
        if subject is None or (
            not before and any(_org_key(o.text) == _org_key(subject.text) for o in objects)
        ):
            continue  # the main organisation among the objects: it is not the subject
        if text[s:e].rstrip().endswith(":"):
            objects += _list_after_colon(text, e - 1, mentions)
        for obj in objects:
            # a second cue of the clause before this object: its own kind ("fait partie du
            # réseau X et travaille en lien avec Y": Y is a partner, not a network), and its
            # own subject after a relative pronoun ("… de l'Union Y qui regroupe A et B")
            later = [c for c in cues if end <= c[0] and c[2] <= obj.start]
            k, r, at = (
                (later[-1][3], later[-1][4], later[-1][0]) if later else (kind, reverse, start)
            )
            who = subject
            if later:
                own = [o for o in orgs if end <= o.start and o.end <= at]
                if own and _RELATIVE.fullmatch(text, own[-1].end, at):
                    who = own[-1]
            if _org_key(obj.text) == _org_key(who.text):
                continue
            a, b = (obj, who) if r else (who, obj)
            out.append(_link(k, a, b, at, "link-general"))
    return out


# between a name and the cue of its relative clause: "Y qui", "Y (ACR), qui"
_RELATIVE = re.compile(r"\s*(?:\([^()]{1,20}\))?\s*,?\s*qui\s+(?:\w+\s+)?")


# Between the subject and its verb cue, an object pronoun: "X qui le gère", "X la soutient"
# (not "X … et la finance solidaire": other words between)
_OBJECT_PRONOUN = re.compile(r"\s*(?:\([^()]{1,20}\))?\s*,?\s*(?:qui\s+)?(?:le|la|les|l['’])\s*")
# After a fronted phrase: its comma, then only an article before the sentence's subject.
# ", la plateforme X": an article and a typing phrase
_THEN_SUBJECT = re.compile(
    r",\s*(?:(?:(?:[Ll]a|[Ll]e|[Ll]es)\s+|[Ll]['’])(?:[a-zà-ÿ-]+\s+){0,2})?$"
)
# what may open a sentence before its fronted cue: nothing, or a participle and "et"
# ("Imaginé et porté par X, …")
_FRONTED = re.compile(r"\W*(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:ée?s?|ie?s?|ue?s?)\s+et\s+)?")


# A subject pronoun before the cue: the sentence continues about an organisation named before.
_PRONOUN = re.compile(r"(?<![\w'’])(?:[Ee]lle|[Ii]l|[Nn]ous|[Ee]lles|[Ii]ls)(?![\w'’])")


def _to_unnamed(
    kind: RelationKind,
    reverse: bool,
    agents: Sequence[Mention],
    main: Mention | None,
    mentions: Sequence[Mention],
    text: str,
    cue: int,
    sentence: int,
) -> list[Relation] | None:
    """The links of ``agents`` to the organisation the text is about, the unnamed object of
    their cue (None when it is not named before the sentence)."""
    own = recent_main(main, mentions, cue, len(text))
    if own is None or own.end > sentence:
        return None
    return [
        _link(kind, *((own, a) if reverse else (a, own)), cue, "link-general")
        for a in agents
        if _org_key(a.text) != _org_key(own.text)
    ]


def _partners(members: Sequence[Mention], cue: int) -> list[Relation]:
    """Each two of ``members`` (not two forms of one name) are partners (rule
    ``link-together``)."""
    return [
        _link("partner-of", a, b, cue, "link-together")
        for i, a in enumerate(members)
        for b in members[i + 1 :]
        if _org_key(b.text) != _org_key(a.text)
    ]


def _link(kind: RelationKind, a: Mention, b: Mention, cue: int, rule: str) -> Relation:
    span = (min(a.start, b.start, cue), max(a.end, b.end))
    return Relation(kind, a, b, span, None, None, None, confidence(rule), rule)


# "cette ressourcerie", "cet atelier", "la structure" opening the clause of a settle cue
_DEMONSTRATIVE = re.compile(r"(?<![\w'’])(?:[Cc]ette|[Cc]et)\s+[a-zàâçéèêëîïôûùüÿœ/-]{3,}")


def _last_before(mentions: Sequence[Mention], at: int) -> Mention | None:
    """The last organisation named before ``at`` (within :data:`RECENT` characters)."""
    orgs = [m for m in mentions if m.kind == "organisation" and at - RECENT <= m.end <= at]
    return orgs[-1] if orgs else None


def general_located(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """ "X, basée à Y", "X est installée à Y": an organisation and the commune after a cue."""
    out: list[Relation] = []
    for s, e in sentences(text):
        orgs = _in(mentions, s, e, ("organisation",))
        places = _in(mentions, s, e, ("territory",))
        for place in places:
            # "À Guise, l'atelier X…", "Installée à Guise, l'atelier X…": a sentence that
            # opens on its commune
            if (
                re.fullmatch(r"\s*[ÀA]\s?", text[s : place.start])
                or opens_on_settling(text, s, place.start)
            ) and text.startswith(",", place.end):
                after = [o for o in orgs if o.start > place.end]
                if after:
                    out.append(
                        located_in(after[0], place, "located-opening", (place.start, after[0].end))
                    )
                continue
            fused = place.text != text[place.start : place.end]
            typed = typed_apposition(text, s, place.start, fused)
            if typed is not None:
                # "Vélo Pour Tous, association de Guise", "X, une recyclerie basée à Y"
                named = [o for o in orgs if o.end == typed.start()]
                if named and typed.group("noun").endswith(("s", "S")):
                    named = _listed_before(text, orgs, named[0])  # "A et B, deux coopératives"
                out += [located_in(o, place, "located-general") for o in named]
                if named:
                    continue
            cue = settle_cue(text, s, place.start)
            if cue is None:
                continue
            before = [o for o in orgs if o.end <= place.start]
            org = before[-1] if before else None
            if org is None and (
                _DEMONSTRATIVE.search(text, s, place.start)
                or _PRONOUN.match(text[s : place.start].lstrip())
            ):
                # "Cette ressourcerie, implantée à Y, …", "Elle est installée à Y": the
                # organisation named just before
                org = _last_before(mentions, s)
                rule = "located-anaphora"
            elif (
                org is None
                and (noun := _KIND_OPENS.match(text, s)) is not None
                and (noun.group("noun").lower() in typing_first_words())
            ):
                # "Une Scop basée à Y.", "L'association est installée à Y": the text's own
                org = noun_target(
                    recent_main(main_organisation(mentions, text), mentions, s, len(text))
                )
                rule = "located-anaphora"
            else:
                rule = "located-general"
            if org is None:
                continue
            # "A et B, deux associations …, occupent au Portel": every one of a list
            plural = _PLURAL.fullmatch(cue.group().split()[0])
            subjects = _listed_before(text, before, org) if plural else [org]
            out += [located_in(o, place, rule) for o in subjects]
    return out


# a sentence opening on a kind of organisation: "Une Scop …", "L'association …"
_KIND_OPENS = re.compile(r"\s*(?:Une?|La|Le|L['’])\s*(?P<noun>[\w-]+)")


# a settling verb in the plural: "installés", "installées", "occupent"
_PLURAL = re.compile(r"\w+(?:és|ées|[^\W\d_]ent)", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,|et)\s*")


def _listed_before(text: str, orgs: Sequence[Mention], last: Mention) -> list[Mention]:
    """``last`` and the organisations listed right before it: "A, B et C"."""
    members = [last]
    for o in reversed([o for o in orgs if o.end <= last.start]):
        if not _AND.fullmatch(text[o.end : members[0].start]):
            break
        members.insert(0, o)
    return members


def general_relations(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Every relation of the general rules."""
    return (
        general_roles(text, mentions)
        + general_links(text, mentions)
        + general_located(text, mentions)
    )


def link_cues() -> list[tuple[CuePhrase, RelationKind, bool]]:
    """(finder, kind, reversed) of every cue of ``link_cues.yaml``, longest first."""
    return _link_cues()


def coordinated(text: str, orgs: Sequence[Mention], first: Mention) -> list[Mention]:
    """``first`` and the organisations listed after it: "A, B et C"."""
    return _coordinated(text, orgs, first)


def org_key(name: str) -> str:
    """A name without its article and kind word ("le Groupe X", "la SCIC La X" and "X" count
    as one)."""
    return _org_key(name)


# The contracted forms a cue's final preposition stands for.
_PREPOSITIONS = {
    "de": frozenset({"de", "du", "des", "d'", "d’"}),
    "à": frozenset({"à", "au", "aux"}),
    "par": frozenset({"par"}),
    "avec": frozenset({"avec"}),
}


@cache
def cue_heads() -> list[tuple[CuePhrase, frozenset[str], RelationKind, bool]]:
    """(head, prepositions, kind, reversed) of every cue of ``link_cues.yaml`` that ends on a
    preposition: "soutenue par" -> ("soutenue", {"par"}), "membre de" -> ("membre", {"de", "du",
    "des", "d'"}); the parse finds the object the head governs through that preposition, however
    far ("soutenue depuis 2019 par Y")."""
    return [
        (finder, _PREPOSITIONS[last], cast(RelationKind, kind), reverse)
        for finder, last, kind, reverse in cue_words.link_heads()
        if last in _PREPOSITIONS
    ]
