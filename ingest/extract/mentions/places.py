"""The ``place`` rule: communes, départements, régions, EPCI and areas of all France named in
a text, found at once by the gazetteers' phrase matcher
(:class:`ingest.extract.mentions.place_matcher.PlaceMatcher`), then kept by their shape.

A name is a place when it is written with the capitals of its official name and

* it has two significant words or more ("Boulogne-sur-Mer", "Pas-de-Calais"), or
* a département code follows it ("Guise (02)"), or a postal code of its département starts
  its address line before it ("80100 Abbeville"), or
* it names a curated area, or
* it names a département, a région or a city (:data:`CITY_POPULATION`), not at the start of
  a sentence unless the document never writes the word in lower case, or
* the document never writes it in lower case, no capitalised word is next to it ("Centre
  Ville", "Artois Ternois"), and it names a former région, an EPCI, or a commune of
  :data:`MIN_POPULATION` inhabitants in a région the document names (not at the start of a
  sentence).

A name glued by a hyphen to another word ("ARIA-Nord") is part of that word.

Communes after a preposition ("à Guise", "au Portel") and the model's places are found by the
``commune`` and ``model-place`` rules (``ingest.extract.mentions.general``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ess_core.settings import Settings
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import Gazetteers, lexicon
from ingest.extract.mentions.model_decision import lower_case_words
from ingest.extract.mentions.names import Mention, make_mention
from ingest.extract.mentions.place_matcher import PlaceEntry, PlaceMatch
from ingest.reference.areas import AreasError, areas_path, load_areas
from ingest.reference.place_names import PlaceNamesError, load_place_names, place_names_path

# a commune this populous may be named bare when the document names its région
MIN_POPULATION = 1500
# a commune this populous may be named bare anywhere ("Lyon", "Mérignac")
CITY_POPULATION = 20000
_WORD = re.compile(r"\w+")
_CONNECTORS = frozenset("de du des la le les l d sur sous en et lès lez aux au à a".split())
# "(02)", "(2A)", "(974)", "(59000)" right after a name: the département (or postal) code
_CODE_AFTER = re.compile(r"\s?\((?P<code>\d{2}|2[AB]|97\d|\d{5})\)")
# a postal code right before the name, at a line's start or after a comma
_POSTAL_BEFORE = re.compile(r"(?:^|(?<=\n)|(?<=, )|(?<=: ))[ \t]*(?P<code>\d{5}) $")
# a capitalised word after the name, or "de"/"du"/"des" and one: the name goes on
_NAME_GOES_ON = re.compile(r" (?:(?:de la|de l['’]|du|des|de|d['’]) ?)?[A-ZÀ-Ý]")
# a capitalised word right before the name
_NAME_BEFORE = re.compile(r"(?<![\w’'-])[A-ZÀ-Ý][\w’'-]* $")
_OPENERS = " \t«»“”\"'’(–—-•*·>"
_OFFICIAL_AREAS = frozenset({"departement", "region"})


def territory_names(settings: Settings) -> list[str]:
    """The names of places that are not official names: curated areas and their aliases,
    communes' short names (the gazetteers hold the official ones)."""
    names: set[str] = set()
    try:
        names.update(n for a in load_areas(areas_path(settings)) for n in (a.name, *a.aliases))
    except (AreasError, OSError):
        pass
    try:
        other = load_place_names(place_names_path(settings.data_dir))
    except PlaceNamesError:
        return sorted(names)
    names.update(other.areas)
    names.update(n for n, _ in other.short_names)
    former = lexicon("institutions").get("former_regions") or []
    names.update(str(r) for r in former)
    return sorted(names)


def written_as(surface: str, name: str) -> bool:
    """Whether ``surface`` has the capitals of ``name``: each word capitalised where the
    name's is (a word after a hyphen of the text aside), the first one always.

    >>> written_as("Conde sur l'Escaut", "Condé-sur-l'Escaut"), written_as("guise", "Guise")
    (True, False)
    """
    words = [
        (m.group(), m.start() > 0 and surface[m.start() - 1] in _HYPHENS)
        for m in _PART.finditer(surface)
    ]
    official = _PART.findall(name)
    if len(words) != len(official) or not words[0][0][:1].isupper():
        return False
    return all(
        w[:1].isupper() or hyphen or not o[:1].isupper()
        for (w, hyphen), o in zip(words, official, strict=True)
    )


_HYPHENS = "-‐‑"
_PART = re.compile(r"[^\s\-‐‑]+")


def opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a paragraph or a list item (quotes aside); a
    single line break inside a sentence (narrow columns) does not open one."""
    head = text[:start].rstrip(_OPENERS + "\n")
    gap = text[len(head) : start]
    return (
        not head
        or head.endswith((".", "!", "?", ":", "…"))
        or gap.count("\n") >= 2
        or _ITEM.search(gap) is not None
    )


_ITEM = re.compile(r"\n[ \t]*[-•*·–—]")


def significant_words(surface: str) -> list[str]:
    return [w for w in _WORD.findall(surface) if w.lower() not in _CONNECTORS]


def lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case, outside web and mail addresses."""
    return lower_case_words(_ADDRESS.sub(" ", text))


_ADDRESS = re.compile(r"\S*[@/.]\S*\w")


def _code_after(text: str, end: int) -> str | None:
    m = _CODE_AFTER.match(text, end)
    return m.group("code") if m else None


def _entries(text: str, match: PlaceMatch) -> list[PlaceEntry]:
    surface = text[match.start : match.end]
    return [
        e
        for e in match.entries
        if written_as(surface, e.name)
        # an intercommunality's name of several words, its later words in any case
        # ("Quimperlé communauté", "Quimper Bretagne occidentale")
        or (e.kind == "epci" and len(_PART.findall(surface)) >= 2 and surface[:1].isupper())
    ]


def named_regions(text: str, matches: Iterable[PlaceMatch]) -> frozenset[str]:
    """Codes of the régions a text names: by their name, a département's, a city's (of one
    région) or a commune's followed by its département code."""
    found: set[str] = set()
    for match in matches:
        entries = _entries(text, match)
        if not entries or _glued(text, match.start, match.end):
            continue
        code = _code_after(text, match.end)
        cities = {e.region for e in entries if e.kind == "commune"}
        for e in entries:
            if e.kind in ("departement", "region") and e.region:
                found.add(e.region)
            elif e.kind == "commune" and code and e.departement == code[:2]:
                found.add(e.region)
            elif e.kind == "commune" and e.population >= CITY_POPULATION and len(cities) == 1:
                found.add(e.region)
    return frozenset(found)


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the span is part of a longer hyphenated word ("ARIA-Nord")."""
    return (start > 0 and text[start - 1] in "-‐") or (
        end < len(text) - 1 and text[end] in "-‐" and text[end + 1].isalnum()
    )


def is_place(
    text: str,
    match: PlaceMatch,
    regions: frozenset[str],
    lower: frozenset[str],
) -> bool:
    """Whether ``match`` names a place by its shape (see the module's docstring)."""
    entries = _entries(text, match)
    if not entries or _glued(text, match.start, match.end):
        return False
    surface = text[match.start : match.end]
    code = _code_after(text, match.end)
    if code is not None:
        return any(
            e.kind != "commune" or e.departement == code[:2] or len(code) == 5 for e in entries
        )
    postal = _POSTAL_BEFORE.search(text, 0, match.start)
    if postal is not None:  # "80100 Abbeville": an address line
        return any(
            e.kind == "commune" and postal.group("code").startswith(e.departement) for e in entries
        )
    words = significant_words(surface)
    if len(words) >= 2:
        return True
    if len(words) != 1:
        return False
    if any(e.kind == "area" for e in entries):
        return True
    if surface.isupper():
        return False  # "DECHY", "MES": a family name or an acronym in capitals
    initial = opens_sentence(text, match.start)
    common = words[0].lower() in lower  # "Plan", "Centre": also a common noun of the document
    if any(e.kind in _OFFICIAL_AREAS for e in entries):
        # "Somme", "Nord": a département's name, even where the text writes "une somme"
        return not (initial and common)
    if any(e.kind == "commune" and e.population >= CITY_POPULATION for e in entries) and not (
        initial and common
    ):
        return True
    before = _NAME_BEFORE.search(text, 0, match.start)
    if (
        common
        or _NAME_GOES_ON.match(text, match.end)
        or (before is not None and not opens_sentence(text, before.start()))
    ):
        return False  # "Centre Ville", "Artois Ternois": part of a longer name
    return any(
        e.kind in ("former-region", "epci")
        or (not initial and e.population >= MIN_POPULATION and e.region in regions)
        for e in entries
    )


def place_mentions(text: str, gazetteers: Gazetteers, doc: Document | None = None) -> list[Mention]:
    """The places of ``text`` (longest first where names overlap); with ``doc``, the régions
    the text names are left in ``doc.regions`` for the later stages."""
    matches = gazetteers.place_matcher.matches(text)
    regions = named_regions(text, matches)
    if doc is not None:
        doc.regions = regions
    if not matches:
        return []
    lower = lower_words(text)
    kept = [m for m in matches if is_place(text, m, regions, lower)]
    return _longest(text, kept)


def _longest(text: str, matches: Sequence[PlaceMatch]) -> list[Mention]:
    chosen: list[PlaceMatch] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    out = []
    for m in sorted(chosen, key=lambda m: m.start):
        mention = make_mention(text, m.start, m.end, "territory", "place")
        if mention is not None:
            out.append(mention)
    return out


def places(doc: Document) -> list[Mention]:
    """The ``place`` rule on a document (nothing without gazetteers)."""
    if doc.gazetteers is None:
        return []
    return place_mentions(doc.text, doc.gazetteers, doc)
