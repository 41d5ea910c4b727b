"""Words that govern an organisation's name (``governs`` of ``lexicons/org_context.yaml``):
"avec le soutien de X", "adhère à X", any past participle before "par"; role titles held at
a body and their preposition ("directrice de X", ``lexicons/roles.yaml``); phrases said only
of an organisation after its name ("X, membre du réseau", ``said_of``).

Each list is read from its span group (``governs``, ``body_titles``, ``said_of``); what
stands between the cue and the name (an article, a preposition, a comma) is a shape, a small
regular expression read on the text as written."""

from __future__ import annotations

import re
from functools import cache

from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.names import CAPSEQ
from ingest.extract.mentions.phrases import PhraseLexicon, is_word
from ingest.extract.mentions.word_lists import WordList, word_list

# a capitalised name a cue or a list governs, with its own capitalised article
NAME = rf"(?P<name>(?:L['’]|La |Le |Les )?{CAPSEQ})"
# an article or a preposition fused with it between the cue and the name
ARTICLE = r"(?:(?:de la|de l['’]|du|des|de|d['’]|à la|à l['’]|au|aux|la|le|les|l['’])\s?)?"


# titles whose holder serves a territory, not a body ("maire de X", "conseillère de X")
_TERRITORIAL = ("membre", "élu", "maire", "conseiller", "préfet", "sous-préfet")
# the prepositions between a role title and the body: "directrice de", "chargée de mission à"
ROLE_PREPOSITION = r"(?:de la |de l['’]|du |des |de |d['’]|à la |à l['’]|au |aux )"


# any past participle before "par" governs its agent: "labellisée par X" (a shape)
_PARTICIPLE_BY = re.compile(
    rf"(?<![\w’'-])(?i:\w+(?:é|ée|és|ées|is|ise|it|ite|u|ue)\s+par)\s+{ARTICLE}$"
)
# between a cue of ``governs`` and the name: spaces and an article
_AFTER_CUE = re.compile(rf"\s+{ARTICLE}")
# between a role title and the name: a plural "s", its preposition, an article
_AFTER_TITLE = re.compile(rf"s?\s+{ROLE_PREPOSITION}(?:la |le |les |l['’])?")


@cache
def _body_titles() -> WordList:
    """The role titles held at a body (span group ``body_titles``; their plurals match too)."""
    forms = {
        str(f)
        for r in lexicon("roles").get("roles") or []
        for f in r["forms"]
        if r["label"] not in _TERRITORIAL
    }
    phrases = tuple(sorted(forms, key=len, reverse=True))
    lex = PhraseLexicon("body_titles", ((p, 0) for p in sorted(forms | {f + "s" for f in forms})))
    return WordList(phrases, lex)


def _ends_before(words: WordList, tail: re.Pattern[str], text: str, start: int) -> bool:
    """Whether a phrase of ``words`` (in any case, a whole word) and then ``tail`` end
    right at ``start`` (the phrase within the 60 characters before it)."""
    for s in words.starts(text, max(0, start - 60), start):
        if s > 0 and (is_word(text[s - 1]) or text[s - 1] in "’'-"):
            continue
        for phrase in words.written(text, s, ignorecase=True, endpos=start):
            if tail.fullmatch(text, s + len(phrase), start):
                return True
    return False


def governed(text: str, start: int) -> bool:
    """Whether a word that governs an organisation's name (``governs``, span group of that
    name; any past participle before "par") or a role title and its preposition
    ("fondatrice de") stands right before ``start``.

    >>> governed("Elle travaille en lien avec Emmaüs", 28), governed("Il a vu Emmaüs", 8)
    (True, False)
    """
    return (
        _PARTICIPLE_BY.search(text, max(0, start - 60), start) is not None
        or _ends_before(word_list("org_context", "governs"), _AFTER_CUE, text, start)
        or _ends_before(_body_titles(), _AFTER_TITLE, text, start)
    )


# --- the names the cues govern (rule ``cued-name``) ------------------------------------------

# after a cue of ``governs``: spaces, an article, the name
_CUE_NAME = re.compile(rf"\s+{ARTICLE}{NAME}")
# "labellisée par X": any past participle before "par", its article, the name
_PARTICIPLE_NAME = re.compile(
    rf"(?<![\w’'-])(?i:\w+(?:é|ée|és|ées|is|ise|it|ite|u|ue)\s+par)\s+{ARTICLE}{NAME}"
)
# after a role title held at a body: a plural "s", its preposition, the name
_TITLE_NAME = re.compile(rf"s?\s+{ROLE_PREPOSITION}{NAME}")
# before a phrase of ``said_of``: the name opening a sentence, a line or a clause after a
# comma or an example word ("dont X, basée à…"; an article aside), a comma, spaces
_NAME_SAID = re.compile(
    rf"(?:^|(?<=[.!?:;]\s)|(?<=\n)|(?<=, )|(?<= dont )|(?<= comme )|(?<= notamment ))"
    rf"(?:l['’]|la |le |les )?{NAME},?\s+$"
)


def _cued(words: WordList, tail: re.Pattern[str], text: str) -> dict[int, re.Match[str]]:
    """start of the cue -> the match of ``tail`` after it, for each phrase of ``words``
    written (in any case) as a whole word and followed by ``tail``."""
    found: dict[int, re.Match[str]] = {}
    for s in words.starts(text):
        if s > 0 and (is_word(text[s - 1]) or text[s - 1] in "’'-"):
            continue
        for phrase in words.written(text, s, ignorecase=True):
            if (m := tail.match(text, s + len(phrase))) is not None:
                found[s] = m
                break
    return found


def _in_order(found: dict[int, re.Match[str]]) -> list[tuple[int, int]]:
    """The ``name`` of each match, read from left to right (by the start of its cue) without
    overlaps."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start in sorted(found):
        if start >= pos:
            out.append(found[start].span("name"))
            pos = found[start].end()
    return out


def governed_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name a word of ``governs`` (or a past participle and "par")
    governs: "avec le soutien de X", "labellisée par X"."""
    found = _cued(word_list("org_context", "governs"), _CUE_NAME, text)
    pos = 0
    while (m := _PARTICIPLE_NAME.search(text, pos)) is not None:
        found.setdefault(m.start(), m)  # at one place, a word of the list comes first
        pos = m.start() + 1
    return _in_order(found)


def titled_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name after a role title held at a body and its preposition:
    "directrice de X", "l'un des fondateurs du X"."""
    return _in_order(_cued(_body_titles(), _TITLE_NAME, text))


# a given name and a family name, then a comma before a title: "Camille Petit, directrice"
_PERSON_BEFORE_TITLE = re.compile(
    r"(?<![\w’'-])(?P<name>[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
    r" (?:(?:[Dd]e |[Dd]u |[Ll]e |[Ll]a |[Vv]an |von )?[A-ZÀ-Ý][a-zà-ÿ’']+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?))"
    r",\s+(?:la |le |sa |son |notre |l['’]une? des )?$"
)


def people_before_titles(text: str) -> list[tuple[int, int]]:
    """(start, end) of each two-word name a comma and a role title follow ("Camille Petit,
    directrice adjointe"): a name the model may take for words ("Petit")."""
    found: dict[int, re.Match[str]] = {}
    titles = _body_titles()
    for n in titles.starts(text):
        if n > 0 and (is_word(text[n - 1]) or text[n - 1] in "’'-"):
            continue
        if next(titles.written(text, n, ignorecase=False), None) is None:
            continue
        m = _PERSON_BEFORE_TITLE.search(text, max(0, n - 60), n)
        if m is not None:
            found.setdefault(m.start("name"), m)
    return sorted((m.start("name"), m.end("name")) for m in found.values())


def said_of_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name a phrase of ``said_of`` (as the list writes it) follows:
    "X, membre du réseau", "X a rejoint"."""
    said = word_list("org_context", "said_of")
    found: dict[int, re.Match[str]] = {}
    for n in said.starts(text):
        if next(said.written(text, n, not_before="’'-"), None) is None:
            continue
        m = _NAME_SAID.search(text, max(0, n - 300), n)
        if m is not None and m.start() not in found:
            found[m.start()] = m
    return _in_order(found)
