"""Events of a timeline: under a year heading (a line that is only a year), each short
paragraph is a dated event (a label, a creation, a first edition, a contract…), located in the
place it names or else in the document's territory. Its organisers are those the text says
organise it (``ingest.extract.layouts.organisers``, or ``Salon … du X``); the other organisations it
names are involved.
Quotes (“ NAME …), long paragraphs, bullets, footnotes and page numbers are not events.
"""

from __future__ import annotations

import re

from ingest.extract.layouts.organisers import organisers_and_involved
from ingest.extract.layouts.plans import AXES
from ingest.extract.layouts.structure import (
    MONTHS,
    Context,
    Record,
    blocks,
    key,
    label,
    lines,
    record,
)

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_KINDS = (
    ("salon", "fair"),
    ("busin'ess", "fair"),
    ("village", "village"),
    ("concertation", "consultation"),
    ("mois de l'ess", "month-of-ess"),
    ("assises", "assises"),
    ("forum", "forum"),
    ("conférence", "conference"),
    ("groupes de travail", "workshop"),
)
_NAME = re.compile(r"^[A-ZÉÈ-]{3,} [A-ZÉÈ-]{3,}")  # a quoted person's name line
_NOT_EVENT = re.compile(r"^(?:[“\"*]|-|\d+-|\d{1,3}$|#|À retrouver|Sources)")


def event_kind(text: str) -> str | None:
    lowered = text.lower()
    return next((kind for word, kind in _KINDS if word in lowered), None)


def timeline_records(ctx: Context, territory: str | None) -> list[Record]:
    """One event per short paragraph under a year heading, until a ``#`` heading."""
    out: list[Record] = []
    year: int | None = None
    count = 0
    axes = False
    for block in blocks(lines(ctx.original)):
        first = block[0].stripped
        if _YEAR.match(first) and len(block) == 1:
            year, count = int(first), 0
            continue
        if year is None:
            continue
        if first.startswith("#"):
            year = None
            continue
        text = " ".join(line.stripped for line in block)
        if AXES.search(text):
            axes = True  # the bullets that follow are a plan's orientations
            continue
        if first.startswith("-"):
            if not axes:
                for line in block:
                    count += 1
                    out.append(_event(ctx, line.start, line.end, year, count, territory))
            axes = False
            continue
        if _NOT_EVENT.match(first) or _NAME.match(first) or len(text) > 160:
            continue
        axes = False
        count += 1
        out.append(_event(ctx, block[0].start, block[-1].end, year, count, territory))
    return out


def _event(
    ctx: Context, start: int, end: int, year: int, count: int, territory: str | None
) -> Record:
    """The event of one timeline item (``start``-``end`` of the original text)."""
    text = label(ctx.original[start:end], 80)
    places = [
        ref
        for o, ref in ctx.refs.items()
        if ref.startswith("territory/") and start <= o.start and o.end <= end
    ]
    place = next((iri for ref in sorted(places) if (iri := ctx.territory_iri(ref))), None)
    first_end = ctx.original.find("\n", start, end)
    first_end = end if first_end < 0 else first_end
    organisers, involves = organisers_and_involved(ctx, start, end, _owner(ctx, start, end))
    return record(
        ctx,
        "event",
        key(ctx.document, year, count),
        {
            "name": text,
            "event_kind": event_kind(text),
            "date": f"{year:04d}",
            "territory": place or territory,
            "organisers": organisers,
            "involves": involves,
        },
        [(start, min(first_end, start + 80))],
    )


_EVENT_WORDS = r"(?:Le |La |Les )?(?:Village|Salon|Assises|Forum|Festival|Mois|Busin|[Cc]af[ée]s? )"
_NAMED = re.compile(
    r"«\s*(?P<q>" + _EVENT_WORDS + r"[^»]{2,70}?)\s*»"
    r"|\b(?:Lors des|des) (?P<a>Assises de l['’]ESS)\b"
    r"|événement phare du (?P<who>\w+), (?P<b>[A-Z][\w'’]+)"
)
_WHEN = re.compile(
    r"\ben (?P<m>janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre) (?P<y>(?:19|20)\d{2}|dernier)\b|\b[Dd]epuis (?P<since>(?:19|20)\d{2})\b"
    r"|\b[Ee]n (?P<year>(?:19|20)\d{2})\b"
)


def named_event_records(ctx: Context, territory: str | None) -> list[Record]:
    """Events a sentence names (« Le Village de l'ESS », les Assises de l'ESS, Busin'ESS),
    with the month and year, the place and the organisers the sentence gives."""
    out: list[Record] = []
    text = ctx.original
    for m in _NAMED.finditer(text):
        name = m["q"] or m["a"] or m["b"]
        s0 = text.rfind(".", 0, m.start()) + 1
        s1 = text.find(".", m.end())
        s1 = len(text) if s1 < 0 else s1
        date = None
        whens = list(_WHEN.finditer(text, s0, s1))
        # a month or "depuis" before a bare year ("en 2018")
        if w := next((x for x in whens if not x["year"]), whens[0] if whens else None):
            if w["since"] or w["year"]:
                date = w["since"] or w["year"]
            elif w["y"] == "dernier" and ctx.year:
                date = f"{ctx.year:04d}-{MONTHS[w['m']]:02d}"
            elif w["y"] != "dernier":
                date = f"{w['y']}-{MONTHS[w['m']]:02d}"
        # the clause that tells when and where: up to the first comma after name and date
        after = max(m.end(), w.end() if w else 0)
        comma = text.find(",", after, s1)
        clause_end = s1 if comma < 0 else comma
        owner: list[str] = []
        if m["who"]:  # "l'événement phare du club": the club the paragraph is about
            p0 = text.rfind("\n\n", 0, m.start())
            owner = [
                ref
                for ref in ctx.organisations_in(max(p0, 0), m.start())
                if m["who"].lower() in ref
            ][-1:]
        organisers, involves = organisers_and_involved(ctx, s0, clause_end, owner)
        places = sorted(
            (o.start, ref)
            for o, ref in ctx.refs.items()
            if ref.startswith("territory/") and m.end() <= o.start and o.end <= clause_end
        )
        place = next((iri for _, ref in places if (iri := ctx.territory_iri(ref))), None)
        if place is None and (
            pm := re.search(r"(?:à|de) (?P<p>[A-Z][\w-]+)\s*$", text[m.end() : clause_end])
        ):
            place = ctx.place_iri(pm["p"])
        start = m.start("q") if m["q"] else m.start("a") if m["a"] else m.start("b")
        bare = re.sub(r"^(?:Le|La|Les) ", "", name)
        out.append(
            record(
                ctx,
                "event",
                key(bare, date[:4] if date else ""),
                {
                    "name": label(name, 80),
                    "event_kind": event_kind(name),
                    "date": date,
                    "territory": place or territory,
                    "organisers": organisers,
                    "involves": involves,
                },
                [(start, start + len(name))],
            )
        )
    seen = {r["id"] for r in out}
    out += [r for r in dated_event_records(ctx, territory) if r["id"] not in seen]
    return out


_MONTH = "|".join(MONTHS)
_EVENT_NOUN = (
    r"(?:assemblée générale|AG|itinéraire|visite|journée|rencontre|conférence|colloque"
    r"|séminaire|forum|salon|festival|réunion|soirée|petit[- ]déjeuner|café)s?"
)
Parts = tuple[list[str], list[str]]  # (organisers, involved)
# an event noun whose "de X" names the organiser ("l'AG du réseau"); not a visit's ("la visite
# de la ferme": the place visited)
_VISITED = ("visite", "itinéraire")
_OWNED = re.compile(
    r"\b(?:assemblée générale|AG|journée|rencontre|conférence|colloque|séminaire|forum|salon"
    r"|festival|réunion|soirée|petit[- ]déjeuner|café|village|assises|concertation"
    r"|événement|évènement)s?(?:\s+[\w’'-]+){0,2}?\s+(?:du|de la|de l['’]|des|de)\s*",
    re.IGNORECASE,
)
# "ce mois de mars", "en novembre dernier": a month told relative to the document's date
_RELATIVE = re.compile(
    r"\b(?:en |au mois de |ce |en ce )?(?:mois de )?(?P<m>" + _MONTH + r")\s+dernier\b"
    r"|\b(?:en )?ce mois(?:-ci)? d(?:e |['’])(?P<this>" + _MONTH + r")\b",
    re.IGNORECASE,
)
_ARTICLE_NOUN = re.compile(
    r"\b(?:l['’]|le |la |les |un |une )(?P<noun>" + _EVENT_NOUN + r")\b", re.IGNORECASE
)
# "<noun> organisé par l'X": the event is named "<Noun> de l'X"
_BY = re.compile(
    r"^\s+(?:organisée?s?|proposée?s?|animée?s?) par (?P<who>(?:l['’]|la |le |les )?[^\s,]+)"
)
_OF = re.compile(
    r"^\s+(?:du|de la|de l['’]|des|de)\s*[^,;.()]{2,60}?(?=\s*(?:,|;|\.|\(| au | à | qui | en |$))"
)
# "la conférence du 16 septembre 2024 (…) intitulée *Titre*"
_DATED = re.compile(
    r"\b(?P<noun>" + _EVENT_NOUN + r") du (?P<d>\d{1,2}|1er) (?P<m>" + _MONTH + r") "
    r"(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_TITLED = re.compile(
    r"\b(?:intitulée?s?|nommée?s?|baptisée?s?)\s+[*«“\"]\s*(?P<t>[^*»”\"]{3,120}?)\s*[*»”\"]"
)


def dated_event_records(ctx: Context, territory: str | None) -> list[Record]:
    """Events a sentence dates to the day (``la conférence du 16 septembre 2024``, named by
    the title the sentence gives it) or to a month relative to the document's date
    (``en novembre dernier``, ``ce mois de mars``: the document's year; a year the document
    states for the same event elsewhere wins, as an explicit date beats a relative one)."""
    text = ctx.original
    flat = text.replace("\n", " ")
    out: list[Record] = []
    for m in _DATED.finditer(flat):
        s1 = flat.find(". ", m.end())
        s1 = len(flat) if s1 < 0 else s1
        day = 1 if m["d"] == "1er" else int(m["d"])
        date = f"{m['y']}-{MONTHS[m['m'].lower()]:02d}-{day:02d}"
        t = _TITLED.search(flat, m.end(), s1)
        name, start = (t["t"], t.start("t")) if t else (m.group(0), m.start())
        clause_end = t.start() if t else s1
        organisers, involves = organisers_and_involved(ctx, m.end(), clause_end)
        organisers = organisers or _named_by(ctx, flat, m.end(), clause_end)
        involves = [ref for ref in involves if ref not in organisers]
        out.append(_dated(ctx, name, start, date, (organisers, involves), territory))
    if ctx.year is None:
        return out
    for name, start, month, orgs in _relative_events(ctx, flat):
        year = _stated_year(flat, name) or ctx.year
        out.append(_dated(ctx, name, start, f"{year:04d}-{month:02d}", orgs, territory))
    return out


def _relative_events(ctx: Context, flat: str) -> list[tuple[str, int, int, Parts]]:
    """(name, start, month, (organisers, involved)) of each event noun in a sentence that gives
    a month relative to the document's date."""
    found = []
    s0 = 0
    for end in [*(e.end() for e in re.finditer(r"[.!?](?=\s)", flat)), len(flat)]:
        sentence = flat[s0:end]
        rel = _RELATIVE.search(sentence)
        noun = _ARTICLE_NOUN.search(sentence)
        if rel and noun:
            month = MONTHS[(rel["m"] or rel["this"]).lower()]
            after = sentence[noun.end() :]
            n = noun["noun"]
            if by := _BY.match(after):
                w0 = s0 + noun.end() + by.start("who")
                who = _agent(ctx, flat, w0) or by["who"]
                name = f"{n} {_of(who)}"
                orgs = organisers_and_involved(ctx, w0, w0 + len(who), _in(ctx, w0, who))
            elif (pm := re.match(r"\s+(?:du|de la|de l['’]|des|de)\s*", after)) and (
                who := _agent(ctx, flat, s0 + noun.end() + pm.end())
            ):  # "l'assemblée générale du Réseau X se tient…": up to the organisation
                name = n + after[: pm.end()] + who
                w0 = s0 + noun.end() + pm.end()
                owner = [] if n.lower().startswith(_VISITED) else _in(ctx, w0, who)
                orgs = organisers_and_involved(ctx, s0 + noun.start(), w0 + len(who), owner)
            else:
                of = _OF.match(after)
                name = n + (of.group(0) if of else "")
                orgs = organisers_and_involved(
                    ctx, s0 + noun.start(), s0 + noun.end() + (of.end() if of else 0)
                )
            name = name[0].upper() + name[1:]
            found.append((name, s0 + noun.start("noun"), month, orgs))
        s0 = end
    return found


def _in(ctx: Context, at: int, who: str) -> list[str]:
    """The organisations named by ``who``, the text at ``at``."""
    return ctx.organisations_in(at, at + len(who))


def _owner(ctx: Context, start: int, end: int) -> list[str]:
    """The organisation of a "Salon … du X" between ``start`` and ``end``: X organises it."""
    text = ctx.original
    return [
        ref
        for m in _OWNED.finditer(text, start, end)
        if (who := _agent(ctx, text, m.end())) is not None
        for ref in _in(ctx, m.end(), who)
    ]


def _named_by(ctx: Context, flat: str, start: int, end: int) -> list[str]:
    """The organisations an "organisé par A et B" clause names, looked up by name when the
    document's mentions missed them (a reference list, say)."""
    by = re.search(r"\b(?:organisée?s?|co-?organisée?s?) par (?P<who>[^,;()*«]+)", flat[start:end])
    if by is None:
        return []
    out: list[str] = []
    at = start + by.start("who")
    for part in re.split(r"( et |, )", by["who"]):
        name = re.sub(r"^(?:l['’]|la |le |les )", "", part.strip())
        s = at + part.find(name)
        if name and (ref := ctx.organisation_named(name, s, s + len(name))) and ref not in out:
            out.append(ref)
        at += len(part)
    return out


def _agent(ctx: Context, flat: str, at: int) -> str | None:
    """The organisation named at ``at`` (after its article, if any), as the text gives it."""
    ends = [
        o.end
        for o, ref in ctx.refs.items()
        if ref.startswith("organisation/") and at <= o.start <= at + 4
    ]
    return flat[at : min(ends)] if ends else None


def _of(who: str) -> str:
    """``de`` + a complement of agent: "l'Apes" → "de l'Apes", "le club" → "du club"."""
    for article, of in (
        ("l'", "de l'"),
        ("l’", "de l’"),
        ("la ", "de la "),
        ("le ", "du "),
        ("les ", "des "),
    ):
        if who.lower().startswith(article):
            return of + who[len(article) :]
    return "de " + who


def _stated_year(flat: str, name: str) -> int | None:
    """A year the document states for the same event (its noun and the words after it),
    e.g. "Fin 2016, un itinéraire proposé par l'Apes"."""
    noun = name.split()[0].lower()
    for m in re.finditer(
        r"\b(?:[Ff]in|[Dd]ébut|[Ee]n|[Mm]i-)\s*(?P<y>(?:19|20)\d{2})\s*,[^.]{0,40}?\b"
        + re.escape(noun),
        flat,
        re.IGNORECASE,
    ):
        return int(m["y"])
    return None


def _dated(
    ctx: Context, name: str, start: int, date: str, parts: Parts, territory: str | None
) -> Record:
    name = label(name, 80)
    return record(
        ctx,
        "event",
        key(name, date[:4]),
        {
            "name": name,
            "event_kind": event_kind(name),
            "date": date,
            "territory": territory,
            "organisers": parts[0],
            "involves": parts[1],
        },
        [(start, start + len(name))]
        if ctx.original[start : start + len(name)] == name
        else [(start, start + len(name.split()[0]))],
    )
