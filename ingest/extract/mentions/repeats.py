"""Later occurrences of an organisation's name: once a rule has found a name, every other
place where the document writes it the same way names the same organisation (a name found in
a title line is also the subject of "À X, <name>, chantier d'insertion …")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.extract.mentions.names import Mention
from ingest.extract.rules import confidence

# A name is repeated only where it stands as a whole: not inside a longer word or name.
_EDGE = r"[\w'’-]"


def _form(surface: str) -> re.Pattern[str]:
    """Where ``surface`` stands again as a whole; a name of several words also with another
    case after its first letter and either apostrophe ("Mon P'tit" / "Mon p’tit")."""
    if " " not in surface:
        return re.compile(rf"(?<!{_EDGE}){re.escape(surface)}(?!{_EDGE})")
    rest = "".join("['’]" if c in "'’" else re.escape(c) for c in surface[1:])
    return re.compile(rf"(?<!{_EDGE}){re.escape(surface[0])}(?i:{rest})(?!{_EDGE})")


def occurrences(text: str, surface: str) -> Iterator[re.Match[str]]:
    """Every place where ``text`` writes the name ``surface`` again as a whole (see
    :func:`_form`)."""
    return _form(surface).finditer(text)


def repeated(
    text: str, chosen: Sequence[Mention], skipped: Sequence[tuple[int, int]]
) -> list[Mention]:
    """``chosen`` and a mention (rule ``repeat``) at every other place of ``text`` where an
    organisation's surface form stands again, outside the other mentions and ``skipped`` lines.
    Only full names found by a rule (not by the model alone, unless decided and of several
    words), holding an upper-case letter and at least three characters, are repeated."""
    # a place inside a name does not stop it ("Solidarité Emploi Artois"): it stays a place
    taken = [(m.start, m.end) for m in chosen]
    places = {(m.start, m.end) for m in chosen if m.kind == "territory"}
    kept = list(chosen)
    forms: dict[str, Mention] = {}
    for m in chosen:
        surface = text[m.start : m.end]
        if (
            m.kind == "organisation"
            # the model's own guesses keep their count (resolution), but a name of several
            # words the model decided on (``model-org``) is a name wherever it is written
            and (m.method != "model" or (m.rule == "model-org" and " " in surface))
            and surface == m.text  # a short form ("la Ville") may name something else later
            and len(surface) >= 3
            and surface != surface.lower()
        ):
            forms.setdefault(surface, m)
    added: list[Mention] = []
    for surface, m in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for hit in _form(surface).finditer(text):
            s, e = hit.span()
            if any(a <= s < b for a, b in skipped) or (s, e) == (m.start, m.end):
                continue
            # the model's person of the very same words gives way: a rule named them otherwise;
            # so does a cut-off name inside it ("L'épicerie Mon p'tit coup de pouce": "Mon")
            same = [
                c
                for c in kept
                if ((c.start, c.end) == (s, e) and c.method == "model")
                or (c.kind == m.kind and s <= c.start and c.end <= e and (c.start, c.end) != (s, e))
            ]
            inside = {(c.start, c.end) for c in same}
            within = {(ts, te) for ts, te in places if s <= ts and te <= e and (ts, te) != (s, e)}
            if any(
                s < te and ts < e for ts, te in taken if (ts, te) not in inside | within | {(s, e)}
            ) or ((s, e) in taken and not same):
                continue
            taken = [t for t in taken if t not in inside]
            kept = [c for c in kept if c not in same]
            added.append(Mention(s, e, m.kind, m.text, m.method, confidence("repeat"), "repeat"))
            taken.append((s, e))
    return sorted([*kept, *added])
