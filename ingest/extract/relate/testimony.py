"""First-person links in testimonies: ``notre entrée dans le PTCE puis dans X`` (the speaker's
organisation is a member of both), ``au travers de notre adhésion`` (a member of the
organisation the sentence is about). The speaker's organisation is the one of the quote
header before the passage, or, when a signature closed that quote since, the one under the
next signature (``**Name**`` then the organisation)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.confidences import confidence
from ingest.extract.relate.context import Context
from ingest.extract.relate.relation import Relation

_ART = r"(?:le |la |l['’]|les )?"
_JOINED = re.compile(r"\b[Nn]o(?:tre|s) (?:entrée|adhésion|arrivée|intégration)s?\b")
_INTO = re.compile(r"\s+(?:dans|à|au|aux)\s+" + _ART + r"$")
_THEN_INTO = re.compile(r"\s+(?:puis|et|ainsi que)\s+(?:dans|à|au|aux)\s+" + _ART)


def speaker(mentions: Sequence[Mention], pos: int) -> Mention | None:
    """The organisation speaking at ``pos``, or None outside a testimony."""
    headers = [
        m
        for m in mentions
        if m.rule == "quote-header" and m.kind == "organisation" and pos - 3000 < m.start < pos
    ]
    signatures = [m for m in mentions if m.rule == "name-line" and m.kind == "person"]
    header = headers[-1] if headers else None
    if header is not None and not any(header.start < s.start < pos for s in signatures):
        return header
    following = next((s for s in signatures if pos < s.start < pos + 1500), None)
    if following is None:
        return None
    return next(
        (
            m
            for m in mentions
            if m.kind == "organisation" and following.end <= m.start < following.end + 80
        ),
        None,
    )


def first_person_links(text: str, mentions: Sequence[Mention]) -> list[Relation]:
    """Memberships a testimony states in the first person."""
    ctx = Context(text, mentions)
    things = sorted(m for m in mentions if m.kind in ("organisation", "programme"))
    found = []
    for cue in _JOINED.finditer(text):
        who = speaker(mentions, cue.start())
        if who is None:
            continue
        joined: list[Mention] = []
        for m in things:
            if m.start < cue.end() or m.start > cue.end() + 120:
                continue
            gap = text[(joined[-1].end if joined else cue.end()) : m.start]
            if (not joined and _INTO.fullmatch(gap)) or (joined and _THEN_INTO.fullmatch(gap)):
                joined.append(m)
        rule = "testimony"
        if not joined and re.match(r"\s*[,.;]", text[cue.end() : cue.end() + 3]):
            start = ctx.sentence_start(cue.start())
            first = next((m for m in ctx.orgs if start <= m.start < cue.start()), None)
            joined, rule = ([first] if first is not None else []), "testimony-first-named"
        found += [
            Relation(
                "member-of",
                who,
                m,
                (min(cue.start(), m.start), max(cue.end(), m.end)),
                None,
                None,
                None,
                confidence(rule),
                rule,
            )
            for m in joined
            if m.text != who.text
        ]
    return found
