"""The word lists of ``lexicons/org_context.yaml`` that the general mention rules read
(``typing``, ``before``, ``list_cues``), each in one phrase matcher (span groups ``typing``,
``typing_heads``, ``cue_before`` and ``list_cues`` of the text's ``Doc``).

A match of the folded words counts where the text writes the word as the list does (in any
case for ``typing`` and ``before``, as written for the capitalised heads and ``list_cues``)
and where it stands as a whole word; what follows it (adjectives, a quote, a capitalised
name) is a shape the rules read on the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.phrases import PhraseLexicon, is_word, read_phrases


@dataclass(frozen=True)
class _Words:
    words: tuple[str, ...]
    lexicon: PhraseLexicon


def _words(name: str, words: list[str]) -> _Words:
    return _Words(tuple(words), PhraseLexicon(name, ((w, 0) for w in words)))


@cache
def typing() -> _Words:
    """The ``typing`` nouns, in the list's order."""
    return _words("typing", [str(w) for w in lexicon("org_context").get("typing") or []])


@cache
def typing_first_words() -> frozenset[str]:
    """The first word of each ``typing`` phrase, in lower case ("chantier", "ressourcerie")."""
    return frozenset(w.split()[0].lower() for w in typing().words if w.strip())


@cache
def typing_heads() -> _Words:
    """The ``typing`` nouns of one word, capitalised ("Ferme", "Brasserie"), longest first."""
    heads = {
        w[:1].upper() + w[1:]
        for w in typing().words
        if " " not in w and "'" not in w and "’" not in w and w[:1].islower()
    }
    return _words("typing_heads", sorted(heads, key=len, reverse=True))


@cache
def cue_before() -> _Words:
    """The ``before`` words, longest first."""
    words = sorted(lexicon("org_context").get("before") or [], key=len, reverse=True)
    return _words("cue_before", [str(w) for w in words])


@cache
def list_cues() -> _Words:
    """The ``list_cues``, longest first."""
    words = sorted(lexicon("org_context").get("list_cues") or [], key=len, reverse=True)
    return _words("list_cues", [str(w) for w in words])


def _written(text: str, start: int, word: str) -> bool:
    return text[start : start + len(word)].lower() == word.lower()


def typed(text: str, rest: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
    """(start, what follows) of each ``typing`` noun that starts a word and is followed by
    ``rest`` (matched right after the noun), read from left to right: at each place the
    first noun of the list ``rest`` follows, then on after what ``rest`` matched."""
    found = typing()
    starts = sorted({s for s, _ in found.lexicon.places(text).get(0, ())})
    pos = 0
    for start in starts:
        if start < pos or (start > 0 and is_word(text[start - 1])):
            continue
        for word in found.words:
            if _written(text, start, word):
                after = rest.match(text, start + len(word))
                if after is not None:
                    yield start, after
                    pos = after.end()
                    break


def typing_heads_at(text: str) -> list[tuple[int, int]]:
    """(start, end) of the capitalised ``typing`` nouns opening a word, as written, read
    from left to right ("Brasserie" of "Brasserie du Moulin")."""
    heads = typing_heads()
    return read_phrases(text, heads.lexicon, 0, heads.words, not_after="-", not_before=None)


def ends_on_cue(text: str, start: int, end: int, tail: re.Pattern[str]) -> bool:
    """Whether ``text[start:end]`` ends on a ``before`` word (in any case) that opens it or
    stands after a space, a bracket, an opening quote or an apostrophe, and ``tail``
    (matched to the end)."""
    cues = cue_before()
    starts = _starts(cues.lexicon, text)
    for s in starts[bisect_left(starts, start) : bisect_left(starts, end)]:
        if s > start and not (text[s - 1].isspace() or text[s - 1] in "(«“'’"):
            continue
        for word in cues.words:
            e = s + len(word)
            if e <= end and _written(text, s, word) and tail.fullmatch(text, e, end):
                return True
    return False


def _starts(lex: PhraseLexicon, text: str) -> list[int]:
    """The starts of the spans of ``lex`` in ``text``, in order."""
    return sorted({s for s, _ in lex.places(text).get(0, ())})


def list_cues_at(text: str) -> list[tuple[int, int]]:
    """(start, end) of the ``list_cues`` as written, spaces after them included, read from
    left to right; a cue ends a word or on an apostrophe ("telles qu'")."""
    cues = list_cues()
    out: list[tuple[int, int]] = []
    pos = 0
    for start in sorted({s for s, _ in cues.lexicon.places(text).get(0, ())}):
        if start < pos or (start > 0 and is_word(text[start - 1])):
            continue
        for word in cues.words:
            end = start + len(word)
            if text[start:end] != word:
                continue
            if not (word.endswith(("'", "’")) or end >= len(text) or not is_word(text[end])):
                continue
            while end < len(text) and text[end].isspace():
                end += 1
            out.append((start, end))
            pos = end
            break
    return out
