"""Changes of organisations: founded (``créée en 1996``), dissolved (``liquidée en 2021``),
renamed (``… en 2001, devenue Apes en 2009``, ``X (ex-Y)``), succeeded by (``repris par le
STAJ``, ``née de la fusion de X et de Y``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.mentions.org_words import typing_first_words
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.general import main_organisation
from ingest.extract.relate.relation import Relation

_FOUNDED_AFTER = re.compile(
    r"^(?:[^.;\n]{0,40}?)\b(?:a été |est |fut )?(?:créée?s?|fondée?s?|née?s?|lancée?"
    r"|(?:a |avait )?vu le jour|voit le jour|a ouvert ses portes|ouvre ses portes)\s+"
    r"(?:en|le\s+\d{1,2}\s+\w+|fin|début)\s*(?:\w+\s+)?(?P<year>(?:19|20)\d{2})"
    # "X, qui depuis sa création en 2015…", "X a, dès sa fondation en 2015, …"
    r"|^(?:[^.;\n]{0,60}?)\b(?:depuis|dès|lors de) sa (?:création|fondation)\s+en\s+"
    r"(?:\w+\s+)?(?P<creation>(?:19|20)\d{2})"
    # "X, qui existe depuis 1996", "X œuvre depuis 1996"
    r"|^,?\s*(?:qui\s+)?(?:existe|œuvre|oeuvre|agit)\s+depuis\s+(?P<since>(?:19|20)\d{2})\b"
    # "nous avons fondé l'association X en 2003" (the verb before, the year after)
    r"|^\s+(?:en|dès)\s+(?P<verb_year>(?:19|20)\d{2})\b"
)
# the verb that makes "X en 2003" a founding: "(avons|a) fondé (l'association) X en 2003"
_FOUNDED_VERB_BEFORE = re.compile(
    r"\b(?:fondé|créé|lancé)e?s?\s+(?:l['’]association\s+|la\s+structure\s+|l['’]|la\s+|le\s+)?$"
)
# the verb and the year before the name: "a fondé en mars 2023 le tiers lieu X"
_VERB_YEAR_BEFORE = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:fondé|créé|lancé|ouvert)\s+en\s+(?:[a-zéû]+\s+)?"
    r"(?P<year>(?:19|20)\d{2})\s+(?:l['’]|la\s+|le\s+)(?:[a-zà-ÿ-]+\s+){0,2}$"
)
# a kind of organisation as the subject of a founding verb: "La coopérative se crée en 2014"
_KIND_FOUNDED = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:La|Le|L['’])\s*(?P<noun>[a-zà-ÿ-]+)\s+"
    r"(?:se\s+crée|s['’]est\s+créée?|a\s+été\s+(?:créée?|fondée?)|est\s+née?|a\s+vu\s+le\s+jour"
    r"|voit\s+le\s+jour)\s+en\s+(?:[a-zéû]+\s+)?(?P<year>(?:19|20)\d{2})"
)
# "Née en octobre 1990, cette ressourcerie…", "Depuis sa création en 2013, le réseau…": the
# year first, then the organisation (named, or a demonstrative for the one just named)
_YEAR_FIRST = re.compile(
    # "Fondés par X en 1985, les …", "Ouverte début 2022, elle …"
    r"(?:\b(?:[Nn]ée?|[Cc]réée?|[Ff]ondée?|[Oo]uverte?|[Ll]ancée?)s?\s+(?:par\s+[^,.;\n]{1,40}?\s+)?"
    r"(?:en|début|fin|courant)\s+(?:[a-zéû]+\s+)?"
    r"|\b(?:[Dd]epuis|[Dd]ès|[Ll]ors\s+de)\s+(?:sa|son)\s+(?:création|fondation|ouverture"
    r"|lancement|naissance)\s+en\s+(?:[a-zéû]+\s+)?)"
    r"(?P<year>(?:19|20)\d{2})(?:\s+(?:à|par)\s+[^,.;\n]{1,40})?,\s+"
    r"(?P<det>cette|cet|ce|la|le|les|l['’]|elle|il)?\s*"
)
_FOUNDED_BEFORE = re.compile(
    r"(?:création\s+en\s+(?P<year1>(?:19|20)\d{2})\s+(?:du|de\s+la|de\s+l['’]|d['’])\s*"
    r"|création\s+par\s+[^,.]{0,40}?\s+de\s+l['’]"
    r"|création\s+(?:progressive\s+)?(?:de\s+la\s+|de\s+l['’]|du\s+|d['’]|de\s+)(?:association\s+(?:culturelle\s+)?)?|naissance\s+(?:de\s+la\s+|de\s+l['’]|du\s+|d['’]|de\s+)|celle\s+d['’]|(?:Fondée?|Créée?)\s+en\s+(?P<year0>(?:19|20)\d{2}),\s+(?:le|la|l['’])\s*)$"
)
_YEAR_SOON = re.compile(r"^[^.;\n]{0,60}?\ben\s+(?P<year>(?:19|20)\d{2})")
_DISSOLVED = re.compile(
    r"^[^.;\n]{0,80}?\b(?:liquidée?|dissoute?|dissout|fermée?)\s+en\s+(?P<year>(?:19|20)\d{2})"
)
_RENAMED = re.compile(r"^[^.;\n]{0,40}?,?\s*\(?devenue?\s+$")
# "Cap Sorel (ex-Fortil)": the name after is the former one
_FORMERLY = re.compile(r"^,?\s*\(?(?:ex-|ex |anciennement\s+)$")
# "… de la fusion de X et de Y"
_MERGER = re.compile(r"\bfusion (?:de |d['’]|entre )?")
_MERGER_AND = re.compile(r"\s+(?:et|avec)\s+(?:de |d['’]|du |des )?(?:la |le |les |l['’])?$")


def changes(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Foundings, dissolutions and renamings stated next to an organisation's name."""
    found: list[Relation] = []
    orgs = sorted(m for m in mentions if m.kind == "organisation")
    for k, org in enumerate(orgs):
        after = text[org.end : org.end + 120]
        before = text[max(0, org.start - 60) : org.start]
        year: int | None = None
        if (m := _FOUNDED_AFTER.match(after)) and (
            not m.group("verb_year") or _FOUNDED_VERB_BEFORE.search(before)
        ):
            year = int(
                m.group("year") or m.group("creation") or m.group("since") or m.group("verb_year")
            )
        elif (v := _VERB_YEAR_BEFORE.search(text, max(0, org.start - 80), org.start)) is not None:
            year = int(v.group("year"))
        elif (b := _FOUNDED_BEFORE.search(before)) is not None:
            if b.group("year0") or b.group("year1"):
                year = int(b.group("year0") or b.group("year1"))
            elif y := _YEAR_SOON.match(after):
                year = int(y.group("year"))
            elif y := re.search(r"\b[Ee]n ((?:19|20)\d{2}),[^.]{0,40}$", before):
                year = int(y.group(1))
        if year is not None:
            found.append(
                Relation(
                    "founded",
                    org,
                    org,
                    (org.start, org.end),
                    None,
                    year,
                    None,
                    confidence("founded"),
                    "founded",
                )
            )
        if d := _DISSOLVED.match(after):
            found.append(
                Relation(
                    "dissolved",
                    org,
                    org,
                    (org.start, org.end + d.end()),
                    None,
                    int(d.group("year")),
                    None,
                    confidence("dissolved"),
                    "dissolved",
                )
            )
        nxt = orgs[k + 1] if k + 1 < len(orgs) else None
        if nxt is not None and nxt.start - org.end < 60:
            gap = text[org.end : nxt.start]
            gap_wo_year = re.sub(r"\s*en\s+(?:19|20)\d{2}", "", gap)
            if _FORMERLY.match(gap):
                found.append(
                    Relation(
                        "renamed",
                        nxt,
                        org,
                        (org.start, nxt.end),
                        None,
                        None,
                        None,
                        confidence("renamed"),
                        "renamed",
                    )
                )
            elif _RENAMED.match(gap_wo_year):
                tail = text[nxt.end : nxt.end + 80].split(")")[0].split(".")[0]
                y = re.search(r"\ben\s+((?:19|20)\d{2})", tail)
                found.append(
                    Relation(
                        "renamed",
                        org,
                        nxt,
                        (org.start, nxt.end),
                        None,
                        int(y.group(1)) if y else None,
                        None,
                        confidence("renamed"),
                        "renamed",
                    )
                )
    found += _successions(text, orgs)
    found += _mergers(text, orgs)
    found += _kind_founded(text, orgs, {r.subject for r in found if r.kind == "founded"})
    found += _year_first(text, orgs, {r.subject for r in found if r.kind == "founded"})
    return found


def _year_first(text: str, orgs: Sequence[Mention], dated: set[Mention]) -> list[Relation]:
    """``Née en 1990, cette ressourcerie…`` (the organisation named last before, within the
    paragraph or the one before), ``Créée en 1988, elle…`` (the text's organisation) and
    ``Depuis sa création en 2013, le réseau X…`` (the organisation right after)."""
    found = []
    for m in _YEAR_FIRST.finditer(text):
        year = int(m.group("year"))
        org: Mention | None
        if m.group("det") in ("elle", "il"):
            # "Créée en 1988, elle accompagne…": the organisation the text is about (but
            # "Née en 1975, elle…" is a person's birth)
            born = m.group().lower().startswith("né")
            org = None if born else main_organisation(orgs, text)
        elif m.group("det") in ("cette", "cet", "ce"):
            start = text.rfind("\n\n", 0, max(0, text.rfind("\n\n", 0, m.start())))
            before = [o for o in orgs if max(start, 0) <= o.start and o.end <= m.start()]
            org = before[-1] if before else None
        else:
            org = next((o for o in orgs if m.end() <= o.start <= m.end() + 40), None)
            if org is not None and re.search(r"[.;\n]", text[m.end() : org.start]):
                org = None
        if org is None or org in dated:
            continue
        dated.add(org)
        span = (min(org.start, m.start()), max(org.end, m.end()))
        found.append(Relation("founded", org, org, span, None, year, None, 0.8, "founded"))
    return found


def _successions(text: str, orgs: Sequence[Mention]) -> list[Relation]:
    """``… sera repris par le STAJ à partir de 2020``: the paragraph's first organisation is
    succeeded by the one named after ``repris par``."""
    found = []
    for org in orgs:
        if re.search(
            r"\brepris(?:e)?\s+par\s+(?:la |le |l['’])?$", text[max(0, org.start - 30) : org.start]
        ):
            year = re.match(
                r"^\s*(?:à partir de|en|dès)\s+((?:19|20)\d{2})", text[org.end : org.end + 25]
            )
            start = text.rfind("\n\n", 0, org.start) + 2
            first = next(
                (o for o in orgs if start <= o.start < org.start and o.text != org.text), None
            )
            if first is not None:
                found.append(
                    Relation(
                        "succeeded-by",
                        first,
                        org,
                        (first.start, org.end),
                        None,
                        int(year.group(1)) if year else None,
                        None,
                        confidence("succession"),
                        "succession",
                    )
                )
    return found


def _mergers(text: str, orgs: Sequence[Mention]) -> list[Relation]:
    """``X est née de la fusion de A et de B``, ``de la fusion de A et B est née X``: A and B
    are each succeeded by X, the sentence's organisation before the cue, else after them."""
    found = []
    for cue in _MERGER.finditer(text):
        first = next((o for o in orgs if cue.end() <= o.start <= cue.end() + 12), None)
        if first is None or re.search(r"[.;\n]", text[cue.end() : first.start]):
            continue
        second = next((o for o in orgs if o.start > first.end), None)
        if second is None or not _MERGER_AND.fullmatch(text, first.end, second.start):
            continue
        s = max(text.rfind(c, 0, cue.start()) for c in ".!?\n") + 1
        e = min((i for c in ".!?\n" if (i := text.find(c, second.end)) >= 0), default=len(text))
        merged = {first.text, second.text}
        before = [o for o in orgs if s <= o.start and o.end <= cue.start() and o.text not in merged]
        after = [o for o in orgs if second.end < o.start and o.end <= e and o.text not in merged]
        # the heir is the subject right before the cue or the name right after the merged
        # ones: no other name between ("Créé par A, le B résulte de la fusion…": not A)
        if before and not re.search(r"[A-ZÀ-Ý]", text[before[-1].end : cue.start()]):
            heir = before[-1]
        elif after and not re.search(r"[A-ZÀ-Ý]", text[second.end : after[0].start]):
            heir = after[0]
        else:
            continue
        for old in (first, second):
            found.append(
                Relation(
                    "succeeded-by",
                    old,
                    heir,
                    (min(old.start, heir.start), max(old.end, heir.end)),
                    None,
                    None,
                    None,
                    confidence("merger"),
                    "merger",
                )
            )
    return found


def _kind_founded(text: str, orgs: Sequence[Mention], dated: set[Mention]) -> list[Relation]:
    """``La coopérative se crée en 2014``: a kind of organisation as the subject founds the
    organisation the text is about."""
    main = main_organisation(orgs, text)
    if main is None or main in dated or any(o.text == main.text for o in dated):
        return []
    kinds = typing_first_words()
    for m in _KIND_FOUNDED.finditer(text):
        if m.group("noun").lower() in kinds:
            span = (m.start(), m.end())
            return [
                Relation(
                    "founded", main, main, span, None, int(m.group("year")), None, 0.75, "founded"
                )
            ]
    return []
