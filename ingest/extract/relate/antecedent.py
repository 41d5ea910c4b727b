"""Who a sentence is about when it does not name it: the organisation before a cue, else the
antecedent of a pronoun or of a common noun (``elle``, ``l'association``, ``la collectivité``,
``la Ville``), else the portrait's or paragraph's organisation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.classify.kinds import organisation_kind
from ingest.extract.mentions.names import initials
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.context import Context

# A leading adverbial before the subject: "En 2018, ", "Aujourd'hui, ", "Dès 2009, ".
_LEAD = (
    r"^[\s\"“«*\-–]*(?:(?:En|Dès|Depuis|Fin|Début|Aujourd['’]hui|Enfin|Puis|Ensuite)"
    r"[^,.]{0,25},\s*)?"
)
_ANAPHOR = re.compile(
    _LEAD + r"(?:il|elle|on|ils|elles|nous|celle-ci|celui-ci|l['’]association|la structure"
    r"|le collectif|la coopérative|l['’]entreprise|le lieu|la SCIC|la SCOP|le réseau)\b",
    re.I,
)
# Common nouns that never stand for a collectivity.
_BODY_NOUN = re.compile(
    _LEAD + r"(?:l['’]association|la structure|le collectif|la coopérative|l['’]entreprise"
    r"|le lieu|la SCIC|la SCOP|le réseau)\b",
    re.I,
)
_PERSONAL = re.compile(_LEAD + r"(?:il|elle)\b", re.I)
_PARTICIPLE = re.compile(_LEAD + r"(?:situé|installé|basé|implanté|porté|soutenu|financé)", re.I)
_COLLECTIVITY_NOUN = re.compile(
    _LEAD + r"(?:la collectivité|l['’]agglomération|l['’]agglo|la communauté(?: urbaine| "
    r"d['’]agglomération)?|la métropole|la ville|la commune|la région|le département"
    r"|(?:cette|la|sa) politique)\b",
    re.I,
)


def is_collectivity(org: Mention, orgs: Sequence[Mention]) -> bool:
    """An administration by its name, or an acronym whose spelled-out form in the document is
    one (``MEL`` -> ``Métropole Européenne de Lille``)."""
    if organisation_kind(org.text) == "administration":
        return True
    if not re.fullmatch(r"[A-ZÉ]{2,10}", org.text):
        return False
    return any(
        initials(o.text) == org.text and organisation_kind(o.text) == "administration"
        for o in orgs
        if o.text != org.text
    )


def last_collectivity(
    pos: int, orgs: Sequence[Mention], within: int = 3000, head: str = ""
) -> Mention | None:
    """The last collectivity named before ``pos`` (whose name starts with ``head`` if given)."""
    before = [
        m
        for m in orgs
        if pos - within < m.end <= pos
        and is_collectivity(m, orgs)
        and m.text.lower().startswith(head.lower())
    ]
    return before[-1] if before else None


def previous_sentence(ctx: Context, start: int) -> tuple[int, int] | None:
    """The sentence before the one starting at ``start`` (at most 600 characters back)."""
    if start <= 1:
        return None
    begin = ctx.sentence_start(max(0, start - 2))
    return (begin, start) if start - begin <= 600 else None


def antecedent(
    ctx: Context, pos: int, exclude: Sequence[Mention] = (), people: Sequence[Mention] = ()
) -> Mention | None:
    """The organisation a pronoun, a common noun or a participle at the start of the sentence
    of ``pos`` stands for; None when the sentence starts with neither, or with ``il`` /
    ``elle`` right after a sentence that opens on a person (``people``)."""
    start = ctx.sentence_start(pos)
    head = ctx.text[start:pos].lstrip()
    if not (_ANAPHOR.match(head) or _PARTICIPLE.match(head) or _COLLECTIVITY_NOUN.match(head)):
        return None
    skip = {m.text for m in exclude}
    if _COLLECTIVITY_NOUN.match(head):
        return last_collectivity(start, ctx.orgs)
    prev = previous_sentence(ctx, start)
    if prev is not None and _PERSONAL.match(head):
        lead = re.match(_LEAD, ctx.text[prev[0] : prev[1]])
        offset = prev[0] + (lead.end() if lead else 0)
        if any(offset <= p.start <= offset + 4 for p in people):
            return None  # "Marie Durand dirige … . Elle …": she, not an organisation
    found = _antecedent(ctx, start, pos, skip)
    if found is not None and _BODY_NOUN.match(head) and is_collectivity(found, ctx.orgs):
        return None
    return found


def _antecedent(ctx: Context, start: int, pos: int, skip: set[str]) -> Mention | None:
    """The previous sentence's subject organisation, else the portrait's organisation."""
    prev = previous_sentence(ctx, start)
    if prev is not None:
        sentence = ctx.text[prev[0] : prev[1]]
        lead = re.match(_LEAD, sentence)
        offset = prev[0] + (lead.end() if lead else 0)
        first = next((m for m in ctx.orgs if prev[0] <= m.start < prev[1]), None)
        if first is not None and first.start <= offset + 4 and first.text not in skip:
            return first  # the previous sentence's subject
        if _COLLECTIVITY_NOUN.match(sentence.lstrip()):
            return last_collectivity(prev[0], ctx.orgs)
    return ctx.topic(pos, exclude=skip)


def subject_before(
    ctx: Context,
    pos: int,
    exclude: Sequence[Mention] = (),
    first: bool = False,
    people: Sequence[Mention] = (),
) -> Mention | None:
    """The organisation of the sentence before ``pos`` (the nearest, or the ``first``: the
    clause's subject), else the antecedent of the sentence's pronoun or participle."""
    start = ctx.sentence_start(pos)
    skip = {m.text for m in exclude}
    inside = [m for m in ctx.orgs if start <= m.start and m.end <= pos and m.text not in skip]
    if inside:
        return inside[0] if first else inside[-1]
    return antecedent(ctx, pos, exclude, people)
