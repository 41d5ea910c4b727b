"""Word lists and gazetteers matched with spaCy's ``PhraseMatcher`` over one ``Doc`` per text.

A text is tokenised once (:func:`text_doc`) into a spaCy ``Doc`` of its *folded* words: lower
case, no accents, hyphens and apostrophes as spaces, every other sign a token of its own
("Condé-sur-l’Escaut" and "conde sur l'Escaut" are the same four words). The ``Doc`` keeps
each token's offsets into the text (``doc.user_data["offsets"]``), so a match is a span of
the text as written.

A :class:`PhraseLexicon` is one word list (a lexicon of ``ingest/extract/lexicons``, the
curated names, the places of France): its phrases are added to one ``PhraseMatcher`` when
the lexicon is built (once per process, the callers cache it), and :meth:`PhraseLexicon.spans`
writes its matches to the span group of its name (``doc.spans["roles"]``…) the first time a
``Doc`` is read, then reads them from there. The rules that use a lexicon decide, on the text
as written, what a folded match must also be (the case, the accents, the hyphens of the
phrase, what stands around it).

Every ``Doc`` shares one vocabulary (:data:`VOCAB`); the documents' ``Doc`` objects are kept
for the few texts read last (:func:`text_doc`), so that the mention stage and the relation
stage of one document read the same ``Doc`` and its span groups.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import count
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# One vocabulary for the texts' Doc objects and every lexicon's patterns.
VOCAB = Vocab()
_TOKEN = re.compile(r"\w+|[^\w\s]")
_OFFSETS = "offsets"
_OWNERS = "span_owners"
_ids = count()


@cache
def _fold_char(c: str) -> str:
    if c in "-‐‑–'’`´":
        return " "
    base = unicodedata.normalize("NFKD", c)[:1].lower()
    return base if len(base) == 1 else c


def fold_text(text: str) -> str:
    """``text`` folded character by character (same length, same offsets).

    >>> fold_text("Condé-sur-l’Escaut")
    'conde sur l escaut'
    """
    return "".join(_fold_char(c) for c in text)


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a phrase, as the matchers compare them.

    >>> name_words("Président·e")
    ('president', '·', 'e')
    """
    return tuple(_TOKEN.findall(fold_text(name)))


@lru_cache(maxsize=8)
def text_doc(text: str) -> Doc:
    """The ``Doc`` of ``text``'s folded words, with their offsets into ``text``; built once
    for the texts read last (the same object for the stages of one document).

    >>> doc = text_doc("À Condé-sur-l’Escaut")
    >>> [t.text for t in doc], offsets(doc)[1]
    (['a', 'conde', 'sur', 'l', 'escaut'], (2, 7))
    """
    folded = fold_text(text)
    found = [(m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    doc = Doc(VOCAB, words=[folded[s:e] for s, e in found])
    doc.user_data[_OFFSETS] = tuple(found)
    doc.user_data[_OWNERS] = {}
    return doc


def offsets(doc: Doc) -> tuple[tuple[int, int], ...]:
    """(start, end) of each token of a :func:`text_doc` in its text."""
    found: tuple[tuple[int, int], ...] = doc.user_data[_OFFSETS]
    return found


def word_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """The span of a :func:`text_doc`'s words covering ``text[start:end]``, widened to whole
    words (spaCy's ``alignment_mode="expand"``); None when no word lies there.

    >>> doc = text_doc("La Ruche d'Arras")
    >>> span = word_span(doc, 4, 10, "ORG")
    >>> [t.text for t in span], span.label_, char_span(doc, span)
    (['ruche', 'd'], 'ORG', (3, 10))
    """
    found = offsets(doc)
    i = bisect_right(found, start, key=lambda o: o[1])
    j = bisect_left(found, end, key=lambda o: o[0])
    return Span(doc, i, j, label=label) if i < j else None


def char_span(doc: Doc, span: Span) -> tuple[int, int]:
    """(start, end) of a span of a :func:`text_doc` in its text."""
    found = offsets(doc)
    return found[span.start][0], found[span.end - 1][1]


@dataclass(frozen=True)
class PhraseMatch:
    """A span of the text whose folded words are those of ``values``' phrases."""

    start: int
    end: int
    values: tuple[Any, ...]


class PhraseLexicon:
    """One word list in one ``PhraseMatcher``: each phrase carries a value (its kind, its
    entry, the phrase itself…); phrases of the same folded words share a match."""

    def __init__(self, name: str, phrases: Iterable[tuple[str, Hashable]]) -> None:
        self.name = name
        self._id = next(_ids)
        self.matcher = PhraseMatcher(VOCAB, attr="ORTH")
        by_key: dict[tuple[str, ...], list[Hashable]] = defaultdict(list)
        for phrase, value in phrases:
            key = name_words(phrase)
            if key and value not in by_key[key]:
                by_key[key].append(value)
        self.values = {" ".join(k): tuple(v) for k, v in by_key.items()}
        if by_key:
            self.matcher.add(name, [Doc(VOCAB, words=list(k)) for k in by_key])

    def get(self, phrase: str) -> tuple[Any, ...]:
        """The values of the phrases whose folded words are ``phrase``'s."""
        return self.values.get(" ".join(name_words(phrase)), ())

    def spans(self, doc: Doc) -> list[PhraseMatch]:
        """Every span of ``doc`` naming a phrase (overlapping spans included), in order
        (start, then the longest first); computed once per ``Doc`` into the span group
        ``doc.spans[self.name]``."""
        owners: dict[str, int] = doc.user_data[_OWNERS]
        if owners.get(self.name) != self._id:
            doc.spans[self.name] = [
                Span(doc, i, j, label=self.name) for _, i, j in self.matcher(doc)
            ]
            owners[self.name] = self._id
        out = []
        for span in doc.spans[self.name]:
            start, end = char_span(doc, span)
            out.append(PhraseMatch(start, end, self.values[" ".join(t.text for t in span)]))
        return sorted(out, key=lambda m: (m.start, -m.end))

    def matches(self, text: str) -> list[PhraseMatch]:
        """:meth:`spans` of the ``Doc`` of ``text``."""
        return self.spans(text_doc(text))

    def ends_at(self, text: str) -> dict[int, frozenset[int]]:
        """start -> the ends of the spans of ``text`` naming a phrase that start there;
        computed once per ``Doc`` (from its span group)."""
        doc = text_doc(text)
        key = f"ends:{self._id}"
        found: dict[int, frozenset[int]] | None = doc.user_data.get(key)
        if found is None:
            ends: dict[int, set[int]] = {}
            for m in self.spans(doc):
                ends.setdefault(m.start, set()).add(m.end)
            found = {s: frozenset(e) for s, e in ends.items()}
            doc.user_data[key] = found
        return found

    def places(self, text: str) -> dict[Hashable, list[tuple[int, int]]]:
        """value -> (start, end) of each span of ``text`` naming a phrase of that value, in
        order; computed once per ``Doc`` (from its span group)."""
        doc = text_doc(text)
        key = f"places:{self._id}"
        found: dict[Hashable, list[tuple[int, int]]] | None = doc.user_data.get(key)
        if found is None:
            found = {}
            for m in self.spans(doc):
                for value in m.values:
                    found.setdefault(value, []).append((m.start, m.end))
            doc.user_data[key] = found
        return found


def read_phrases(
    text: str,
    lexicon: PhraseLexicon,
    value: Hashable,
    phrases: Sequence[str],
    *,
    ignorecase: bool = False,
    not_after: str | None = None,
    not_before: str | None = "",
) -> list[tuple[int, int]]:
    """(start, end) of the ``phrases`` (of ``value`` in ``lexicon``) that ``text`` writes
    as they are written (in any case with ``ignorecase``), read from left to right: at each
    place the first of ``phrases`` written there, then on after it. A phrase must not stand
    right after a word character or one of ``not_after`` (no such check when None) nor
    right before one or one of ``not_before`` (no such check when None).

    >>> lex = PhraseLexicon("demo", [("Ville", 0), ("Ville de Lens", 0)])
    >>> read_phrases("La Ville de Lens et la Ville.", lex, 0, ["Ville de Lens", "Ville"])
    [(3, 16), (23, 28)]
    """
    starts = sorted({s for s, _ in lexicon.places(text).get(value, ())})
    out: list[tuple[int, int]] = []
    pos = 0
    for start in starts:
        if start < pos:
            continue
        if not_after is not None and start > 0:
            c = text[start - 1]
            if is_word(c) or c in not_after:
                continue
        for phrase in phrases:
            end = start + len(phrase)
            written = text[start:end]
            if written != phrase and not (ignorecase and written.lower() == phrase.lower()):
                continue
            if (
                not_before is not None
                and end < len(text)
                and (is_word(text[end]) or text[end] in not_before)
            ):
                continue
            out.append((start, end))
            pos = end
            break
    return out


def is_word(c: str) -> bool:
    """Whether ``c`` is a word character (``\\w`` of a regular expression)."""
    return c.isalnum() or c == "_"
