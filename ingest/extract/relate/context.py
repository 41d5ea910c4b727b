"""Where a position of a document is: its paragraph, its sentence, and the organisation the
paragraph or the portrait is about (used to resolve "l'association", "son directeur"…)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ingest.extract.classify.kinds import organisation_kind
from ingest.extract.mentions.structural import Mention
from ingest.extract.relate.general import SHORT, main_organisation

_TITLE_LINE = re.compile(r"(?:^|\n\n)\s*(?=[A-ZÀ-Ý][\w'’ -]{1,40}?(?:,| ou )[^\n]{0,60}(?<!\.)\n)")
_WEBSITE_LINE = re.compile(r"\n<?(?:https?://)?(?:www\.)?[\w.-]+\.(?:fr|net|com|org|eu)\b\S*\n")


_COLLECTIVITY = re.compile(
    r"^[^.]{0,80}?,\s+(?:la communauté urbaine|la métropole|l['’]agglomération|la collectivité)\b"
)


class Context:
    """Where a position is: its paragraph, and the organisation its portrait is about."""

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.orgs = sorted(m for m in mentions if m.kind == "organisation")
        self.titles = [m for m in self.orgs if m.rule == "title-line"]
        self.heads = [m.start() for m in _TITLE_LINE.finditer(text)]
        # a short text (an article, a portrait) is about its main organisation throughout
        self.main = main_organisation(mentions, text) if 0 < len(text) < SHORT else None

    def collectivity(self, near: Mention, rest: str) -> Mention | None:
        """The collectivity a sentence names by a common noun (``…, la communauté urbaine a
        défini``): the last administration named before, within a few paragraphs."""
        if not _COLLECTIVITY.search(rest):
            return None
        before = [
            m
            for m in self.orgs
            if near.start - 3000 < m.end <= near.start
            and organisation_kind(m.text) == "administration"
        ]
        return before[-1] if before else None

    def paragraph(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n\n", 0, pos)
        end = self.text.find("\n\n", pos)
        return (0 if start < 0 else start + 2), (len(self.text) if end < 0 else end)

    def sentence_start(self, pos: int) -> int:
        return (
            max(
                self.text.rfind(". ", 0, pos),
                self.text.rfind("\n\n", 0, pos),
                self.text.rfind(".\n", 0, pos),
            )
            + 1
        )

    def sentence_end(self, pos: int) -> int:
        ends = [i for i in (self.text.find(". ", pos), self.text.find("\n", pos)) if i >= 0]
        return min(ends, default=len(self.text))

    def topic(self, pos: int, exclude: Iterable[str] = ()) -> Mention | None:
        """The portrait's title organisation (the nearest title line before, with no website
        line in between), else a short text's main organisation named before, else the
        paragraph's first organisation."""
        skip = set(exclude)
        heads = [h for h in self.heads if h <= pos]
        title = next((t for t in reversed(self.titles) if t.start <= pos), None)
        if (
            title is not None
            and heads
            and title.start >= heads[-1]
            and pos - title.start < 1500
            and title.text not in skip
            and not _WEBSITE_LINE.search(self.text, title.end, pos)
        ):
            return title
        if self.main is not None and self.main.start <= pos and self.main.text not in skip:
            return self.main
        start, end = self.paragraph(pos)
        floor = heads[-1] if heads else 0
        # an organisation named after ``pos`` is the topic only within its sentence
        limit = self.sentence_end(pos)
        while True:
            first = next(
                (m for m in self.orgs if start <= m.start < min(end, limit) and m.text not in skip),
                None,
            )
            if first is not None or start <= floor or pos - start > 1500:
                return first
            start, end = self.paragraph(max(0, start - 3))
