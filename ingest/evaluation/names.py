"""Name checks of the scorer: is a predicted node's name compatible with a gold item, and is
each of its evidence spans an occurrence of one of its names?"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_ARTICLE = re.compile(r"^(?:l|la|le|les|du|des|de)\s+", re.IGNORECASE)
_ARTICLE_WORD = re.compile(r"(?:L|La|Le|Les) [A-Z][A-Za-z0-9]*$")
_SMALL = frozenset("de du des la le les l d et en pour a au aux sur".split())


def _plain(text: str) -> str:
    """Accents, punctuation and line-break hyphens dropped; case kept."""
    text = re.sub(r"-\s*\n\s*", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^A-Za-z0-9]+", " ", text).split())


def _words(text: str) -> str:
    """Comparable lower-case form, with spaces round it for whole-word search."""
    return f" {_ARTICLE.sub('', _plain(text).lower())} "


def _initials(name: str) -> str:
    return "".join(w[0] for w in _plain(name).lower().split() if w not in _SMALL)


def compatible(names: Iterable[str], gold: Mapping[str, Any]) -> bool:
    """True when the gold item's name or mention is written, word for word, inside one of the
    node's names, or one is the acronym of the other (``CRESS`` / ``Chambre régionale de
    l'économie sociale et solidaire``). A shortened name (``Conseil départemental`` for
    ``Conseil départemental 62``) or a neighbouring phrase is not compatible."""
    forms = [g for g in (gold.get("name"), gold.get("mention")) if g]
    for name in names:
        inside = _words(name)
        for form in forms:
            if _words(form) in inside:
                return True
            short, long_ = sorted((_plain(name), _plain(form)), key=len)
            if short.isupper() and len(short) >= 2 and short.lower() == _initials(long_):
                return True
    return False


def _lost_capital(span: str, name: str) -> bool | None:
    """None when ``span`` is not a form of ``name`` (the name, a part of it, the name with
    more around it, or a short form: some of its words, starting with its first); else
    whether the name is an article and one capitalised word and the span writes that word in
    lower case (``prendre le relais`` for ``Le Relais``)."""
    s, n = _plain(span), _plain(name)
    if not s or not n:
        return None
    i, j = n.lower().find(s.lower()), s.lower().find(n.lower())
    if i < 0 and j < 0:
        short = [w for w in s.lower().split() if w not in _SMALL]
        words = [w for w in n.lower().split() if w not in _SMALL]
        return (
            False if short and words and short[0] == words[0] and set(short) <= set(words) else None
        )
    if not _ARTICLE_WORD.match(n):
        return False
    inner, outer, offset = (s, n[i : i + len(s)], i) if i >= 0 else (s[j : j + len(n)], n, 0)
    return any(
        o.isupper() and c.islower() and offset + k > 0
        for k, (c, o) in enumerate(zip(inner, outer, strict=True))
    )


def wrong_evidence(record: Mapping[str, Any]) -> list[str]:
    """Evidence spans of an entity record that are not an occurrence of it: text that is no
    form of any of its names, or a lower-case form of a name whose capitals make it a name."""
    names: Sequence[str] = [record["fields"]["name"], *record["fields"].get("aliases", [])]
    named = [n for n in names if any(c.isupper() for c in n)] or list(names)
    wrong = []
    for e in record["evidence"]:
        text = e.get("exact") or ""
        verdicts = [_lost_capital(text, n) for n in named]
        if not any(v is False for v in verdicts):
            wrong.append(f"{text!r} at {e['start']}")
    return wrong
