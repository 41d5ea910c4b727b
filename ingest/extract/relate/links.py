"""Links between organisations and programmes — partner of, member of, carries, funded by —
and the places organisations are in (``association de Roncq``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ingest.extract.classify.kinds import organisation_kind
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.relation import Relation, RelationKind, located_in

_LINK_CUES: tuple[tuple[RelationKind, re.Pattern[str]], ...] = (
    (
        "partner-of",
        re.compile(
            r"(?:en partenariat|des partenariats?|un partenariat|méthode participative"
            r"|en co-construction)\s+avec\s+(?:la |le |l['’]|les )?$"
        ),
    ),
    (
        "member-of",
        re.compile(
            r"\b(?:[Mm]embre|[Aa]dhérente?|[Aa]dhérents?)\s+(?:de la |de l['’]|du |des |de )$"
        ),
    ),
    (
        "carries",
        re.compile(
            r"\b(?:[Pp]orté|[Pp]ortée|[Pp]ortés)\s+par\s+(?:la |le |l['’])?"
            r"(?:association |coopérative )?$"
        ),
    ),
    (
        "funded-by",
        re.compile(
            r"(?:avec le soutien|soutien financier|financée?s? par|soutenue? par)\s*"
            r"(?:de la |de l['’]|du |des |de |par )?(?:la |le |l['’])?$"
        ),
    ),
)


def links(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Partnerships, memberships, carriers and funders cued by a phrase before the object.

    The subject is the nearest organisation or programme before the cue in the same sentence.
    """
    found: list[Relation] = []
    ctx = Context(text, mentions)
    things = sorted(m for m in mentions if m.kind in ("organisation", "programme"))
    found += _pairs(text, things) + _forward(text, things, ctx)
    for k, obj in enumerate(things):
        before = text[max(0, obj.start - 60) : obj.start].replace("\n", " ")
        for kind, cue in _LINK_CUES:
            if cue.search(before) is None:
                continue
            sentence_start = ctx.sentence_start(obj.start)
            subjects = [
                m
                for m in things[:k]
                if m.start > sentence_start
                and m.end <= obj.start - 10
                and m.text != obj.text
                and (kind == "carries" or m.kind == "organisation")
                # the agent of an earlier participle is no subject ("accompagnée par X et
                # financée par Y": Y does not fund X)
                and not _AGENT.search(text, max(0, m.start - 12), m.start)
            ]
            people = [
                m for m in mentions if m.kind == "person" and sentence_start <= m.start < obj.start
            ]
            sentence_end = text.find(". ", obj.end)
            pronoun = re.search(
                r"\b(?:il|elle|on|ils|elles)\b",
                text[sentence_start : sentence_end if sentence_end > 0 else len(text)],
                re.I,
            )
            fallback = ctx.topic(obj.start, exclude=[obj.text]) if pronoun else None
            if not subjects and fallback is None:
                fallback = ctx.collectivity(
                    obj, text[obj.end : sentence_end if sentence_end > 0 else len(text)]
                )
            if kind == "carries" and _FRONTED_CARRIED.match(text, sentence_start, obj.start):
                fallback = ctx.topic(obj.start, exclude=[obj.text])  # "Portée par Y, la structure…"
                if fallback is not None and fallback.start >= sentence_start:
                    continue  # the carried thing is named before the sentence, or not at all
                if any(_THEN_NAMED.fullmatch(text, obj.end, m.start) for m in things):
                    continue  # "Porté par Y, le tiers-lieu X…": the general rule's subject
            if kind == "member-of" and re.search(
                r",\s*(?:membre|adhérente?s?)\s+(?:de la|de l['’]|du|des|de)\s*$", before
            ):
                continue  # "…, membre de la Chair'ESS" describes the person of a role line
            if (not subjects and fallback is None) or (kind == "member-of" and people):
                continue
            subject = subjects[-1] if subjects else fallback
            if subject is None:
                continue
            if kind == "carries":  # "X porté par Y": Y carries X
                subject, obj2 = obj, subject
            else:
                obj2 = obj
            found.append(
                Relation(
                    kind,
                    subject,
                    obj2,
                    (min(subject.start, obj2.start), max(subject.end, obj2.end)),
                    None,
                    None,
                    None,
                    confidence(kind),
                    kind,
                )
            )
            # further objects joined by "et": "avec la Ligue … et Grands Ensemble"
            for other in things[k + 1 : k + 3]:
                if (
                    re.fullmatch(r"\s+et\s+(?:la |le |l['’])?", text[obj.end : other.start])
                    and kind != "carries"
                ):
                    found.append(
                        Relation(
                            kind,
                            subject,
                            other,
                            (subject.start, other.end),
                            None,
                            None,
                            None,
                            confidence(kind),
                            kind,
                        )
                    )
            break
    return found


# a sentence opening on "Porté par", maybe after another participle ("Imaginé et porté par")
_FRONTED_CARRIED = re.compile(r"\s*(?:[A-ZÀ-Ý][a-zà-ÿ]+ée?s?\s+et\s+)?[Pp]ortée?s?\b")
# after the carrier: a comma, an article, a typing phrase, then the carried one's name
_THEN_NAMED = re.compile(
    r",\s*(?:(?:[Ll]a|[Ll]e|[Ll]es)\s+|[Ll]['’])(?:[a-zà-ÿ-]+\s+){0,2}(?:[Ll]a |[Ll]e |[Ll]['’])?"
)
_AGENT = re.compile(r"\bpar\s+(?:la |le |les |l['’])?$")
_PAIR_CUE = re.compile(
    r"(?:partenariat[^.]{0,40}entre|(?:menée?s?|animée?s?|organisée?s?|co-animée?s?)"
    r" par)\s+(?:la |le |l['’])?$"
)
_FORWARD_CUES: tuple[tuple[RelationKind, re.Pattern[str]], ...] = (
    (
        "carries",
        re.compile(
            r"\bdéveloppe(?:nt)?\s+(?:les projets |le projet |depuis \d{4}\s+[«“]\s*)$"
            # "X a développé un café nommé « Y » ainsi que « Z »", "X lance un collectif « Y »"
            r"|\b(?:développ|lanc|mont)(?:e|é|ée|ent)s?\b[^.«“»”\"]{0,70}"
            r"(?:[«“\"][^«“»”\"]{1,60}[»”\"][^.«“»”\"]{0,60})?[«“\"]\s*$"
        ),
    ),
    ("member-of", re.compile(r"\bregroupe[^.]{0,60}dont\s+(?:la |le |l['’])?$")),
    ("funded-by", re.compile(r"\bsoutient [^.]{0,60}(?:mené|porté)e?s? par\s+(?:la |le |l['’])?$")),
)


def _pairs(text: str, things: Sequence[Mention]) -> list[Relation]:
    """``partenariat … entre X et Y`` / ``animée par X et Y``: X and Y are partners."""
    found = []
    for a, b in pairwise(things):
        if (
            _PAIR_CUE.search(text[max(0, a.start - 60) : a.start].replace("\n", " "))
            and re.fullmatch(r"\s+et\s+(?:la |le |l['’])?", text[a.end : b.start])
            and a.kind == b.kind == "organisation"
        ):
            found.append(
                Relation(
                    "partner-of",
                    a,
                    b,
                    (a.start, b.end),
                    None,
                    None,
                    None,
                    confidence("pair"),
                    "pair",
                )
            )
    return found


def _forward(text: str, things: Sequence[Mention], ctx: Context) -> list[Relation]:
    """``X qui développe les projets Y`` (X carries Y); ``X qui regroupe … dont Y`` (Y is a
    member of X). X is the sentence's organisation before the cue, else the paragraph's topic."""
    found = []
    for k, obj in enumerate(things):
        before = text[max(0, obj.start - 200) : obj.start].replace("\n", " ")
        for kind, cue in _FORWARD_CUES:
            if (hit := cue.search(before)) is None:
                continue
            start = ctx.sentence_start(obj.start)
            verb = obj.start - len(before) + hit.start()
            earlier = [
                m
                for m in things[:k]
                if m.start >= start
                and m.end <= verb
                and m.kind == "organisation"
                and m.text != obj.text
            ]
            holder = earlier[-1] if earlier else ctx.topic(obj.start, exclude=[obj.text])
            if holder is None:
                continue
            # "X regroupe … dont Y": Y is a member; "X soutient … mené par Y": Y is funded by X
            subject, other = (obj, holder) if kind in ("member-of", "funded-by") else (holder, obj)
            found.append(
                Relation(
                    kind,
                    subject,
                    other,
                    (min(subject.start, other.start), max(subject.end, other.end)),
                    None,
                    None,
                    None,
                    confidence(f"forward-{kind}"),
                    f"forward-{kind}",
                )
            )
    return found


# "… de la Région de Valenciennes", "Pays de Lens": the area served, not the seat.
_AREA_SERVED = re.compile(
    r"\b(?:[Rr]égion|[Pp]ays|[Bb]assin|[Tt]erritoire|[Aa]rrondissement|[Aa]gglomération)"
    r"\s+(?:de|d['’])\s*$"
)


# a commune's own bodies are where their commune is: "CCAS de X", "Conseil … communal de X"
# ("Ville de X" itself is the commune's body, not an organisation located in it: the seeds'
# annotation does not count it)
_COMMUNE_BODY = re.compile(r"^(?:CCAS|[Cc]entre communal)\b|\b[Cc]ommunal\s+(?:de|d['’])")


def located(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """``association de Roncq`` / ``Maison du Vélo de Valenciennes``: an organisation in a place."""
    found: list[Relation] = []
    places = sorted(m for m in mentions if m.kind == "territory")
    for org in (m for m in mentions if m.kind == "organisation"):
        if organisation_kind(org.text) == "administration" and not _COMMUNE_BODY.search(org.text):
            continue
        for place in places:
            gap = text[org.end : place.start]
            # a closing quote or bracket may end the name: "« Le Panier » d'Abbeville"
            # "du Portel" / "au Portel": the commune Le Portel
            fused = place.text != text[place.start : place.end]
            if place.start >= org.end and re.fullmatch(
                r"\s*[»”\")]?\s*(?:de|d['’]|à|\(|,\s*à|,\s*basée?s? à"
                + (r"|du|au|des|aux" if fused else "")
                + r")\s*",
                gap,
            ):
                found.append(located_in(org, place, "located-in"))
            elif (
                org.start <= place.start
                and place.end == org.end
                and (
                    re.search(r"\b(?:de|d['’]|à)\s*$", text[org.start : place.start])
                    or org.rule == "cue-acronym-place"  # "la MJC Arras"
                )
                and not _AREA_SERVED.search(text[org.start : place.start])
            ):
                found.append(located_in(org, place, "located-in", (org.start, org.end)))
    ctx = Context(text, mentions)
    for place in places:
        before = text[max(0, place.start - 50) : place.start]
        if (
            re.search(r"\b(?:est une|une|l['’]) association (?:\w+ )?(?:de|d['’])\s*$", before)
            is None
        ):
            continue
        start = ctx.sentence_start(place.start)
        earlier = [m for m in ctx.orgs if start <= m.start < place.start]
        holder = earlier[-1] if earlier else ctx.topic(place.start)
        if holder is not None:
            found.append(located_in(holder, place, "association-de", (place.start - 12, place.end)))
    return found
