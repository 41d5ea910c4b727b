"""What a mention is: a span of the normalised text naming one thing, and the shape of a name
(a run of capitalised words joined by French connectors)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organisation", "territory", "programme", "event"]
Method = Literal["rule", "model", "curation"]

# A run of capitalised words joined by French connectors: "Maison du Vélo", "Chambre de
# Commerce et d'Industrie Grand Lille", "Université Polytechnique Hauts-de-France".
# (a hyphen inside a word is never followed by a capital: that hyphen joins two words, so a
# run of hyphenated names is read one way, in linear time)
_CAP = r"[A-ZÀ-Ý](?:[\w'’&.]|-(?![A-ZÀ-Ý]))*[\w'’]|[A-ZÀ-Ý]"
_ADJ = r"et (?=[A-ZÀ-Ý]\w*(?:enne|elle|ique|aire|ive|ale|ales|aux)\b)"
# a line break may follow a connector: "Maison du\nVélo" (narrow columns)
_JOIN = (
    rf"(?: (?:de la[ \n]|de l['’]|des[ \n]|du[ \n]|de[ \n]|d['’]|et d['’]|et de[ \n]|et l['’]"
    rf"|et la[ \n]|{_ADJ}|en[ \n]|à la (?=Personne)|sur[ \n]|pour la[ \n]|pour l['’]"
    rf"|pour le[ \n])?| d['’]|-)"
)
# the words joined after a name's first word
JOINED = rf"(?:{_JOIN}(?:{_CAP}))*"
CAPSEQ = rf"(?:{_CAP}){JOINED}"


@dataclass(frozen=True, order=True)
class Mention:
    """A span of the normalised text naming one thing."""

    start: int
    end: int
    kind: EntityKind
    text: str
    method: Method = "rule"
    confidence: float = 0.9
    rule: str = field(default="", compare=False)


def make_mention(
    text: str,
    start: int,
    end: int,
    kind: EntityKind,
    rule: str,
    method: Method = "rule",
    confidence: float = 0.9,
) -> Mention | None:
    """Trim spaces and punctuation around ``text[start:end]``; None when nothing is left."""
    while start < end and text[start] in " \n\t«»“”\"'’(,;:.–-":
        start += 1
    while end > start and text[end - 1] in " \n\t«»“”\"'’),;:.–-!?":
        end -= 1
    # a name never ends on a function word: "Vélocité et la" (a model's span running into
    # the next name) is "Vélocité"
    while (tail := _TRAILING_SMALL.search(text, start, end)) is not None and tail.start() > start:
        end = tail.start()
        while end > start and text[end - 1] in " \n\t,;:–-'’":
            end -= 1
    if kind != "person" and (when := _DURATION.search(text, start, end)) is not None:
        end = when.start()  # "Caisse des dépôts sur trois ans": a model's span past the name
    if kind == "person" and (civility := _CIVILITY.match(text, start, end)) is not None:
        start = civility.end()  # "Mme Martine Goulard" is "Martine Goulard"
    if end - start < 2 or all(w in _SMALL for w in re.split(r"[\s'’]+", text[start:end]) if w):
        return None
    if _CODE.fullmatch(text[start:end]):
        return None  # a file name or a reference ("Image213138", "DSC_0042"), not a name
    return Mention(start, end, kind, text[start:end], method, confidence, rule)


# a duration or a year ending a span: "sur trois ans", "depuis 2019", "en 2021"
_DURATION = re.compile(
    r"\s+(?:(?:sur|pendant|durant|depuis|pour)\s+(?:\d+|un|une|deux|trois|quatre|cinq|six|sept"
    r"|huit|neuf|dix|plusieurs|quelques)\s+(?:ans?|années?|mois|semaines?|jours?)"
    r"|(?:en|depuis|dès)\s+(?:19|20)\d{2})$"
)
# a civility or a title before a person's name
_CIVILITY = re.compile(
    r"(?:M\.|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mr|Dr|Docteur|Pr|Professeur|Me|Maître)\s+"
    r"(?=[A-ZÀ-Ý])"
)
# one word of letters fused with a long run of digits (not a year: "Horizon2030")
_CODE = re.compile(r"[^\W\d_]+(?:_\d{3,}|\d{5,})")
_SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "à", "au", "aux"}
_TRAILING_SMALL = re.compile(
    r"(?<=[\s'’])(?:" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")$"
)


def initials(name: str) -> str:
    """``Communauté d'agglomération Béthune Bruay`` -> ``CABB`` (function words skipped)."""
    words = [w for w in re.split(r"[\s'’-]+", name) if w and w.lower() not in _SMALL]
    return "".join(w[0] for w in words).upper()
