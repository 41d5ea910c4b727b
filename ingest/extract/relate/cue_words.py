"""The word lists of the relation rules, matched with spaCy's ``PhraseMatcher``: role titles
(``lexicons/roles.yaml``), link cues (``lexicons/link_cues.yaml``) and settling cues
(``lexicons/located_cues.yaml``).

Each list is one :class:`~ingest.extract.mentions.phrases.PhraseLexicon`, built once; its
matches are the span groups ``roles``, ``link_cues``, ``link_heads``, ``together``,
``settle`` and ``settle_verbs`` of the text's ``Doc``. A match of the folded words is a cue
when the text writes the phrase as the list does (in any case) and it stands as whole words;
what stands around a cue (the contracted forms of a final "de" or "à", a place after a
settling verb) is a shape, read on the text. The finders return match objects that answer
like a regular expression's (``start()``, ``end()``, ``group("role")``), read from left to
right without overlaps, the longest phrase first where several start at one place.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.phrases import PhraseLexicon, is_word
from ingest.extract.mentions.word_lists import word_list

Groups = dict[str | int, tuple[int, int] | None]


class Found:
    """A cue found in a text: its span and the spans of its parts (named like the groups of
    a regular expression)."""

    __slots__ = ("_groups", "_text")

    def __init__(self, text: str, groups: Groups) -> None:
        self._text = text
        self._groups = groups

    def span(self, group: str | int = 0) -> tuple[int, int]:
        found = self._groups.get(group)
        return found if found is not None else (-1, -1)

    def start(self, group: str | int = 0) -> int:
        return self.span(group)[0]

    def end(self, group: str | int = 0) -> int:
        return self.span(group)[1]

    def group(self, group: str | int = 0) -> str:
        """The text of ``group`` (empty when the cue has no such part)."""
        found = self._groups.get(group)
        return self._text[found[0] : found[1]] if found is not None else ""

    def __repr__(self) -> str:
        return f"<Found {self.span()} {self.group()!r}>"


def _after_word(text: str, pos: int, joiners: str = "") -> bool:
    """Whether no word character (nor one of ``joiners``) stands right before ``pos``."""
    return pos == 0 or not (is_word(text[pos - 1]) or text[pos - 1] in joiners)


def _before_word(text: str, pos: int, endpos: int, joiners: str = "") -> bool:
    """Whether no word character (nor one of ``joiners``) stands at ``pos`` (the text read
    up to ``endpos``)."""
    return pos >= endpos or not (is_word(text[pos]) or text[pos] in joiners)


def _written(text: str, start: int, phrase: str) -> bool:
    """Whether ``text`` writes ``phrase`` at ``start``, in any case."""
    return text[start : start + len(phrase)].lower() == phrase.lower()


def _first_of(found: dict[int, Found], pos: int) -> list[Found]:
    """The matches read from left to right from ``pos``, none inside the one before."""
    out: list[Found] = []
    for start in sorted(found):
        if start >= pos:
            out.append(found[start])
            pos = found[start].end()
    return out


def _spans(
    lex: PhraseLexicon, value: Hashable, text: str, pos: int, endpos: int
) -> Iterator[tuple[int, int]]:
    for start, end in lex.places(text).get(value, ()):
        if pos <= start and end <= endpos:
            yield start, end


# --- role titles (roles.yaml) ---------------------------------------------------------------


@dataclass(frozen=True)
class _Roles:
    titles: PhraseLexicon
    forms: frozenset[str]
    former: tuple[str, ...]


@cache
def _roles() -> _Roles:
    data = lexicon("roles")
    forms = {f for item in data.get("roles") or [] for f in item["forms"]}
    return _Roles(
        PhraseLexicon("roles", ((f, 0) for f in sorted(forms))),
        frozenset(f.lower() for f in forms),
        tuple(str(f) for f in data.get("former") or []),
    )


class RoleTitles:
    """Every title of ``roles.yaml``, with the "ancienne", "ex-" that may open it (groups
    ``role`` and ``former``); a title goes on to the end of its word ("présidente", not
    "président" in "président·e" or "président.e")."""

    pattern = "roles.yaml"

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Found]:
        end_at = len(text) if endpos is None else endpos
        roles = _roles()
        longest: dict[int, int] = {}
        for start, end in _spans(roles.titles, 0, text, pos, end_at):
            if text[start:end].lower() in roles.forms and _title_ends(text, end, end_at):
                longest[start] = max(longest.get(start, start), end)
        found: dict[int, Found] = {}
        for q, end in sorted(longest.items()):
            # "ancienne présidente", "ex-directeur": the title is over
            r = q
            while r > pos and (text[r - 1].isspace() or text[r - 1] == "-"):
                r -= 1
            if r < q:
                for word in roles.former:
                    p = r - len(word)
                    if p >= pos and _written(text, p, word) and _after_word(text, p, "-"):
                        groups: Groups = {0: (p, end), "former": (p, q), "role": (q, end)}
                        found.setdefault(p, Found(text, groups))
                        break
            if q not in found and _after_word(text, q, "-"):
                found[q] = Found(text, {0: (q, end), "former": None, "role": (q, end)})
        yield from _first_of(found, pos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Found | None:
        return next(self.finditer(text, pos, endpos), None)


def _title_ends(text: str, end: int, endpos: int) -> bool:
    """Whether a title ending at ``end`` ends a word ("président" does not in
    "président·e", "président.e")."""
    if end >= endpos:
        return True
    c = text[end]
    if is_word(c) or c == "·":
        return False
    return not (c == "." and end + 1 < endpos and is_word(text[end + 1]))


def singular_title(title: str) -> str:
    """The singular of a plural title of ``roles.yaml`` ("cofondateurs" -> "cofondateur",
    "chargées de mission" -> "chargée de mission"); other titles as they are."""
    first, _, rest = title.partition(" ")
    if first[-1:] in ("s", "x"):
        one = f"{first[:-1]} {rest}".strip()
        if one.lower() in _roles().forms:
            return one
    return title


@cache
def role_titles() -> RoleTitles:
    """The finder of the titles of ``roles.yaml``."""
    return RoleTitles()


# --- link cues (link_cues.yaml) -------------------------------------------------------------

# The forms a cue's final "de" or "à" stands for, in the order they are tried ("de la"
# before "de"); each must end a word.
_CONTRACTED = {
    "de": ("de la", "de l'", "de l’", "de", "du", "des", "d'", "d’"),
    "à": ("à la", "à l'", "à l’", "à", "au", "aux"),
}


class CuePhrase:
    """One cue of ``link_cues.yaml``: ``pattern`` is the cue as written; a final "de" or "à"
    also matches its contracted forms (:data:`_CONTRACTED`)."""

    def __init__(self, cue: str, lex: PhraseLexicon, key: int, contracted: bool = True) -> None:
        self.pattern = cue
        head, _, last = cue.rpartition(" ")
        self._prefix, self._forms = (
            (f"{head} ", _CONTRACTED[last])
            if contracted and head and last in _CONTRACTED
            else (cue, ("",))
        )
        self._lex = lex
        self._key = key

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Found]:
        end_at = len(text) if endpos is None else endpos
        found: dict[int, Found] = {}
        for start, _ in _spans(self._lex, self._key, text, pos, end_at):
            if start in found or not _after_word(text, start):
                continue
            if not _written(text, start, self._prefix):
                continue
            q = start + len(self._prefix)
            for form in self._forms:
                end = q + len(form)
                if end <= end_at and _written(text, q, form) and _before_word(text, end, end_at):
                    found[start] = Found(text, {0: (start, end), 1: (start, end)})
                    break
        yield from _first_of(found, pos)


@dataclass(frozen=True)
class _Links:
    cues: tuple[tuple[CuePhrase, str, bool], ...]
    heads: tuple[tuple[CuePhrase, str, bool], ...]
    together: Together


@cache
def _links() -> _Links:
    data = lexicon("link_cues")
    listed: list[tuple[str, str, bool]] = []
    for section, reverse in (("cues", False), ("reverse", True)):
        for kind, cues in (data.get(section) or {}).items():
            listed += [(cue, kind, reverse) for cue in sorted(cues, key=len, reverse=True)]
    # a cue's words before its final preposition ("membre" of "membre de")
    cue_lex = PhraseLexicon(
        "link_cues",
        (
            (head if head and last in _CONTRACTED else cue, i)
            for i, (cue, _, _) in enumerate(listed)
            for head, _, last in [cue.rpartition(" ")]
        ),
    )
    cues = tuple((CuePhrase(c, cue_lex, i), k, r) for i, (c, k, r) in enumerate(listed))
    heads = [(cue.rpartition(" ")[0], k, r) for cue, k, r in listed]
    head_lex = PhraseLexicon("link_heads", ((h, i) for i, (h, _, _) in enumerate(heads) if h))
    together = sorted(data.get("together") or [], key=len, reverse=True)
    together_lex = PhraseLexicon("together", ((c, 0) for c in together))
    return _Links(
        cues,
        tuple((CuePhrase(h, head_lex, i, False), k, r) for i, (h, k, r) in enumerate(heads)),
        Together(together, together_lex),
    )


class Together(CuePhrase):
    """Any cue of the ``together`` list, the longest first where several start at one place."""

    def __init__(self, cues: Sequence[str], lex: PhraseLexicon) -> None:
        self.pattern = "together"
        self._cues = tuple(cues)
        self._lex = lex

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Found]:
        end_at = len(text) if endpos is None else endpos
        found: dict[int, Found] = {}
        for start, _ in _spans(self._lex, 0, text, pos, end_at):
            if start in found or not _after_word(text, start):
                continue
            for cue in self._cues:
                end = start + len(cue)
                if end <= end_at and _written(text, start, cue) and _before_word(text, end, end_at):
                    found[start] = Found(text, {0: (start, end)})
                    break
        yield from _first_of(found, pos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Found | None:
        return next(self.finditer(text, pos, endpos), None)


def link_cues() -> list[tuple[CuePhrase, str, bool]]:
    """(finder, kind, reversed) of every cue of ``link_cues.yaml``, longest first in each
    kind."""
    return list(_links().cues)


def link_cues_in(text: str, pos: int, endpos: int) -> list[tuple[CuePhrase, str, bool]]:
    """The cues of :func:`link_cues` (same order) that the span group ``link_cues`` holds in
    ``text[pos:endpos]``: the others find nothing there. One read of the group per sentence
    instead of one call per cue."""
    cues = _links().cues
    if not cues:
        return []
    places = cues[0][0]._lex.places(text)
    keys = {k for k, spans in places.items() if any(pos <= s and e <= endpos for s, e in spans)}
    return [c for c in cues if c[0]._key in keys]


def link_heads() -> list[tuple[CuePhrase, str, str, bool]]:
    """(finder, last word, kind, reversed) of the words before the last one of every cue of
    ``link_cues.yaml`` of several words ("soutenue" and "par" of "soutenue par")."""
    return [
        (finder, cue.rpartition(" ")[2], kind, reverse)
        for (cue_finder, _, _), (finder, kind, reverse) in zip(
            _links().cues, _links().heads, strict=True
        )
        if (cue := cue_finder.pattern).rpartition(" ")[0]
    ]


def together() -> Together:
    """The finder of the ``together`` verbs of ``link_cues.yaml``."""
    return _links().together


# --- settling cues (located_cues.yaml) ------------------------------------------------------


# the lists of org_context.yaml and located_cues.yaml: one span group each, shared with the
# mention rules (mentions/word_lists.py)
_word_list = word_list


# between a settling verb and the commune: a few words of the clause and "à", "au", "aux"
_VERB_TO_PLACE = re.compile(r"[^.;:!?\n]{0,50}?\s(?:à|au|aux)\s*", re.IGNORECASE)
# between a settling participle opening a sentence and its commune
_OPENING_TO_PLACE = re.compile(r"[^.;:!?\n,]{0,40}?\s(?:à|au)\s*", re.IGNORECASE)
_FOUNDED_IN = re.compile(r"(?:créée?s?|fondée?s?) en \d{4}", re.IGNORECASE)


def _phrases_at(text: str, start: int, phrases: Sequence[str], endpos: int) -> Iterator[int]:
    """Ends of the ``phrases`` written at ``start`` (in their order)."""
    for phrase in phrases:
        if start + len(phrase) <= endpos and _written(text, start, phrase):
            yield start + len(phrase)


def settle_cue(text: str, pos: int, endpos: int) -> Found | None:
    """The first settling cue of ``text[pos:endpos]`` that ends it (spaces aside): a cue of
    ``settle`` ("installée à "), or a verb of ``settle_verbs`` and a few words of its clause
    before "à", "au", "aux" ("installée depuis 2012 à ")."""
    cues, verbs = _word_list("located_cues", "settle"), _word_list("located_cues", "settle_verbs")
    starts = {s for s, _ in _spans(cues.lex, 0, text, pos, endpos)}
    starts |= {s for s, _ in _spans(verbs.lex, 0, text, pos, endpos)}
    for start in sorted(starts):
        if not _after_word(text, start):
            continue
        if any(
            not text[end:endpos].strip() for end in _phrases_at(text, start, cues.phrases, endpos)
        ) or any(
            _before_word(text, end, endpos) and _VERB_TO_PLACE.fullmatch(text, end, endpos)
            for end in _phrases_at(text, start, verbs.phrases, endpos)
        ):
            return Found(text, {0: (start, endpos)})
    return None


def opens_on_settling(text: str, pos: int, endpos: int) -> bool:
    """Whether ``text[pos:endpos]`` is a settling participle of ``settle_verbs`` (or "Fondée
    en 2010"), a few words and "à" or "au": "Installée depuis 2012 à "."""
    start = pos
    while start < endpos and text[start].isspace():
        start += 1
    verbs = _word_list("located_cues", "settle_verbs")
    ends = [e for s, e in _spans(verbs.lex, 0, text, pos, endpos) if s == start]
    ends = list(_phrases_at(text, start, verbs.phrases, endpos)) if ends else []
    founded = _FOUNDED_IN.match(text, start, endpos)
    if founded is not None:
        ends.append(founded.end())
    return any(
        _before_word(text, end, endpos, "'’") and _OPENING_TO_PLACE.fullmatch(text, end, endpos)
        for end in ends
    )


# --- nouns standing for an organisation (org_context.yaml) ----------------------------------


_DETERMINERS = tuple(
    f"{first}{rest}"
    for word in ("l'", "l’", "la ", "le ", "cette ", "cet ", "ce ", "notre ")
    for first, rest in ((word[0].upper(), word[1:]), (word[0], word[1:]))
)


def anaphor_nouns() -> tuple[str, ...]:
    """The ``anaphors`` nouns of ``org_context.yaml``, longest first."""
    return tuple(_word_list("org_context", "anaphors").phrases)


def anaphor(text: str, pos: int, endpos: int) -> bool:
    """Whether ``text[pos:endpos]`` holds a definite or demonstrative noun phrase standing for
    an organisation named before: "l'association", "la structure", "ce chantier" (the
    ``anaphors`` nouns of ``org_context.yaml``, as written)."""
    anaphors = _word_list("org_context", "anaphors")
    for n, _ in _spans(anaphors.lex, 0, text, pos, endpos):
        if not any(
            n + len(noun) <= endpos
            and text.startswith(noun, n)
            and _before_word(text, n + len(noun), endpos, "'’-")
            for noun in anaphors.phrases
        ):
            continue
        for det in _DETERMINERS:
            d = n - len(det)
            if d >= pos and text.startswith(det, d) and _after_word(text, d, "'’"):
                return True
    return False


# before a typing noun in apposition: a closing quote or bracket, a comma, a determiner
_BEFORE_APPOSITION = re.compile(
    r"\s*[»”\")]?\s*,\s*(?:(?:une|un|la|le|l['’]|cette|cet|deux|trois|quatre|des|les)\s*)?$"
)


def typed_apposition(text: str, pos: int, endpos: int, fused: bool) -> Found | None:
    """A typing noun of ``org_context.yaml`` in apposition (", une association de",
    ", recyclerie basée à"), at most two other words, and a preposition ending
    ``text[pos:endpos]`` ("du", "au" when the place's article is fused with it: "du Portel");
    group ``noun``: the noun."""
    apposition = _word_list("org_context", "apposition")
    tail = _AFTER_APPOSITION[fused]
    for n in sorted({s for s, _ in _spans(apposition.lex, 0, text, pos, endpos)}):
        noun = next(
            (
                w
                for w in apposition.phrases
                if n + len(w) <= endpos
                and text.startswith(w, n)
                and tail.fullmatch(text, n + len(w), endpos)
            ),
            None,
        )
        if noun is None:
            continue
        before = _BEFORE_APPOSITION.search(text, pos, n)
        if before is not None:
            return Found(text, {0: (before.start(), endpos), "noun": (n, n + len(noun))})
    return None


# after the noun: at most two words and a preposition ending the text read
_AFTER_APPOSITION = {
    fused: re.compile(
        r"(?:\s+[a-zà-ÿœ'’-]+){0,2}?\s+(?:"
        + (r"de|d['’]|à" + (r"|du|au|des|aux" if fused else ""))
        + r")\s*"
    )
    for fused in (False, True)
}
