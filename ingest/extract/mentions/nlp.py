"""The spaCy French model, loaded once per process with only the components NER needs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

MODEL = "fr_core_news_md"
# The NER component of fr_core_news_md embeds its own token-to-vector layer: the shared
# tok2vec only feeds components we do not use, and dropping it gives the same entities.
_UNUSED = ("tok2vec", "parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter")
# Only blocks with two capitalised words in a row or an upper-case word can hold a name.
_MAY_NAME = re.compile(r"[A-ZÀ-Ý][\w'’-]*\s+[A-ZÀ-Ý]|\b[A-ZÀ-Ý]{2,}\b")


class ModelError(RuntimeError):
    """The spaCy model is not installed; the message says how to install it."""


@cache
def load_model() -> Any:
    """``fr_core_news_md`` with its NER component only."""
    import spacy

    try:
        return spacy.load(MODEL, exclude=list(_UNUSED))
    except OSError:
        raise ModelError(f"spaCy model {MODEL} is missing: run 'pip install -e .[dev]'") from None


def entities(nlp: Any, text: str, blocks: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named entities of each ``text[start:end]`` block."""
    found: list[tuple[int, int, str]] = []
    blocks = [(s, e) for s, e in blocks if _MAY_NAME.search(text, s, e)]
    docs = nlp.pipe((text[s:e] for s, e in blocks), batch_size=64)
    for (start, _), doc in zip(blocks, docs, strict=True):
        found.extend((start + ent.start_char, start + ent.end_char, ent.label_) for ent in doc.ents)
    return found
