"""Normalise a document's text while keeping a map back to the original offsets.

Joins words hyphenated across line breaks (``dévelop-\\npement``), drops layout debris
(markdown emphasis, ``<b>``/``<sup>`` tags, bullet glyphs) and collapses runs of spaces. Every
character of the normalised text remembers the offset of the original character it comes
from, so a span found in the normalised text maps back to ``original[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*\n?(?=[a-zà-ÿ])")
_TAGS = re.compile(r"</?(?:b|i|u|em|strong|sup|sub)>")
# "**bold**" always; a single "*" only when it wraps words on one line ("*titre*"), so that
# footnote marks ("CRIDA*", "* Centre de …") stay.
_EMPHASIS = re.compile(
    r"\*\*+|(?<![\w*])\*(?=[^\s*][^*\n]*[^\s*]\*(?![\w*]))|(?<=[^\s*])\*(?![\w*])(?<=\*)(?=[\s.,;:!?)»”]|$)(?<![A-Z]\*)"
)
_BULLETS = re.compile(r"[▶►➤⊕📍•]")
_SPACES = re.compile(r"[ \t\u00a0\u202f]{2,}|\t|\u00a0|\u202f")


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the original offset."""

    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        if end <= start:
            raise ValueError(f"empty span {start}:{end}")
        return self.origin[start], self.origin[end - 1] + 1

    def exact(self, start: int, end: int) -> str:
        """Original text under the normalised span."""
        o_start, o_end = self.to_original(start, end)
        return self.original[o_start:o_end]


def _apply(
    text: str, origin: list[int], pattern: re.Pattern[str], repl: str
) -> tuple[str, list[int]]:
    """Replace ``pattern`` by ``repl`` (one character or none), carrying the origin map."""
    out: list[str] = []
    out_origin: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(text[last : match.start()])
        out_origin.extend(origin[last : match.start()])
        if repl and match.end() > match.start():
            out.append(repl)
            out_origin.append(origin[match.start()])
        last = match.end()
    out.append(text[last:])
    out_origin.extend(origin[last:])
    return "".join(out), out_origin


def normalise(original: str) -> Normalised:
    """Normalise ``original``; see the module docstring for what changes."""
    text = original.replace("\r\n", "\n").replace("\r", "\n")
    origin = list(range(len(original)))
    if len(text) != len(original):  # CRLF: rebuild the map character by character
        origin = [
            i for i, c in enumerate(original) if not (c == "\r" and original[i + 1 : i + 2] == "\n")
        ]
    for pattern, repl in (
        (_HYPHEN_BREAK, ""),
        (_TAGS, ""),
        (_EMPHASIS, ""),
        (_BULLETS, ""),
        (_SPACES, " "),
    ):
        text, origin = _apply(text, origin, pattern, repl)
    return Normalised(original=original, text=text, origin=tuple(origin))
