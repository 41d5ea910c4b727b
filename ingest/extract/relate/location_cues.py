"""Where an organisation is, from a settling verb before a place: ``située à Lille``,
``installée au centre-ville de Douai``, ``trouve un local à Lens``. The organisation is the
one the sentence names before the cue, else the antecedent of its pronoun or participle.
An address block ("Le Grenier\n12 rue des Lilas\n80100 Abbeville") locates the
organisation named at its top."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ingest.extract.mentions.gazetteers import Gazetteers, lexicon, place_key
from ingest.extract.mentions.place_matcher import name_words
from ingest.extract.mentions.places import named_regions
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.antecedent import is_collectivity, subject_before
from ingest.extract.relate.context import Context
from ingest.extract.relate.relation import Relation, located_in
from ingest.extract.rules import Matcher

_SETTLED = re.compile(
    r"\b(?:(?:situé|installé|basé|implanté|domicilié|établi)e?s?"
    r"|s['’](?:installe|implante)(?:nt)?|a (?:posé ses valises|élu domicile)"
    r"|trouve(?:nt)? (?:un |une |en |des )?(?:petit |petite |grand |grands |nouvel |nouveau )?"
    r"(?:local|locaux|espace|lieu|bureaux?|site))"
    r"\s+(?:à|au cœur de|en plein cœur de|au centre-ville de|en centre-ville de"
    r"|dans le centre de|au centre de)\s*$",
    re.I,
)


def settled(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """``<organisation> … située à <place>``: the organisation is located in the place."""
    ctx = Context(text, mentions)
    people = [m for m in mentions if m.kind == "person"]
    found = []
    for place in (m for m in mentions if m.kind == "territory"):
        if not _SETTLED.search(text[max(0, place.start - 60) : place.start].replace("\n", " ")):
            continue
        org = subject_before(ctx, place.start, people=people)
        if org is None or is_collectivity(org, ctx.orgs):
            continue  # a collectivity is where it is by its name, not by a settling verb
        span = (min(org.start, place.start), max(org.end, place.end))
        found.append(located_in(org, place, "settled", span))
    return found + addressed(text, mentions)


def addressed(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """An address block: the organisation named on the line of "<postal code> <commune>"
    before the address, or on a line above it whose following lines are address lines
    ("Le Grenier\n12 rue des Lilas\n80100 Abbeville")."""
    orgs = [m for m in mentions if m.kind == "organisation"]
    found = []
    for place in (m for m in mentions if m.kind == "territory"):
        line_start = text.rfind("\n", 0, place.start) + 1
        head = text[line_start : place.start]
        if not _POSTAL_LINE.fullmatch(head):
            continue
        org = _org_on_line(orgs, line_start, place.start)
        start = line_start
        for _ in range(3):
            if org is not None or start == 0:
                break
            above = text.rfind("\n", 0, start - 1) + 1
            org = _org_on_line(orgs, above, start - 1)
            if org is None and not _address_line(text[above : start - 1]):
                break
            start = above
        if org is not None:
            found.append(located_in(org, place, "settled"))
    return found


# what precedes the commune on its line: the postal code, maybe a name and a street before it
_POSTAL_LINE = re.compile(r"(?:[^\n]*,\s*)?\d{5}\s+")


def _org_on_line(orgs: Sequence[Mention], start: int, end: int) -> Mention | None:
    on_line = [o for o in orgs if start <= o.start and o.end <= end]
    return on_line[0] if on_line else None


def _address_line(line: str) -> bool:
    """Whether ``line`` is part of an address: a digit or an address word
    (``located_cues.yaml``), and short."""
    words = lexicon("located_cues").get("address_words") or []
    return (
        bool(line.strip())
        and len(line) <= 80
        and (any(c.isdigit() for c in line) or any(w in line.split() for w in words))
    )


def in_communes(matcher: Matcher) -> Matcher:
    """``matcher`` without the relations whose place is a département, a région or an EPCI:
    an organisation is located in a commune ("CREPI Hauts-de-France" names the région it
    works in, not where it is; "Conseil de développement de Val Vert Agglo" the EPCI it
    serves). A commune inside the organisation's name must lie in a région the document
    names, when it names one ("Ferme des Hauts de X" may name a hamlet)."""

    def run(doc: Any) -> list[Any]:
        gaz = doc.gazetteers
        found: list[Relation] = matcher(doc)
        if gaz is None:
            return found
        regions: frozenset[str] | None = None
        kept = []
        for r in found:
            if r.kind != "located-in":
                kept.append(r)
                continue
            key = place_key(r.object.text)
            # a région named like a commune is the région ("Bretagne"); a département named
            # like its commune is the commune ("Paris")
            if key in gaz.regions or (key in gaz.departements and key not in gaz.communes):
                continue
            if key not in gaz.communes and "epci" in gaz.kinds_of(r.object.text):
                continue
            if r.subject.start <= r.object.start and r.object.end <= r.subject.end:
                regions = regions if regions is not None else _regions(doc, gaz)
                held_by = _commune_regions(gaz, r.object.text)
                if regions and held_by and not regions & held_by:
                    continue
            kept.append(r)
        return kept

    return run


def _regions(doc: Any, gaz: Gazetteers) -> frozenset[str]:
    """The régions the document names: left on the document by the ``place`` rule, else
    (no :class:`~ingest.extract.mentions.document.Document`) read from its places."""
    regions: frozenset[str] | None = getattr(doc, "regions", None)
    if regions is None:
        regions = named_regions(doc.text, gaz.place_matcher.matches(doc.text))
    return regions


def _commune_regions(gaz: Gazetteers, name: str) -> frozenset[str]:
    """Régions holding a commune named ``name`` (none when it names no commune)."""
    entries = gaz.place_matcher.entries.get(" ".join(name_words(name)), ())
    return frozenset(e.region for e in entries if e.kind == "commune")
