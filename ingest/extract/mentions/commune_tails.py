"""A name of one word and the commune written after it ("Buanic de Plomodiern", "Vestipacher à
Cassel"): a listed company and where it is, so the name ends before the commune (which stays a
place), unless the word is a typing head ("Ressourcerie de Lillers" is a local structure's
name)."""

from __future__ import annotations

import re

from ingest.extract.mentions import org_words
from ingest.extract.mentions.document import Document

# one capitalised word, then the commune it is in
_WORD_THEN_PLACE = re.compile(r"(?P<word>[A-ZÀ-Ý][\w’'-]+) (?:de |d['’]|à )(?P<place>[A-ZÀ-Ý].+)")


def without_commune(doc: Document, start: int, end: int) -> int:
    """The end of the name ``doc.text[start:end]`` without the commune after its one word."""
    m = _WORD_THEN_PLACE.fullmatch(doc.text, start, end)
    if m is None or doc.gazetteers is None or not doc.gazetteers.is_territory(m.group("place")):
        return end
    if m.group("word").lower() in org_words.typing_first_words():
        return end
    return m.end("word")
