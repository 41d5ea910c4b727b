"""A relation between two mentions, with its dates, and the helpers every relation rule uses."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.confidences import confidence

RelationKind = Literal[
    "role",
    "founded",
    "dissolved",
    "renamed",
    "succeeded-by",
    "carries",
    "member-of",
    "partner-of",
    "funded-by",
    "located-in",
]

_FROM_TO = re.compile(
    r"\(?\b(?:de|entre)\s+(?P<a>(?:19|20)\d{2})\s*(?:à|-|–|et)\s*(?P<b>(?:19|20)\d{2})\)?"
)
_SINCE = re.compile(r"\(?\bdepuis\s+(?:fin\s+|début\s+)?(?P<a>(?:19|20)\d{2})\)?")
PREP = r"(?:de la|de l['’]|du|des|de|d['’]|à l['’]|à la|au|à|pour l['’]|pour la|pour le|chez)"


@dataclass(frozen=True, order=True)
class Relation:
    """A relation between two mentions; ``span`` is the passage that states it."""

    kind: RelationKind
    subject: Mention
    object: Mention
    span: tuple[int, int]
    role: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    confidence: float = 0.85
    rule: str = ""


def located_in(
    org: Mention, place: Mention, rule: str, span: tuple[int, int] | None = None
) -> Relation:
    """``org`` located in ``place`` by ``rule`` (its confidence from the rule table); the
    passage runs from the organisation to the place unless ``span`` is given."""
    return Relation(
        "located-in",
        org,
        place,
        span or (org.start, place.end),
        confidence=confidence(rule),
        rule=rule,
    )


def years(text: str) -> tuple[int | None, int | None]:
    """``de 2017 à 2022`` -> (2017, 2022); ``depuis 2021`` -> (2021, None)."""
    if m := _FROM_TO.search(text):
        return int(m.group("a")), int(m.group("b"))
    if m := _SINCE.search(text):
        return int(m.group("a")), None
    return None, None


class Index:
    """Mentions sorted by start, for quick look-ups by position."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = sorted(mentions)
        self.starts = [m.start for m in self.items]

    def within(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            m = self.items[i]
            if m.end <= end and (kind is None or m.kind == kind):
                out.append(m)
            i += 1
        return out
