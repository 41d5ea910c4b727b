"""Whether a name the model tags as an organisation is one: a decision from the name's shape
and its context in the document, not from the model's label alone.

The model (spaCy ``ORG``) finds names of organisations that no typing word announces ("avec
Vélocité", "le soutien de Solidarité Textile Picarde"), but also common nouns written with a
capital ("Solidarité"), topics ("Économie circulaire"), role titles ("Président du conseil…")
and cut-off names ("Comité territorial de la"). :func:`model_organisation` keeps the first
and drops the others; the words it reads are generic French words of
``ingest/extract/lexicons/model_filter.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ess_core.iris import fold
from ingest.extract.classify.kinds import (
    NON_ORG_ACRONYMS,
    is_organisation_name,
    is_person_name,
    is_programme_name,
    strip_article,
)
from ingest.extract.mentions.dictionary import coined, is_inflected_verb
from ingest.extract.mentions.gazetteers import Gazetteers, lexicon
from ingest.extract.mentions.phrases import is_word
from ingest.extract.mentions.word_lists import word_list

_CONNECTORS = frozenset("de du des la le les l d et en a à au aux pour sur par une un".split())
_WORD = re.compile(r"[\wÀ-ÿ]+(?:[’'.·-][\wÀ-ÿ]+)*")
_ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&'’-]{1,9}")
# "un Club régional d'entreprises…", "la toute première Association pour…": a kind of
# organisation written with a capital, not a name
_INDEFINITE = re.compile(
    r"(?:^|[^\w’'])(?i:un|une|chaque|aucune?|plusieurs|quelques|premier|première|nouvel|nouvelle)"
    r"\s+$"
)
# "Orientation 3 - …", "PHARE - association": a heading or a name and its gloss (any dash)
_DASHED = re.compile(r" [-–—] ")
# a lower-case word then a determiner or a number with no preposition between: a verb and its
# object ("le Département finance deux postes"), not a name's own words ("coup de pouce")
_CLAUSE = re.compile(
    r" (?!(?:de|du|des|d|et|en|à|au|aux|pour|sur|par|avec|sans|contre|entre|chez)\b)[a-zà-ÿ]{3,}"
    r" (?:les|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|ses|son|sa|leurs?|ces|cette)"
    r"(?![\w’'-])"
)


@cache
def _filter_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(titles, topic heads, topics, acronyms), folded."""
    data = lexicon("model_filter")
    roles = lexicon("roles")
    titles = {fold(f).split()[0] for r in roles.get("roles") or [] for f in r["forms"]}
    titles |= {fold(w) for w in data.get("titles") or []}
    heads = frozenset(fold(w) for w in data.get("topic_heads") or [])
    topics = frozenset(fold(w) for w in data.get("topics") or [])
    return frozenset(titles), heads, topics, concept_acronyms()


@cache
def concept_acronyms() -> frozenset[str]:
    """Acronyms that never name one organisation (legal forms, schemes, concepts):
    ``NON_ORG_ACRONYMS`` and the ``acronyms`` of ``lexicons/model_filter.yaml``."""
    listed = lexicon("model_filter").get("acronyms") or []
    return NON_ORG_ACRONYMS | frozenset(str(w) for w in listed)


# after a noun of ``not_after``: at most three words that are not a preposition, then the name
_NOT_AFTER_TAIL = re.compile(r"(?:[\s,]+(?!(?:par|avec|pour|chez|aux?)\b)[\w’'-]+){0,3}[\s,«“\"]*")


def _not_after(text: str, pos: int, end: int) -> bool:
    """Whether ``text[pos:end]`` holds a noun of ``model_filter.yaml`` (``not_after``, span
    group of that name; in any case, a whole word of the slice) and then at most three words
    and no preposition up to its end: "l'événement phare du club, X"."""
    nouns = word_list("model_filter", "not_after")
    for s in nouns.starts(text, pos, end, cut=True):
        if s > pos and is_word(text[s - 1]):
            continue
        for noun in nouns.written(text, s, ignorecase=True, endpos=end):
            e = s + len(noun)
            if (e == end or not is_word(text[e])) and _NOT_AFTER_TAIL.fullmatch(text, e, end):
                return True
    return False


# "ESSAIMER (pour …)": the expansion of an acronym that names no organisation
_EXPANSION_OF = re.compile(r"\b(?P<acronym>[A-ZÀ-Ý]{2,12})\s*\((?:pour |soit )?[^()\n]{0,20}$")


def _lower_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text) if w[:1].islower())


def model_organisation(
    text: str,
    start: int,
    end: int,
    gazetteers: Gazetteers | None,
    lower_words: frozenset[str] | None = None,
    repeated: bool = False,
    trust_head: bool = True,
    person_shaped: bool = True,
) -> bool:
    """Whether the model's ``ORG`` entity ``text[start:end]`` names an organisation.

    ``lower_words``: the words the document writes in lower case (a capitalised common noun
    of the document is not a name); ``repeated``: the model tags the same name elsewhere in
    the document; ``trust_head``: a name with an organisation's head word ("Fondation …")
    is one without the context checks (else it goes through them too, and a lone acronym
    needs to be tagged twice); ``person_shaped``: a two-word name shaped like a person's
    ("Terre Commune") may be one (False when the model does not tag it a person).
    """
    surface = " ".join(text[start:end].split())
    name = strip_article(surface)
    if not name or not (name[:1].isupper() or name[:1].isdigit()):
        return False
    if "\n\n" in text[start:end] or len(name) > 80:
        return False
    titles, heads, topics, acronyms = _filter_words()
    words = _WORD.findall(name)
    if not words:
        return False
    folded = [fold(w) for w in words]
    if folded[0] in titles or folded[0] in heads or fold(name) in topics:
        return False
    if folded[-1] in _CONNECTORS or (len(words[-1]) == 1 and words[-1].islower()):
        return False  # a cut-off name: "Comité territorial de la", "Régie de s"
    if (person_shaped and is_person_name(name) and len(words) == 2) or is_programme_name(name):
        return False
    if gazetteers is not None and gazetteers.is_territory(name):
        return False
    if _ACRONYM.fullmatch(name):
        return name not in acronyms and (trust_head or repeated)
    if runs_into_clause(name):
        return False  # the model's span ran on into a clause: "Département finance deux postes"
    if words[0] in acronyms or any(w.isdigit() for w in words) or _DASHED.search(name):
        return False  # "AAP Tiers-lieux", "Orientation 3 - …": a scheme, a heading
    if len(words) == 1 and name.isupper():
        return repeated  # an upper-case heading word ("INSTITUTIONNELLES")
    if trust_head and is_organisation_name(name):
        return True
    window = max(0, start - 60)
    before = text[window:start]
    if _not_after(text, window, start) or _INDEFINITE.search(before):
        return False
    if (x := _EXPANSION_OF.search(before)) and (
        x.group("acronym") in acronyms
        or is_programme_name(x.group("acronym"))
        or _not_after(text, window, window + x.start("acronym"))
    ):
        return False
    lower = lower_words if lower_words is not None else _lower_words(text)
    content = [w for w, f in zip(words, folded, strict=True) if f not in _CONNECTORS]
    # a common noun phrase of the document written with a capital ("Solidarité",
    # "Économie sociale et solidaire"): every word of it is also written in lower case
    if all(w.lower() in lower for w in content):
        return False
    if len(content) == 1:
        word = content[0]
        odd = any(c.isupper() for c in word[1:]) or any(c in "’'.·0123456789" for c in word)
        return odd or repeated or coined(word)
    return True


# a span ending on a past participle whose complement follows: "Cap Vert basée à Lille"
_PARTICIPLE_END = re.compile(r" [a-zà-ÿ]{3,}(?:é|ée|és|ées)$")
_COMPLEMENT = re.compile(r"\s+(?:à|au|aux|en|dans|sur|par|depuis)\s")


def without_participle(text: str, start: int, end: int) -> int:
    """The end of the model's entity ``text[start:end]`` without a past participle that
    opens the clause after the name ("Cap Vert basée à Lille": "Cap Vert").

    >>> t = "l'association Cap Vert basée à Lille"
    >>> t[14:without_participle(t, 14, 28)]
    'Cap Vert'
    >>> t = "la Maison de la solidarité à Lille"
    >>> t[3:without_participle(t, 3, 26)]
    'Maison de la solidarité'
    """
    participle = _PARTICIPLE_END.search(text, start, end)
    if (
        participle is not None
        and _COMPLEMENT.match(text, end)
        and is_inflected_verb(participle.group().strip())
    ):
        return participle.start()
    return end


def runs_into_clause(name: str) -> bool:
    """Whether a model's span runs on into a verb and its object.

    >>> runs_into_clause("Département finance deux postes"), runs_into_clause("Coup de pouce")
    (True, False)
    """
    return _CLAUSE.search(name) is not None


def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case."""
    return _lower_words(text)


def repeated_names(text: str, entities: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """Names the model tags ``ORG`` more than once in a document."""
    seen: dict[str, int] = {}
    for start, end, label in entities:
        if label == "ORG":
            key = " ".join(text[start:end].split())
            seen[key] = seen.get(key, 0) + 1
    return frozenset(k for k, n in seen.items() if n > 1)
