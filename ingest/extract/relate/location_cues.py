"""Where an organisation is, from a settling verb before a place: ``située à Lille``,
``installée au centre-ville de Douai``, ``trouve un local à Lens``. The organisation is the
one the sentence names before the cue, else the antecedent of its pronoun or participle."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ingest.extract.mentions.gazetteers import Gazetteers, place_key
from ingest.extract.mentions.place_matcher import name_words
from ingest.extract.mentions.places import named_regions
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.antecedent import is_collectivity, subject_before
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.relation import Relation
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
        found.append(
            Relation(
                "located-in",
                org,
                place,
                (min(org.start, place.start), max(org.end, place.end)),
                None,
                None,
                None,
                confidence("settled"),
                "settled",
            )
        )
    return found


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
                regions = regions if regions is not None else _regions(doc.text, gaz)
                held_by = _commune_regions(gaz, r.object.text)
                if regions and held_by and not regions & held_by:
                    continue
            kept.append(r)
        return kept

    return run


def _regions(text: str, gaz: Gazetteers) -> frozenset[str]:
    return named_regions(text, gaz.place_matcher.matches(text))


def _commune_regions(gaz: Gazetteers, name: str) -> frozenset[str]:
    """Régions holding a commune named ``name`` (none when it names no commune)."""
    entries = gaz.place_matcher.entries.get(" ".join(name_words(name)), ())
    return frozenset(e.region for e in entries if e.kind == "commune")
