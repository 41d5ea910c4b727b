"""A town's council written in lower case (rule ``town-body``): "la ville de Guise met un local
à disposition", "avec la commune de Guise". The words are an organisation's name when a cue
governs them or a verb of acting follows; otherwise they name the place ("la ville de Guise
compte 5 000 habitants") and stay a territory."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.mentions.document import Document
from ingest.extract.mentions.governors import governed
from ingest.extract.mentions.names import CAPSEQ, Mention, make_mention

# "ville de X", "commune d'X", "municipalité de X", after an article
_TOWN = re.compile(
    rf"(?<![\w'’])(?:[Ll]a\s+)(?P<body>(?:ville|commune|municipalité)\s+(?:de\s+|d['’]))"
    rf"(?P<name>{CAPSEQ})"
)
# a verb of acting after the name, maybe after an auxiliary or a bracketed aside
_ACTS = re.compile(
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:a\s+|ont\s+|va\s+|vient\s+de\s+|s['’]est\s+|se\s+)?"
    r"(?:soutien|soutenu|financ|subventionn|cofinanc|accompagn|met\b|mis\b|mettra|prête|prêté"
    r"|organis|particip|sign|port|lanc|contribu|investi|mobilis|engag|aide|aidé|apport"
    r"|accueill|propos|recrut|achète|acheté|cède|cédé|loue|loué|donn|dot|équip|cré|ouvr|ouvert"
    r"|inaugur|vot|adopt|acquis|rachet)"
)


def town_bodies(doc: Document) -> list[Mention]:
    """Each lower-case town council a cue governs or that acts (see the module)."""
    return list(_town_bodies(doc))


def _town_bodies(doc: Document) -> Iterator[Mention]:
    text = doc.text
    gaz = doc.gazetteers
    if gaz is None:
        return
    for m in _TOWN.finditer(text):
        if "commune" not in gaz.kinds_of(m.group("name")):
            continue
        if not (governed(text, m.start()) or _ACTS.match(text, m.end())):
            continue
        mention = make_mention(
            text, m.start("body"), m.end(), "organisation", "town-body", confidence=0.75
        )
        if mention is not None:
            yield mention
