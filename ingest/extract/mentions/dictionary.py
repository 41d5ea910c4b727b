"""The French dictionary of the spaCy model: whether a word is a common word of French, and
so whether a capitalised word no dictionary holds is a coined name ("Brivelune", "Tralivo").

The words are the lemmatizer's tables that ship with ``fr_core_news_md`` (the lemmas of its
nouns, adjectives, verbs and adverbs, and every inflected form it maps to one): generic data
of the language, read from the installed model, not written by us.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ingest.extract.mentions.given_names import opens_with_given_name
from ingest.extract.mentions.nlp import load_model

_PARTS = ("noun", "adj", "verb", "adv")
# a coined name is a capitalised word of letters (an inner hyphen, apostrophe or dot allowed)
_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[-’'.][A-Za-zÀ-ÿ]+)*")


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], Any]:
    """(the lemmas of the model's dictionary, its noun lemmas, its table of inflected
    forms)."""
    from spacy.lookups import Lookups

    nlp = load_model()
    lookups = Lookups().from_disk(nlp.path / "lemmatizer" / "lookups")
    index = lookups.get_table("lemma_index")
    lemmas = {str(w) for part in _PARTS for w in index.get(nlp.vocab.strings[part], [])}
    nouns = {str(w) for w in index.get(nlp.vocab.strings["noun"], [])}
    return frozenset(lemmas), frozenset(nouns), lookups.get_table("lemma_lookup")


def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (any case) is a word of French the model's dictionary holds.

    >>> is_dictionary_word("Solidarité"), is_dictionary_word("Brivelune")
    (True, False)
    """
    lemmas, _, forms = _tables()
    lower = word.lower()
    return lower in lemmas or lower in forms


def is_inflected_verb(word: str) -> bool:
    """Whether ``word`` is an inflected form of another word (a participle, a conjugated
    verb) and no noun: "basée" is, "solidarité" or "santé" is not.

    >>> is_inflected_verb("basée"), is_inflected_verb("solidarité")
    (True, False)
    """
    _, nouns, forms = _tables()
    lower = word.lower()
    lemmas = forms.get(lower) or []
    return lower not in nouns and any(lemma != lower for lemma in lemmas)


def coined(word: str) -> bool:
    """Whether ``word`` is a capitalised word no dictionary of French holds, no given name
    opens and the model has no vector for (a family name, a region, a brand the model read
    often has one): a name made up for what it names.

    >>> coined("Brivelune"), coined("Passerelle"), coined("Marie"), coined("Lefebvre")
    (True, False, False, False)
    """
    if len(word) < 4 or not _WORD.fullmatch(word) or load_model().vocab[word].has_vector:
        return False
    parts = re.split(r"[-’'.]", word)
    return not all(is_dictionary_word(p) for p in parts if len(p) > 2) and not (
        opens_with_given_name(word, None)
    )
