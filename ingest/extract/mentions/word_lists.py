"""The word lists of ``ingest/extract/lexicons`` the rules read by position: each one
:class:`~ingest.extract.mentions.phrases.PhraseLexicon` (span group of the list's name), built
once per process and shared by every stage that reads the list.

A rule asks where a phrase of the list is *written* (:meth:`WordList.written`): the folded
match of the span group is the candidate, the rule's own small regular expression checks the
shape around it (a determiner before, a preposition after) on the text as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.phrases import PhraseLexicon, is_word


@dataclass(frozen=True)
class WordList:
    """One list: its phrases longest first and their phrase matcher (value 0)."""

    phrases: tuple[str, ...]
    lex: PhraseLexicon

    @classmethod
    def of(cls, name: str, phrases: Iterable[str]) -> WordList:
        """The list ``name`` of ``phrases`` (kept longest first, in their order otherwise)."""
        ordered = tuple(sorted(phrases, key=len, reverse=True))
        return cls(ordered, PhraseLexicon(name, ((p, 0) for p in ordered)))

    def starts(
        self, text: str, pos: int = 0, endpos: int | None = None, *, cut: bool = False
    ) -> list[int]:
        """Where a folded phrase of the list starts in ``text[pos:endpos]`` (in order). The
        text is read up to ``endpos``: where it cuts a word, a phrase may end there; with
        ``cut``, the text is also read from ``pos`` (a phrase may start in a word it cuts)."""
        end = len(text) if endpos is None else endpos
        found = {s for s, e in self.lex.places(text).get(0, ()) if pos <= s and e <= end}
        if pos < end < len(text) and is_word(text[end - 1]) and is_word(text[end]):
            found |= {end - len(p) for p in self.phrases if end - len(p) >= pos}
        if cut and 0 < pos < end and is_word(text[pos - 1]):
            found.add(pos)
        return sorted(found)

    def written(
        self,
        text: str,
        start: int,
        *,
        ignorecase: bool = False,
        endpos: int | None = None,
        not_before: str | None = None,
    ) -> Iterator[str]:
        """The phrases written at ``start`` as the list writes them (in any case with
        ``ignorecase``), longest first; with ``not_before``, only those not followed by a
        word character or one of ``not_before`` (the text read up to ``endpos``)."""
        end = len(text) if endpos is None else endpos
        for phrase in self.phrases:
            stop = start + len(phrase)
            if stop > end:
                continue
            written = text[start:stop]
            if written != phrase and not (ignorecase and written.lower() == phrase.lower()):
                continue
            if (
                not_before is not None
                and stop < end
                and (is_word(text[stop]) or text[stop] in not_before)
            ):
                continue
            yield phrase


@cache
def word_list(file: str, key: str) -> WordList:
    """The list ``key`` of ``lexicons/<file>.yaml`` (span group ``key``)."""
    return WordList.of(key, lexicon(file).get(key) or [])
