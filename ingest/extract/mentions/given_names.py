"""Given names (``lexicons/given_names.yaml``): whether a name the model tags as a person
opens like one. A decision feature, not a filter of its own: a person named with a rarer given
name is still a person wherever the sentence does not take an organisation.

A first word outside the list still counts as a given name when the model's word vector is
close to those of the list (their mean direction): "Kader" or "Piotr" are, "Textile" or
"Cuisine" are not. The list is the evidence; the vectors carry it to names it does not hold.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ess_core.iris import fold
from ingest.extract.mentions.gazetteers import lexicon

# cosine to the list's mean vector above which a word reads as a given name (measured on the
# list against capitalised common nouns: names 0.3-0.9, nouns -0.1-0.25)
_CLOSE = 0.25


@cache
def _names() -> tuple[str, ...]:
    data = lexicon("given_names")
    return tuple(str(n) for key in ("female", "male") for n in data.get(key) or [])


@cache
def _given() -> frozenset[str]:
    return frozenset(fold(part) for name in _names() for part in name.split("-"))


@cache
def _direction(vocab: Any) -> Any:
    """The unit mean vector of the listed names the model has vectors for (None if none)."""
    import numpy as np

    vectors = [vocab[n].vector for n in _names() if vocab[n].has_vector]
    if not vectors:
        return None
    mean = np.mean(vectors, axis=0)
    return mean / np.linalg.norm(mean)


def _close(word: str, vocab: Any) -> bool:
    import numpy as np

    lexeme = vocab[word]
    direction = _direction(vocab)
    if direction is None or not lexeme.has_vector:
        return False
    norm = float(np.linalg.norm(lexeme.vector))
    return norm > 0 and float(lexeme.vector @ direction) / norm >= _CLOSE


def opens_with_given_name(name: str, vocab: Any = None) -> bool:
    """Whether the first word of ``name`` (or a part of a compound such as "Jean-Yves") is a
    capitalised given name of the list, or (with the model's ``vocab``) reads like one.

    >>> opens_with_given_name("Jean-Yves Martin"), opens_with_given_name("Textile Picarde")
    (True, False)
    """
    first = re.split(r"[\s.]+", name.strip(), maxsplit=1)[0]
    if not first[:1].isupper():
        return False  # "président d'Aube Verte": a title, not a given name
    parts = [p for p in first.split("-") if p]
    if any(fold(p) in _given() for p in parts):
        return True
    return vocab is not None and any(_close(p, vocab) for p in parts)
