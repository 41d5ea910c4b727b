"""Words that govern an organisation's name (``governs`` of ``lexicons/org_context.yaml``):
"avec le soutien de X", "adhère à X", any past participle before "par"."""

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


def alternation(key: str) -> str:
    """The words of ``org_context.yaml``'s ``key`` as a regex alternation, longest first."""
    words = sorted(lexicon("org_context").get(key) or [], key=len, reverse=True)
    return "|".join(re.escape(w).replace("['’]", "['’]") for w in words)


# titles whose holder serves a territory, not a body ("maire de X", "conseillère de X")
_TERRITORIAL = ("membre", "élu", "maire", "conseiller", "préfet", "sous-préfet")
# the prepositions between a role title and the body: "directrice de", "chargée de mission à"
ROLE_PREPOSITION = r"(?:de la |de l['’]|du |des |de |d['’]|à la |à l['’]|au |aux )"


def role_titles() -> str:
    """The role titles of ``lexicons/roles.yaml`` held at a body (not the territorial ones),
    as a regex alternation, longest first; a plural "s" may follow."""
    forms = {
        f
        for r in lexicon("roles").get("roles") or []
        for f in r["forms"]
        if r["label"] not in _TERRITORIAL
    }
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


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
