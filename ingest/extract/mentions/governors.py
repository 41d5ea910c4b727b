"""Words that govern an organisation's name (``governs`` of ``lexicons/org_context.yaml``):
"avec le soutien de X", "adhère à X", any past participle before "par"."""

from __future__ import annotations

import re
from functools import cache

from ingest.extract.mentions.gazetteers import lexicon
from ingest.extract.mentions.names import CAPSEQ

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


@cache
def _cue_before() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w’'-])(?:(?i:{alternation('governs')}|\w+(?:é|ée|és|ées|is|ise|it|ite|u|ue)"
        rf"\s+par)\s+{ARTICLE}|(?i:{role_titles()})s?\s+{ROLE_PREPOSITION}(?:la |le |les |l['’])?)$"
    )


def governed(text: str, start: int) -> bool:
    """Whether a word that governs an organisation's name (or a role title and its
    preposition: "fondatrice de") stands right before ``start``.

    >>> governed("Elle travaille en lien avec Emmaüs", 28), governed("Il a vu Emmaüs", 8)
    (True, False)
    """
    return _cue_before().search(text, max(0, start - 60), start) is not None
