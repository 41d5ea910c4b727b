"""Events of a timeline: under a year heading (a line that is only a year), each short
paragraph is a dated event (a label, a creation, a first edition, a contract…), located in the
place it names or else in the document's territory, organised by the organisations it names.
Quotes (“ NAME …), long paragraphs, bullets, footnotes and page numbers are not events.
"""

from __future__ import annotations

import re

from ingest.extract.plans import AXES
from ingest.extract.structure import MONTHS, Context, Record, blocks, key, label, lines, record

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
    return record(
        ctx,
        "event",
        key(ctx.document, year, count),
        {
            "name": text,
            "event_kind": event_kind(text),
            "date": f"{year:04d}",
            "territory": place or territory,
            "organisers": ctx.organisations_in(start, end),
        },
        [(start, min(first_end, start + 80))],
    )


_EVENT_WORDS = r"(?:Le |La |Les )?(?:Village|Salon|Assises|Forum|Festival|Mois|Busin)"
_NAMED = re.compile(
    r"«\s*(?P<q>" + _EVENT_WORDS + r"[^»]{2,70}?)\s*»"
    r"|\b(?:Lors des|des) (?P<a>Assises de l['’]ESS)\b"
    r"|événement phare du (?P<who>\w+), (?P<b>[A-Z][\w'’]+)"
)
_WHEN = re.compile(
    r"\ben (?P<m>janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre) (?P<y>(?:19|20)\d{2}|dernier)\b|\b[Dd]epuis (?P<since>(?:19|20)\d{2})\b"
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
        if w := _WHEN.search(text, s0, s1):
            if w["since"]:
                date = w["since"]
            elif w["y"] == "dernier" and ctx.year:
                date = f"{ctx.year:04d}-{MONTHS[w['m']]:02d}"
            elif w["y"] != "dernier":
                date = f"{w['y']}-{MONTHS[w['m']]:02d}"
        # the clause that tells when and where: up to the first comma after name and date
        after = max(m.end(), w.end() if w else 0)
        comma = text.find(",", after, s1)
        clause_end = s1 if comma < 0 else comma
        organisers = ctx.organisations_in(s0, m.start()) + ctx.organisations_in(m.end(), clause_end)
        if m["who"]:  # "l'événement phare du club": the club the paragraph is about
            p0 = text.rfind("\n\n", 0, m.start())
            organisers = [
                ref
                for ref in ctx.organisations_in(max(p0, 0), m.start())
                if m["who"].lower() in ref
            ][-1:]
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
                },
                [(start, start + len(name))],
            )
        )
    return out
