"""Who organises an event, and who it only names.

An organisation is an event's organiser when the text says so: a passive cue before it
(``organisé par``, ``co-organisée par``, ``animée par``, ``proposé par``, ``à l'initiative
de``), an active one after it (``X organise``, ``X a organisé``, ``X lance un forum``), or the
event is ``<event noun> de X`` (``l'assemblée générale du réseau``: the caller knows). Every
other organisation the event's text names is only involved (``ess:involves``): what the
event is about, a partner, a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.extract.layouts.structure import Context

_ARTICLE = r"(?:l['’]|la |le |les |du |des |de la |de l['’]|d['’])?"
_BY = re.compile(
    r"\b(?:(?:co-?)?(?:organisée?s?|animée?s?)|proposée?s?) par\s+"
    + _ARTICLE
    + r"|\bà l['’]initiative\s+(?:de |du |des |d['’])(?:la |l['’])?",
    re.IGNORECASE,
)
_EVENT = (
    r"(?:[«“\"]|(?:un|une|le|la|les|l['’]|son|sa|ses|leur|leurs|des|deux|trois|\d+)\s+"
    r"(?:[\wé'’-]+\s+)?(?:salon|village|forum|assises|festival|conférence|colloque|séminaire"
    r"|rencontre|journée|café|soirée|visite|itinéraire|atelier|concertation|petit[- ]déjeuner"
    r"|assemblée|réunion|mois|édition|événement|évènement))"
)
_DOES = re.compile(
    r"\s*(?:(?:co-?)?organis(?:e|ent|ait|aient)\b|(?:a|ont|avait|avaient) (?:co-?)?organisé\b"
    r"|(?:lance|lancent|(?:a|ont) lancé)\s+" + _EVENT + ")",
    re.IGNORECASE,
)
_AND = re.compile(r"^\s*(?:,|et|&|, et)\s*" + _ARTICLE + r"\s*$", re.IGNORECASE)


def organisers_and_involved(
    ctx: Context, start: int, end: int, given: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """(organisers, involved) of the organisations named between ``start`` and ``end``:
    ``given`` and those an organising cue names, then every other one, in text order."""
    found = _mentions(ctx, start, end)
    text = ctx.original
    chosen: set[int] = set()
    for cue in _BY.finditer(text, start, end):
        run = [i for i, (s, _, _) in enumerate(found) if cue.end() <= s <= cue.end() + 4]
        chosen |= set(_run(text, found, run[:1], 1))
    for i, (_, e, _) in enumerate(found):
        if _DOES.match(text, e, end):
            chosen |= set(_run(text, found, [i], -1))
    organisers = list(dict.fromkeys([*given, *(found[i][2] for i in sorted(chosen))]))
    involved = [ref for _, _, ref in found if ref not in organisers]
    return organisers, list(dict.fromkeys(involved))


def _mentions(ctx: Context, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, reference) of each organisation mention between ``start`` and ``end``."""
    return sorted(
        (o.start, o.end, ref)
        for o, ref in ctx.refs.items()
        if ref.startswith("organisation/") and start <= o.start and o.end <= end
    )


def _run(text: str, found: list[tuple[int, int, str]], first: list[int], step: int) -> list[int]:
    """``first`` and the mentions joined to it by ``,`` or ``et`` (after it, ``step`` 1; before
    it, -1): "organisé par A, B et C", "A et B organisent"."""
    out = list(first)
    while out and 0 <= (nxt := out[-1] + step) < len(found):
        a, b = sorted((found[out[-1]], found[nxt]))
        if not _AND.match(text[a[1] : b[0]]):
            break
        out.append(nxt)
    return out
