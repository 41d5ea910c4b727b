"""Link rules for links stated away from a cue next to both organisations: a funder named
first (``Avec le soutien de X, Y…``), support given or received (``le soutien au X``, ``X a
reçu un soutien``), joint work (``a mené … avec Y``, ``avec la Ville``), a coordinated pair
(``X et Y : un partenariat``). Subjects left implicit come from :mod:`antecedent`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.antecedent import is_collectivity, last_collectivity, subject_before
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.relation import Relation, RelationKind

_ART = r"(?:la |le |l['’]|les )?"
_FUNDER_FIRST = re.compile(
    r"(?:^|[.;]\s|\n)[\s\"“«*]*(?:Avec|Grâce (?:à|au))\s+(?:le |l['’]|un )?(?:soutien|appui"
    r"|financement|aide)(?: financier| financière)?\s+(?:de la |de l['’]|du |des |de )$"
)
_OF = r"(?:de la |de l['’]|du |des |de )"
_AND_OF = re.compile(r",?\s+et\s+" + _OF)
_NAMED_FUNDER = re.compile(r"\s*(?:financier|financière)?\s*" + _OF)
_SUPPORT_OF = re.compile(r"\ble soutien (?:financier )?(?:au|à la|à l['’]|aux)\s+$")
_SUPPORT_RECEIVED = re.compile(
    r"\b(?:a|ont) (?:eu|reçu|obtenu|bénéficié d['’])\s+(?:un|une|le) (?:soutien|aide"
    r"|financement|subvention)\b(?P<rest>[^.]{0,40})"
)
_JOINT_WORK = re.compile(
    r"\b(?:travaill\w*|collabor\w*|coopér\w*|mené\w*|mène\w*|a participé|ont participé"
    r"|participe\w*|co-?construi\w*|s['’]associe\w*|a noué|s['’]est associé\w*)\b[^.;]{0,70}?"
    r"\savec\s+" + _ART + r"$"
    r"|\b(?:en lien|en collaboration|en coopération|main dans la main)\s+avec\s+" + _ART + r"$"
)
_BARE_COLLECTIVITY = re.compile(
    r"\savec\s+(?:la |le |l['’])(?P<noun>Ville|Région|Métropole|Département|Agglomération)\b"
    r"(?!\s+(?:de|d['’]|du|des)\s)"
)
_TIES_WITH = re.compile(
    r"\b(?:les |des |ses |leurs )(?:liens|relations|partenariats|coopérations) avec\s"
)
_PAIR_AND = re.compile(r"\s+et\s+" + _ART)
_PAIR_CUE = re.compile(
    r"^\s*(?::|,|—|–)?\s*(?:un |une )?(?:partenariat|s['’]associent|coopèrent|collaborent"
    r"|ont signé (?:un|une) (?:partenariat|convention)|travaillent ensemble)\b",
    re.I,
)


def _rel(kind: RelationKind, a: Mention, b: Mention, span: tuple[int, int], rule: str) -> Relation:
    return Relation(kind, a, b, span, None, None, None, confidence(rule), rule)


def cue_links(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Every link of this module's rules."""
    ctx = Context(text, mentions)
    things = sorted(m for m in mentions if m.kind in ("organisation", "programme"))
    orgs = [m for m in things if m.kind == "organisation"]
    people = [m for m in mentions if m.kind == "person"]
    return (
        _funder_first(text, ctx, things, orgs)
        + _support_of(text, ctx, things, people)
        + _support_received(text, ctx, orgs, people)
        + _joint_work(text, ctx, orgs, people)
        + _pairs(text, orgs)
        + _ties(text, ctx, orgs, people)
    )


def _funder_first(
    text: str, ctx: Context, things: Sequence[Mention], orgs: Sequence[Mention]
) -> list[Relation]:
    """``Avec le soutien de X (et de Y), Z …``: Z is funded by X (and Y)."""
    found = []
    for k, funder in enumerate(orgs):
        if not _FUNDER_FIRST.search(text[max(0, funder.start - 60) : funder.start]):
            continue
        funders = [funder]
        for other in orgs[k + 1 : k + 3]:
            if _AND_OF.fullmatch(text[funders[-1].end : other.start]):
                funders.append(other)
        comma = text.find(",", funders[-1].end)
        end = text.find(". ", funders[-1].end)
        if comma < 0 or (0 <= end < comma) or comma - funders[-1].end > 40:
            continue
        funded = next(
            (m for m in things if comma < m.start < comma + 40 and m not in funders), None
        )
        if funded is None or funded.kind != "organisation":
            continue
        found += [
            _rel("funded-by", funded, f, (funder.start, funded.end), "funder-first")
            for f in funders
        ]
    return found


def _support_of(
    text: str, ctx: Context, things: Sequence[Mention], people: Sequence[Mention]
) -> list[Relation]:
    """``… le soutien au X``: X is funded by the sentence's organisation or its antecedent."""
    found = []
    for obj in things:
        if not _SUPPORT_OF.search(text[max(0, obj.start - 40) : obj.start]):
            continue
        if re.match(r" [A-ZÀ-Ý]", text[obj.end : obj.end + 2]):
            continue  # the name goes on past the mention ("PTCE Xyz"): not sure what is meant
        funder = subject_before(ctx, obj.start, exclude=[obj], people=people)
        if funder is None or not is_collectivity(funder, ctx.orgs):
            continue
        found.append(_rel("funded-by", obj, funder, (obj.start - 12, obj.end), "support-of"))
    return found


def _support_received(
    text: str, ctx: Context, orgs: Sequence[Mention], people: Sequence[Mention]
) -> list[Relation]:
    """``X … a reçu un soutien (de Y)``: X is funded by Y, else by the collectivity the text
    named last (the one the article is about)."""
    found = []
    for cue in _SUPPORT_RECEIVED.finditer(text):
        subject = subject_before(ctx, cue.start(), first=True, people=people)
        if subject is None:
            continue
        rest_start = cue.start("rest")
        named = _NAMED_FUNDER.match(cue["rest"])
        if named:
            funder = next((m for m in orgs if m.start == rest_start + named.end()), None)
            rule = "support-received"
        elif re.search(r"\b(?:soutien|financement|subvention)\b", cue.group()):
            funder = last_collectivity(ctx.sentence_start(cue.start()), ctx.orgs, within=1500)
            rule = "support-received-collectivity"
        else:
            continue  # "a reçu une aide" alone: from whom is anyone's guess
        if funder is None or funder.text == subject.text:
            continue
        found.append(_rel("funded-by", subject, funder, (subject.start, cue.end()), rule))
    return found


def _joint_work(
    text: str, ctx: Context, orgs: Sequence[Mention], people: Sequence[Mention]
) -> list[Relation]:
    """``X a mené un travail … avec Y`` / ``…, qui a participé à … avec la Ville``: partners;
    a bare ``la Ville`` is the last ``Ville de …`` named before."""
    found = []
    for obj in orgs:
        if not _JOINT_WORK.search(text[max(0, obj.start - 110) : obj.start].replace("\n", " ")):
            continue
        subject = subject_before(ctx, obj.start, exclude=[obj], people=people)
        if subject is not None:
            found.append(_rel("partner-of", subject, obj, (subject.start, obj.end), "joint-work"))
    for cue in _BARE_COLLECTIVITY.finditer(text):
        before = text[max(0, cue.start() - 110) : cue.start() + 7].replace("\n", " ")
        if not _JOINT_WORK.search(before[: before.rfind("avec") + 5]):
            continue
        place = last_collectivity(cue.start(), orgs, within=2000, head=cue["noun"])
        subject = subject_before(ctx, cue.start(), exclude=[place] if place else [], people=people)
        if place is not None and subject is not None and subject.text != place.text:
            found.append(
                _rel("partner-of", subject, place, (subject.start, cue.end()), "joint-work-place")
            )
    return found


def _pairs(text: str, orgs: Sequence[Mention]) -> list[Relation]:
    """``X et Y : un partenariat`` / ``X et Y s'associent``: X and Y are partners."""
    found = []
    for a, b in pairwise(orgs):
        if _PAIR_AND.fullmatch(text[a.end : b.start]) and _PAIR_CUE.match(text[b.end : b.end + 60]):
            found.append(_rel("partner-of", a, b, (a.start, b.end), "pair-cue"))
    return found


def _ties(
    text: str, ctx: Context, orgs: Sequence[Mention], people: Sequence[Mention]
) -> list[Relation]:
    """``… a renforcé les liens avec les réseaux (X et Y), … (Z, W)``: every organisation the
    rest of the sentence lists (no relative clause in between) is a partner of the subject."""
    found = []
    for cue in _TIES_WITH.finditer(text):
        end = min(
            (i for i in (text.find(". ", cue.end()), text.find(".\n", cue.end())) if i >= 0),
            default=len(text),
        )
        listed = [m for m in orgs if cue.end() <= m.start and m.end <= end]
        listed = [
            m
            for m in listed
            if not re.search(r"\b(?:qui|que|dont|où)\b|;", text[cue.end() : m.start])
        ]
        subject = subject_before(ctx, cue.start(), people=people)
        if subject is None:
            continue
        found += [
            _rel("partner-of", subject, m, (cue.start(), m.end), "ties-with")
            for m in listed
            if m.text != subject.text
        ]
    return found
