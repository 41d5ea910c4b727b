"""The spaCy French model, loaded once per process with the components the extraction reads:
the named entities (mention stage) and the dependency parse (relation stage), each a pass of
its own components over the prose blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

MODEL = "fr_core_news_md"
# Left out: the components whose output no rule reads.
_UNUSED = ("lemmatizer", "attribute_ruler", "senter")
# Loaded but run only on demand: the part-of-speech tagger (``name-tail`` rule).
_ON_DEMAND = ("morphologizer",)
# The NER component of fr_core_news_md embeds its own token-to-vector layer: the entities pass
# runs it alone. It is not shared with the parse, whose sentence boundaries would constrain it
# and change a few entities (measured on the seeds and the corpus).
_PARSE_ONLY = ("ner",)
_NER_ONLY = ("tok2vec", "parser")
# Only blocks with two capitalised words in a row or an upper-case word can hold a name.
_MAY_NAME = re.compile(r"[A-ZÀ-Ý][\w'’-]*\s+[A-ZÀ-Ý]|\b[A-ZÀ-Ý]{2,}\b")


class ModelError(RuntimeError):
    """The spaCy model is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence: its offsets into the document's text, its dependency
    label and the index of its head in the sentence (itself for the root)."""

    start: int
    end: int
    text: str
    dep: str
    head: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the prose, as the parser split it: offsets and tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]


@cache
def load_model() -> Any:
    """``fr_core_news_md`` with its parser and NER (its tagger loaded, run on demand)."""
    import spacy

    try:
        return spacy.load(MODEL, exclude=list(_UNUSED), disable=list(_ON_DEMAND))
    except OSError:
        raise ModelError(f"spaCy model {MODEL} is missing: run 'pip install -e .[dev]'") from None


def entities(nlp: Any, text: str, blocks: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named entities of each ``text[start:end]`` block (the NER
    component alone)."""
    found: list[tuple[int, int, str]] = []
    blocks = [(s, e) for s, e in blocks if _MAY_NAME.search(text, s, e)]
    docs = nlp.pipe((text[s:e] for s, e in blocks), batch_size=64, disable=_present(nlp, _NER_ONLY))
    for (start, _), doc in zip(blocks, docs, strict=True):
        found.extend((start + e.start_char, start + e.end_char, e.label_) for e in doc.ents)
    return found


def parse(nlp: Any, text: str, blocks: Sequence[tuple[int, int]]) -> list[Sentence]:
    """The sentences of every ``text[start:end]`` block with their dependency parse (none when
    the model has no parser)."""
    if "parser" not in nlp.pipe_names:
        return []
    sentences: list[Sentence] = []
    docs = nlp.pipe((text[s:e] for s, e in blocks), batch_size=64, disable=list(_PARSE_ONLY))
    for (start, _), doc in zip(blocks, docs, strict=True):
        for group in _joined(doc):
            first = group[0].start
            tokens = tuple(
                Token(
                    start + t.idx,
                    start + t.idx + len(t.text),
                    t.text,
                    t.dep_,
                    t.head.i - first,
                )
                for sent in group
                for t in sent
            )
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    return sentences


# the marks that end a sentence
_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})


def _joined(doc: Any) -> list[list[Any]]:
    """The parser's sentences, a split with no end mark and no line break between joined
    again ("…l'association d'insertion | Orme Activités, fondée par…": one sentence)."""
    groups: list[list[Any]] = []
    for sent in doc.sents:
        if groups:
            last = groups[-1][-1]
            between = doc.text[last.end_char : sent.start_char]
            words = [t for t in last if not t.is_space]
            if words and words[-1].text not in _ENDS and "\n" not in last.text + between:
                groups[-1].append(sent)
                continue
        groups.append([sent])
    return groups


def _present(nlp: Any, names: Sequence[str]) -> list[str]:
    return [n for n in names if n in nlp.pipe_names]
