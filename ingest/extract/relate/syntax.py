"""Reading one parsed sentence: which words a mention covers, what a word governs, the
preposition that introduces a word. The parse comes from :func:`ingest.extract.mentions.nlp.parse`
(offsets into the document's normalised text)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingest.extract.mentions.names import Mention
from ingest.extract.mentions.nlp import Sentence, Token

# Dependencies that keep a noun's complements under it: "directrice [de l'association Y]",
# "chargé [de mission] [à la Fondation Y]", "vice-présidente en charge [de l'ESS] [au Conseil Y]".
COMPLEMENTS = frozenset({"nmod", "obl", "obl:arg", "obl:mod", "obl:agent", "flat", "flat:name"})


@dataclass(frozen=True)
class Parsed:
    """One sentence of the parse with its children lists, and the mentions inside it."""

    sentence: Sentence
    mentions: tuple[Mention, ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def children(self, i: int) -> list[int]:
        return [j for j, t in enumerate(self.tokens) if t.head == i and j != i]

    def covered(self, m: Mention) -> list[int]:
        """Indices of the words inside ``m``."""
        return [i for i, t in enumerate(self.tokens) if m.start <= t.start and t.end <= m.end]

    def at(self, pos: int) -> int | None:
        """The word starting at ``pos`` (or covering it)."""
        for i, t in enumerate(self.tokens):
            if t.start <= pos < t.end:
                return i
        return None

    def heads(self, m: Mention) -> list[int]:
        """The words of ``m`` whose head is outside it (one for a well-parsed name)."""
        inside = set(self.covered(m))
        return [i for i in sorted(inside) if self.tokens[i].head not in inside]

    def case(self, i: int) -> str:
        """The preposition introducing word ``i`` ("de", "du", "à", "chez"…), lower case, or ""."""
        for j in self.children(i):
            if self.tokens[j].dep == "case" and j < i:
                return self.tokens[j].text.lower()
        return ""

    def opening(self, i: int) -> int:
        """Where the phrase of word ``i`` opens: its preposition, else the word itself."""
        cases = [j for j in self.children(i) if self.tokens[j].dep == "case" and j < i]
        return self.tokens[cases[0] if cases else i].start

    def descend(self, i: int, deps: frozenset[str], depth: int) -> Iterator[tuple[int, int]]:
        """(word, depth) under word ``i`` through ``deps`` up to ``depth``, breadth first."""
        level = [i]
        seen = {i}
        for d in range(1, depth + 1):
            nxt = []
            for k in level:
                for j in self.children(k):
                    if j not in seen and self.tokens[j].dep in deps:
                        seen.add(j)
                        nxt.append(j)
                        yield j, d
            level = nxt

    def mention_of(self, i: int, kinds: Sequence[str]) -> Mention | None:
        """The mention of one of ``kinds`` holding word ``i``, or the one it introduces as a
        kind word ("l'association [Y]": the name right after, attached to the word)."""
        t = self.tokens[i]
        for m in self.mentions:
            if m.kind in kinds and m.start <= t.start and t.end <= m.end:
                return m
        for m in self.mentions:
            if (
                m.kind in kinds
                and 0 <= m.start - t.end <= 1
                and any(self.tokens[h].head == i for h in self.heads(m))
            ):
                return m
        return None


def parsed_sentences(
    sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> Iterator[Parsed]:
    """Each parsed sentence with the mentions that lie inside it."""
    ordered = sorted(mentions)
    for s in sentences:
        inside = tuple(m for m in ordered if s.start <= m.start and m.end <= s.end)
        if inside:
            yield Parsed(s, inside)
