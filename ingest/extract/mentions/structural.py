"""Find mentions of people, organisations, territories and programmes in a normalised text.

Rules for the structures the documents repeat come first (quote headers, name lines of
annexes and signatures, acronym lists and footnotes, inline ``Name (ACRONYM)``, portrait titles
and directory headings, typed organisation phrases and the cues of ``org_cues``, a gazetteer
from the curation files); spaCy's NER adds what the rules miss, filtered by shape. Offsets
are into the *normalised* text; the pipeline maps them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ess_core.iris import fold
from ingest.extract.classify.kinds import (
    NON_ORG_ACRONYMS,
    is_organisation_name,
    is_person_name,
    is_programme_name,
    strip_article,
)
from ingest.extract.mentions.gazetteers import Gazetteers, lexicon
from ingest.extract.mentions.given_names import opens_with_given_name
from ingest.extract.mentions.governors import governed
from ingest.extract.mentions.model_decision import (
    concept_acronyms,
    lower_case_words,
    model_organisation,
    repeated_names,
    runs_into_clause,
)
from ingest.extract.mentions.names import CAPSEQ, EntityKind, Mention
from ingest.extract.mentions.names import make_mention as _mention
from ingest.extract.mentions.nlp import load_model
from ingest.extract.mentions.org_cues import TYPING, cued_organisations, split_pairs
from ingest.extract.mentions.phrases import PhraseLexicon, is_word
from ingest.extract.segment.lines import Line, quote_header_body

_YEARS = re.compile(
    r"\s*\(?(?:de|depuis|entre|à partir de)\s+(?:fin\s+)?\d{4}(?:\s*(?:à|-|–|et)\s*\d{4})?\)?\s*$"
)

_ORG_PHRASE = re.compile(rf"\b{TYPING}\s+(?P<name>{CAPSEQ})")
# after a head word of ``org_context.yaml`` (``heads``): capitalised words, maybe joined by
# connectors ("Maison du Vélo")
_ORG_HEAD_REST = re.compile(
    # a level in lower case may follow the head: "Chambre régionale des X", "Union locale de Y"
    r"(?: (?:régionale?|départementale?|nationale?|locale?|territoriale?|intercommunale?"
    r"|interdépartementale?|municipale?|européenne?|française?)(?=[ \n]d))?"
    rf"(?: (?:de la[ \n]|de l['’]|des[ \n]|du[ \n]|de[ \n]|d['’]|pour[ \n]|en[ \n])?"
    rf"{CAPSEQ})+"
)
# the capitalised head of a public body's name: in lower case, the place it governs
_BODY_HEAD = re.compile(r"(?:Région|Ville) ")
_ARTICLE_WORD = re.compile(r"(?:L['’]\s*|La |Le |Les )\w")
_COUNCIL = re.compile(r"(?i)\b(?:conseil d[ée]partemental|d[ée]partement)$")
_COUNCIL_NUMBER = re.compile(r" (?:0?[1-9]|[1-8]\d|9[0-5]|2[AB]|97\d)(?![\w-])")
_INLINE_ACRONYM = re.compile(
    rf"(?P<long>{CAPSEQ})\s*\((?P<acr>[A-ZÉ][A-Za-zÉ'’]*[A-ZÉ])\)"
    rf"|(?P<acr2>\b[A-ZÉ][A-ZÉ'’]{{2,}})\s*\((?P<long2>[A-ZÀ-Ý][^()]{{8,120}})\)"
)
# a word written as a name then its expansion: "l'Orive (Office régional des initiatives…)"
_WORD_ACRONYM = re.compile(r"(?P<acr>\b[A-ZÉ][a-zé]{2,9})\s*\((?P<long>[A-ZÀ-Ý][^()\n]{8,120})\)")
_ACRONYM_ROW = re.compile(r"^(?P<acr>[A-Z][A-Za-zÉ'’-]{1,14})\t+(?P<long>\S.*)$")
_FOOTNOTE_ROW = re.compile(r"^(?P<mark>\d{1,2}|\*{1,3})\s*-?\s+(?P<long>[A-ZÀ-Ý][^\n]{8,150})$")
_WEB_LINE = re.compile(r"^<?(?:https?://)?(?:www\.)?[\w.-]+\.(?:fr|net|com|org|eu)\b\S*$")
_SKIP_SECTIONS = ("ressources documentaires",)


@dataclass(frozen=True, order=True)
class Acronym:
    """An acronym and its expansion, both as mentions, as the document defines them."""

    short: Mention
    long: Mention


def skipped(line: Line) -> bool:
    """Whether the line is in a section not to read (bibliography, table of contents)."""
    return line.section.lower().startswith(_SKIP_SECTIONS) or "....." in line.text


def org_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of organisation names inside a role or affiliation clause ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    clause = text[start:end]
    for m in re.finditer(
        rf"(?:\b(?:de la|de l['’]|du|des|de|d['’]|à l['’]|à la|au|pour l['’]|pour la|pour le"
        rf"|à|chez|dont la direction du)\s?)(?:(?:l['’])?association |l['’]|la |le )?"
        rf"(?P<org>{CAPSEQ})",
        clause,
    ):
        name = re.sub(r"^(?:ESS|IAE) (?=[A-ZÀ-Ý])", "", strip_article(m.group("org")))
        name = re.sub(r"^.* pour l['’](?=[A-Z]{3,}$)", "", name)
        offset = m.start("org") + m.group("org").index(name) if name else 0
        if (
            name
            and name not in NON_ORG_ACRONYMS
            and not is_programme_name(name)
            and (is_organisation_name(name) or name.isupper() or len(name.split()) <= 3)
        ):
            s = start + offset
            spans.append((s, s + len(name)))
    for m in re.finditer(r"(?<![\w'’-])[A-Z][A-Z'’]{2,9}(?![\w-])", clause):
        s = start + m.start()
        if m.group() not in NON_ORG_ACRONYMS and not any(a <= s < b for a, b in spans):
            spans.append((s, start + m.end()))
    return sorted(spans)


def quote_headers(text: str, lines: Sequence[Line]) -> list[Mention]:
    """``NAME - Structure / Other`` headers: one person and its organisations."""
    found: list[Mention] = []
    for line in lines:
        if line.kind != "quote_header" or skipped(line):
            continue
        body = quote_header_body(line)
        if body is None:
            continue
        start, header = body
        name, _, rest = header.partition(" - ")
        person = _mention(text, start, start + len(name), "person", "quote-header", confidence=0.95)
        if person:
            found.append(person)
        rest_start = start + len(name) + 3
        found.extend(_affiliations(text, rest_start, rest_start + len(rest)))
    found.extend(_bare_quote_headers(text, lines))
    return found


_BARE_HEADER = re.compile(
    r"^“\s*(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’-]+ [A-ZÀ-Ý][A-ZÀ-Ý'’-]+)"
    r"(?:\s+(?P<rest>\S.*))?$"
)


def _bare_quote_headers(text: str, lines: Sequence[Line]) -> list[Mention]:
    """``“ NAME Structure`` or ``“ NAME`` with the structure on the next line."""
    found: list[Mention] = []
    for i, line in enumerate(lines):
        match = _BARE_HEADER.match(line.text)
        if match is None or line.kind == "quote_header" or skipped(line):
            continue
        person = _mention(
            text,
            line.start + match.start("name"),
            line.start + match.end("name"),
            "person",
            "quote-header",
            confidence=0.95,
        )
        if person is None:
            continue
        found.append(person)
        if match.group("rest"):
            s = line.start + match.start("rest")
            found.extend(_affiliations(text, s, line.end))
        else:
            nxt = next((ln for ln in lines[i + 1 : i + 3] if ln.kind != "blank"), None)
            if nxt is not None and len(nxt.text) <= 60:
                found.extend(_affiliations(text, nxt.start, nxt.end))
    return found


def _affiliations(text: str, start: int, end: int) -> list[Mention]:
    """Organisations of a header's ``Structure / Other de 2011 à 2017`` part."""
    found: list[Mention] = []
    part_start = start
    for part in re.split(r"( / )", text[start:end]):
        if part != " / ":
            trimmed = _YEARS.sub("", part)
            org = _mention(
                text,
                part_start,
                part_start + len(trimmed),
                "organisation",
                "quote-header",
                confidence=0.9,
            )
            if org:
                found.append(org)
        part_start += len(part)
    return found


def name_lines(text: str, lines: Sequence[Line]) -> list[tuple[Mention, Line | None]]:
    """People named alone on a line, with the role line that follows them (annexes, signatures)."""
    found: list[tuple[Mention, Line | None]] = []
    for i, line in enumerate(lines):
        split = _split_name(text, lines, i)
        if split is not None:
            found.append(split)
            continue
        if skipped(line) or line.kind not in ("name", "paragraph") or not is_person_name(line.text):
            continue
        if line.kind == "paragraph" and len(line.text.split()) > 4:
            continue
        nxt = next((ln for ln in lines[i + 1 : i + 4] if ln.kind != "blank"), None)
        role_line = (
            nxt
            if nxt is not None
            and nxt.kind == "paragraph"
            and len(nxt.text) < 260
            and _starts_with_role(nxt.text)
            else None
        )
        if role_line is None and (line.kind == "paragraph" or line.text.isupper()):
            continue
        person = _mention(text, line.start, line.end, "person", "name-line", confidence=0.95)
        if person:
            found.append((person, role_line))
    return found


ROLE_WORD = (
    r"(?:Co-?|co-?|Ex-|ex-|Premier |Première )?(?:[Pp]résident|[Vv]ice[- ][Pp]résident"
    r"|[Dd]irect(?:eur|rice)|[Ff]ondat(?:eur|rice)|[Ff]ondée?|[Cc]hargée?|[Cc]oordinat(?:eur|rice)"
    r"|[Rr]esponsable|[Aa]ttachée?|[Mm]a[iî]tre|[Éé]lue?|[Aa]dministrat(?:eur|rice)|[Tt]résori(?:er|ère)"
    r"|[Ss]ecrétaire|[Aa]nimat(?:eur|rice)|[Gg]érante?|[Cc]ogérante?|[Ss]alariée?|[Mm]embre"
    r"|[Rr]eprésentante?|[Cc]onseill(?:er|ère)|[Dd]éléguée?|[Cc]hercheu(?:r|se)|[Aa]djointe?|[Mm]aire)"
)
_ROLE_WORDS = re.compile(ROLE_WORD)


def _split_name(text: str, lines: Sequence[Line], i: int) -> tuple[Mention, Line | None] | None:
    """A given name and an upper-case family name on two lines, then a role line."""
    line = lines[i]
    if not re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?", line.text):
        return None
    rest = [ln for ln in lines[i + 1 : i + 6] if ln.kind != "blank"][:2]
    if (
        len(rest) < 2
        or not re.fullmatch(r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+", rest[0].text)
        or not _starts_with_role(rest[1].text)
    ):
        return None
    person = _mention(text, line.start, rest[0].end, "person", "name-line", confidence=0.9)
    return (person, rest[1]) if person else None


def _starts_with_role(text: str) -> bool:
    return bool(_ROLE_WORDS.match(text))


def role_line_orgs(text: str, line: Line) -> list[Mention]:
    """Organisations named in a role line."""
    found = []
    for s, e in org_spans(text, line.start, line.end):
        m = _mention(text, s, e, "organisation", "role-line", confidence=0.85)
        if m:
            found.append(m)
    return found


def acronyms(text: str, lines: Sequence[Line]) -> list[Acronym]:
    """Acronym definitions: list rows ``ACR<tab>Expansion``, inline ``Name (ACR)`` / ``ACR (Name)``
    and footnotes ``1- Expansion`` / ``* Expansion`` explaining ``ACR¹`` / ``ACR*``."""
    pairs: list[Acronym] = []

    def add(s1: int, e1: int, s2: int, e2: int, rule: str) -> None:
        long_text = text[s2:e2]
        if strip_article(text[s1:e1]) in concept_acronyms() or long_text.isupper():
            return  # a scheme or a concept ("Revenu de Solidarité Active (RSA)")
        kind: EntityKind = "programme" if is_programme_name(long_text) else "organisation"
        short = _mention(text, s1, e1, kind, rule, confidence=0.95)
        long = _mention(text, s2, e2, kind, rule, confidence=0.95)
        if short and long and short.text != long.text:
            pairs.append(Acronym(short, long))

    for line in lines:
        row = _ACRONYM_ROW.match(line.text)
        if row and line.kind == "table_row":
            add(
                line.start + row.start("acr"),
                line.start + row.end("acr"),
                line.start + row.start("long"),
                line.start + row.end("long"),
                "acronym-list",
            )
        foot = _FOOTNOTE_ROW.match(line.text)
        if foot and line.kind == "footnote" and ":" not in foot.group("long")[:40]:
            mark = foot.group("mark")
            sup = {"1": "¹", "2": "²", "3": "³"}.get(mark, mark)
            for ref in re.finditer(
                rf"\b([A-Z][A-Za-zÉ'’-]{{1,14}}){re.escape(sup)}(?!\w)", text[: line.start]
            ):
                add(
                    ref.start(1),
                    ref.end(1),
                    line.start + foot.start("long"),
                    line.start + foot.end("long"),
                    "acronym-footnote",
                )
    for m in _INLINE_ACRONYM.finditer(text):
        if m.group("acr"):
            long_name = strip_article(m.group("long"))
            s = m.start("long") + m.group("long").index(long_name)
            if _initials_match(m.group("acr"), long_name):
                e = s + len(long_name)
                # the words whose initials spell it exactly, when a longer run holds them
                # ("La Friperie de l'Association d'Actions Sociales (AAS)")
                exact = expansion_before(text, e)
                if exact is not None and s < exact[0] and exact[1] == e:
                    s = exact[0]
                add(m.start("acr"), m.end("acr"), s, e, "acronym-inline")
        elif _initials_match(m.group("acr2"), m.group("long2")):
            add(m.start("acr2"), m.end("acr2"), m.start("long2"), m.end("long2"), "acronym-inline")
    for m in _WORD_ACRONYM.finditer(text):
        if _spells(m.group("acr"), m.group("long")) and is_organisation_name(m.group("long")):
            add(m.start("acr"), m.end("acr"), m.start("long"), m.end("long"), "acronym-inline")
    paired = {p.short.start for p in pairs}
    for m in _BRACKETED.finditer(text):
        if m.start("acr") not in paired and (span := expansion_before(text, m.start())):
            add(m.start("acr"), m.end("acr"), span[0], span[1], "acronym-inline")
    return sorted(set(pairs))


# "(CDESS)", "(Cress)": an acronym in brackets, its expansion before it
_BRACKETED = re.compile(r"\s?\((?P<acr>[A-ZÉ](?:[A-Za-zÉ]|[2-4](?=[A-Z])){1,9})\)")
_SMALL_WORDS = frozenset("de du des la le les l d et en à au aux pour sur par un une".split())
_EXPANSION_WORD = re.compile(r"[\wÀ-ÿ]+(?:-[\wÀ-ÿ]+)*")


_TYPED_BEFORE = re.compile(rf"\b{TYPING}\s+$")


def expansion_before(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the words right before ``text[end:]`` = "(ACR)" whose initials
    spell the acronym, in lower case or not ("Conseil départemental de l'économie sociale et
    solidaire (CDESS)", "chambre régionale de l'ESS (Cress)"); None when none do.

    >>> t = "la chambre locale de liaison des écoles (CLLE) a voté"
    >>> s, e = expansion_before(t, t.index(" (CLLE)"))
    >>> t[s:e]
    'chambre locale de liaison des écoles'
    >>> t = "le Centre régional de ressources et d'animation (C2RA) a voté"
    >>> s, e = expansion_before(t, t.index(" (C2RA)"))
    >>> t[s:e]
    "Centre régional de ressources et d'animation"
    >>> t = "l'association Vent libre du Marais (VLM)"
    >>> s, e = expansion_before(t, t.index(" (VLM)"))
    >>> t[s:e]
    'Vent libre du Marais'
    """
    acr = _BRACKETED.match(text, end)
    if acr is None:
        return None
    # "C2RA": a digit repeats the letter after it (C, R, R, A)
    letters = fold_upper(
        re.sub(r"([2-4])([A-Z])", lambda d: d.group(2) * int(d.group(1)), acr.group("acr"))
    )
    start = max(text.rfind("\n", 0, end) + 1, end - 160)
    clause = re.split(r"[.;:!?«»“”()]", text[start:end])[-1]
    words = list(_EXPANSION_WORD.finditer(clause))
    offset = end - len(clause)
    for n in range(1, min(len(words), 14) + 1):
        tail = words[-n:]
        first = tail[0].group()
        if first.lower() in _SMALL_WORDS:
            continue
        significant = [w.group() for w in tail if w.group().lower() not in _SMALL_WORDS]
        initials = "".join(w if w.isupper() and len(w) > 1 else w[0] for w in significant)
        if fold_upper(initials) == letters and len(letters) >= 2:
            s, e = offset + tail[0].start(), offset + tail[-1].end()
            # the expansion of a body, not of a concept ("bail commercial…", "Diplôme…"):
            # an organisation's words, or a typing word before ("l'association Monnaie
            # verte du Ternois (MVT)")
            typed = _TYPED_BEFORE.search(text, max(0, s - 30), s) is not None
            return (s, e) if typed or is_organisation_name(text[s:e]) else None
        if len(fold_upper(initials)) > len(letters):
            return None
    return None


def fold_upper(text: str) -> str:
    """Upper-case letters of ``text`` without accents."""
    return re.sub(r"[^A-Z]", "", fold(text).upper())


def _spells(word: str, long: str) -> bool:
    """Whether the initials of the words of ``long`` that are not small words spell ``word``
    exactly (a word used as an acronym: "Orive" of "Office régional des initiatives vertes
    et engagées").

    >>> _spells("Orive", "Office régional des initiatives vertes et engagées")
    True
    """
    words = [w for w in _EXPANSION_WORD.findall(long) if w.lower() not in _SMALL_WORDS]
    return len(word) >= 3 and fold_upper("".join(w[0] for w in words)) == fold_upper(word)


def _initials_match(acr: str, long: str) -> bool:
    """Whether ``acr`` could abbreviate ``long`` (its letters in order among initials)."""
    words = re.findall(r"[\wÀ-ÿ]+", long.replace("'", " ").replace("’", " "))
    letters = re.sub(r"[^A-Z]", "", acr.upper().replace("É", "E"))
    capitals = re.sub(r"[^A-Z]", "", long.replace("É", "E"))

    def in_order(pool: str) -> bool:
        pos = 0
        for c in letters:
            pos = pool.find(c, pos)
            if pos < 0:
                return False
            pos += 1
        return True

    initials = "".join(w[0] for w in words).upper().replace("É", "E")
    return len(letters) >= 2 and (in_order(initials) or in_order(capitals))


_TITLE = re.compile(r"^(?P<name>[A-ZÀ-Ý][\w'’ -]{1,40}?)(?:,| ou | : )")


_NOT_TITLES = frozenset(
    (
        "sources",
        "credits",
        "enjeu",
        "enjeux",
        "objectif",
        "objectifs",
        "action",
        "actions",
        "orientation",
        "contexte",
        "plus d'infos",
        "ess",
        "l'ess",
    )
)


# an ordinal opens a description, not a name: "Quatrième ville de l'Oise, Creil…"
_ORDINAL = re.compile(
    r"(?:Premi|Deuxi|Second|Troisi|Quatri|Cinqui|Sixi|Septi|Huiti|Neuvi|Dixi)\w*\b"
)


def title_lines(text: str, lines: Sequence[Line]) -> list[Mention]:
    """Portrait titles ``Name, what it does``: kept when the name comes back in the text or
    matches one of the document's website lines (``buffetengage.com``)."""
    sites = [
        re.sub(r"^(?:https?://)?(?:www\.)?", "", ln.text.strip("<>")).split(".")[0]
        for ln in lines
        if ln.kind == "website"
    ]
    sites = [re.sub(r"[^a-z]", "", s.lower()) for s in sites]
    found: list[Mention] = []
    for i, line in enumerate(lines):
        if line.kind not in ("paragraph", "heading") or len(line.text) > 80 or skipped(line):
            continue
        if i and lines[i - 1].kind != "blank":
            continue
        match = _TITLE.match(line.text)
        if match is None or len(match.group("name").split()) > 5:
            continue
        name = strip_article(match.group("name").strip())
        if (
            fold(name) in _NOT_TITLES
            or _ORDINAL.match(name)
            or name in NON_ORG_ACRONYMS
            or len([w for w in name.split()[1:] if w[:1].islower() and len(w) > 4]) >= 2
        ):
            continue
        squashed = re.sub(r"[^a-z]", "", fold(match.group("name")))
        on_site = any(
            site and len(site) >= 4 and (site in squashed or squashed in site) for site in sites
        )
        # named again, maybe in another case ("Pôle sud : …" then "PÔLE sud figure…")
        again = re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
        if on_site or len([a for a in again if a[:1].isupper()]) >= 2:
            start = line.start + match.start("name") + match.group("name").index(name)
            m = _mention(
                text, start, start + len(name), "organisation", "title-line", confidence=0.85
            )
            if m and not is_person_name(m.text):
                found.append(m)
    return found + _heading_names(text, lines)


_HEADING = re.compile(r"^#{2,6}\s+(?P<name>[^\n]{2,60})$")


def _heading_names(text: str, lines: Sequence[Line]) -> list[Mention]:
    """A sub-heading that is an organisation's name its paragraph repeats (a directory of
    structures: ``#### L'épicerie Solidaire`` then ``l'épicerie solidaire propose…``)."""
    found: list[Mention] = []
    for line in lines:
        match = _HEADING.match(line.text)
        if line.kind != "heading" or match is None or skipped(line):
            continue
        name = strip_article(match.group("name").strip())
        bare = re.sub(r"^(?:[Ll]['’]|[Ll]a |[Ll]e |[Ll]es )", "", name)
        following = text[line.end : line.end + 400]
        # a one-word heading the paragraph types: "#### Solenn" then "L'association Solenn"
        typed = re.search(rf"{TYPING}\s+{re.escape(bare)}(?![\w-])", following)
        if len(name.split()) > 5 or not (is_organisation_name(bare) or typed):
            continue
        if re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", following, re.IGNORECASE):
            start = line.start + match.start("name") + match.group("name").index(name)
            m = _mention(
                text, start, start + len(name), "organisation", "title-line", confidence=0.85
            )
            if m is not None:
                found.append(m)
    return found


def typed_phrases(text: str) -> list[Mention]:
    """Organisations announced by their type (``l'association X``, ``Maison du Vélo``…), by a
    cue (``un collectif « X »``, ``porté par X``, ``les fondateurs du X``, ``des structures
    comme X``) or by a local structure's common noun and place (``le centre social de X``)."""
    found: list[Mention] = []
    for m in _ORG_PHRASE.finditer(text):
        mention = _mention(text, m.start("name"), m.end("name"), "organisation", "typed-phrase")
        if mention and not mention.text.isdigit():
            found.append(mention)
    found += cued_organisations(text)
    for start, end in _org_heads(text):
        name = text[start:end]
        if (number := _COUNCIL_NUMBER.match(text, end)) and _COUNCIL.search(name):
            end = number.end()  # "Conseil départemental 62" names one département's council
        if is_organisation_name(name) and not _INDEFINITE.search(text, max(0, start - 6), start):
            mention = _mention(text, start, end, "organisation", "org-head", confidence=0.85)
            if mention:
                found.append(mention)
    return found


# "… et la Maison du Vélo": an article after "et" opens a second name
_AND_THE = re.compile(r" et (?:la |le |les |l['’])\s*(?=[A-ZÀ-Ý])")
# "créer un Pôle Territorial de…": a kind of body, not one named
_INDEFINITE = re.compile(r"(?<![\w'’])(?:[Uu]ne?|[Dd]['’]une?) $")


@cache
def _head_words() -> tuple[tuple[str, ...], PhraseLexicon]:
    heads = tuple(str(h) for h in lexicon("org_context").get("heads") or [])
    return heads, PhraseLexicon("org_heads", ((h, 0) for h in heads))


def _org_heads(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names opening on a head word of ``org_context.yaml`` (as written,
    at a word's start) and going on with capitalised words, read from left to right: at
    each place the first head of the list the words follow."""
    heads, lex = _head_words()
    out: list[tuple[int, int]] = []
    pos = 0
    for start in sorted({s for s, _ in lex.places(text).get(0, ())}):
        if start < pos or (start > 0 and is_word(text[start - 1])):
            continue
        for head in heads:
            rest = _ORG_HEAD_REST.match(text, start + len(head))
            if text.startswith(head, start) and rest is not None:
                # "le Centre Hospitalier de Lens et la Maison du Vélo": two names
                second = _AND_THE.search(text, start, rest.end())
                end = second.start() if second else rest.end()
                out.append((start, end))
                pos = end
                break
    return out


def gazetteer_matches(
    text: str, names: Iterable[tuple[str, EntityKind]], rule: str = "gazetteer"
) -> list[Mention]:
    """Exact occurrences of known names (curation names and aliases, territory names), found
    by a phrase matcher over the names (span groups ``<rule>:exact`` and ``<rule>:loose`` of
    the text's ``Doc``).

    Acronyms and short names match case-sensitively, longer names case-insensitively (a
    space of a name stands for any run of spaces); the longest name wins where several
    start at one place, and a name found is not searched again inside itself.
    """
    index = _gazetteer_index(tuple(names), rule)
    found: list[Mention] = []
    for group, ignorecase in ((index.exact, False), (index.loose, True)):
        for start, end in _first_names(text, group, index.rank, ignorecase):
            surface = text[start:end]
            found_kind = index.kinds.get(" ".join(surface.split())) or index.kinds.get(
                " ".join(surface.split()).lower()
            )
            if surface[0].islower() and " " not in surface.strip():
                continue  # "meloko.fr": a common word, not the name
            if surface.islower() and " ".join(surface.lower().split()) in index.capitalised:
                continue  # "prendre le relais" is not Le Relais
            if _BODY_HEAD.match(surface.capitalize()) and surface[:1].islower():
                continue  # "la région Hauts-de-France" is the place, not the Région
            if (
                " " in surface.strip()
                and re.sub(r"^(?:[Ll]['’]|[Ll]es? |[Ll]a )", "", surface).islower()
                and re.match(r"\s+[«“\"]?\s*[A-ZÀ-Ý]", text[end : end + 4])
            ):
                continue  # "l'épicerie solidaire Le Panier": a common noun typing the name after
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            if _WEB_LINE.match(text[line_start : line_end if line_end >= 0 else len(text)].strip()):
                continue
            if found_kind is not None:
                found.append(Mention(start, end, found_kind, surface, "rule", 0.9, rule))
    return found


@dataclass(frozen=True)
class _GazetteerIndex:
    """The known names of one gazetteer: short ones (matched with their case) and long ones
    (in any case) in a phrase matcher each, their kinds, their order of preference."""

    exact: PhraseLexicon
    loose: PhraseLexicon
    kinds: dict[str, EntityKind]
    capitalised: frozenset[str]
    rank: dict[str, int]


@lru_cache(maxsize=8)
def _gazetteer_index(names: tuple[tuple[str, EntityKind], ...], rule: str) -> _GazetteerIndex:
    kinds: dict[str, EntityKind] = {}
    exact: list[str] = []
    loose: list[str] = []
    capitalised: set[str] = set()  # "Le Relais": in lower case, a common phrase
    for name, kind in names:
        short = name.isupper() or len(name) <= 5
        kinds.setdefault(name if short else name.lower(), kind)
        (exact if short else loose).append(name)
        if short and not name.isupper() and len(name) > 1:
            for caps in {name.upper(), fold(name).upper()}:  # "Gédas" written "GEDAS"
                kinds.setdefault(caps, kind)
                exact.append(caps)
        # a name opening on an article ("Le Relais", "L'épicerie Solidaire"):
        # written all in lower case, it is a common phrase ("prendre le relais")
        if _ARTICLE_WORD.match(name):
            capitalised.add(name.lower())
    rank: dict[str, int] = {}
    for group in (exact, loose):
        # where several names start at one place, the longest (then the first in
        # alphabetical order) is the one found
        for i, n in enumerate(sorted(set(group), key=lambda n: (-len(n), n))):
            rank.setdefault(n, i)
    return _GazetteerIndex(
        PhraseLexicon(f"{rule}:exact", ((n, n) for n in exact)),
        PhraseLexicon(f"{rule}:loose", ((n, n) for n in loose)),
        kinds,
        frozenset(capitalised),
        rank,
    )


def _first_names(
    text: str, lexicon: PhraseLexicon, rank: dict[str, int], ignorecase: bool
) -> list[tuple[int, int]]:
    """(start, end) of the names of ``lexicon`` written in ``text`` as whole words, read
    from left to right: at each place the preferred name (``rank``), then on after it."""
    at: dict[int, list[tuple[int, int]]] = {}
    for m in lexicon.matches(text):
        for name in m.values:
            if written_like(text[m.start : m.end], name, ignorecase):
                at.setdefault(m.start, []).append((rank[name], m.end))
    out: list[tuple[int, int]] = []
    pos = 0
    for start in sorted(at):
        if start < pos or (start > 0 and _joins(text[start - 1])):
            continue
        ends = [(r, e) for r, e in at[start] if e >= len(text) or not _joins(text[e])]
        if ends:
            pos = min(ends)[1]
            out.append((start, pos))
    return out


def _joins(c: str) -> bool:
    """Whether ``c`` next to a name makes it part of a longer word."""
    return is_word(c) or c == "-"


def written_like(surface: str, name: str, ignorecase: bool = False) -> bool:
    """Whether ``surface`` is ``name`` as written (in any case with ``ignorecase``), a
    space of the name standing for any run of spaces.

    >>> written_like("Le  Relais", "Le Relais"), written_like("le relais", "Le Relais")
    (True, False)
    """
    pos = 0
    parts = name.split(" ")
    for i, part in enumerate(parts):
        written = surface[pos : pos + len(part)]
        if written != part and not (ignorecase and written.lower() == part.lower()):
            return False
        pos += len(part)
        if i < len(parts) - 1:
            gap = pos
            while pos < len(surface) and surface[pos].isspace():
                pos += 1
            if pos == gap:
                return False
    return pos == len(surface)


def _written_again(text: str, name: str) -> bool:
    """Whether ``name`` stands twice in ``text`` as a whole name (not the end of a longer
    capitalised one: "Petit Ensemble" in "Petit à Petit Ensemble")."""
    count = 0
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        before = text[max(0, m.start() - 30) : m.start()].split()
        if before and (before[-1][:1].isupper() or before[-1] in _NAME_JOINS):
            continue
        count += 1
    return count > 1


_NAME_JOINS = frozenset({"à", "de", "du", "des", "et"})


_CREDIT = re.compile(
    r"(?:Rédaction|Coordination|Illustrations?|Relecture|Photos?|Photographies?|Mise en page"
    r"|Traduction|Graphisme|Maquette)\s+(?=[A-ZÀ-Ý][a-zà-ÿ]+[ -][A-ZÀ-Ý])"
)
# "Jeanne Dupont et Paul Martin": "Dupont" is a family name, not a shared given name
_NAME_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'’-]* $")
_SHARED_FAMILY = re.compile(r"(?<![\w'’-])(?P<given>[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?) et $")


# a person's name after one of these words names a street, a building or a school
_PLACE_WORDS = re.compile(
    r"(?i:\b(?:rue|avenue|av\.|boulevard|bd|place|allée|impasse|quai|square|chemin|cours"
    r"|lycée|collège|école|groupe scolaire|espace|salle|résidence|stade|gymnase|parc|centre"
    r"|médiathèque|hôpital|pont|cité)(?: du| de la| de l['’]| de| des)?)\s+$"
)


def after_place_word(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a street or building word ("16 avenue …")."""
    return _PLACE_WORDS.search(text, max(0, start - 30), start) is not None


def model_mentions(
    text: str,
    lines: Sequence[Line],
    entities: Iterable[tuple[int, int, str]],
    gazetteers: Gazetteers | None = None,
) -> list[Mention]:
    """Filter spaCy's (start, end, label) entities into person and organisation mentions:
    an ``ORG`` is ``model-org`` (kept even when named once) when its shape and the document
    say it is a name (``ingest.extract.mentions.model_decision``), else ``spacy-org`` when
    it has an organisation's head word (kept by resolution only when named twice)."""
    found: list[Mention] = []
    pairs = split_pairs(text, entities)
    lower = lower_case_words(text)
    repeated = repeated_names(text, pairs)
    for start, end, label in pairs:
        if credit := _CREDIT.match(text, start, end):  # "Rédaction Jeanne Dupont" (colophon)
            start, label = credit.end(), "PER"
        surface = text[start:end]
        if "\n\n" in surface.strip() or (label != "PER" and "\n" in surface.strip()):
            continue
        if label == "PER" and "\n" in surface.strip():
            line_end = start + surface.index("\n", len(surface) - len(surface.lstrip()))
            if _ROLE_WORDS.match(text, line_end + 1, end):
                end, surface = line_end, text[start:line_end]  # "Anne Roy" then a title line
        surface = surface.replace("\n", " ")
        if label == "PER" and is_person_name(surface):
            if after_place_word(text, start):
                continue  # "avenue Jules Ferry", "lycée Jean Moulin": a place
            if governed(text, start) and not opens_with_given_name(surface, load_model().vocab):
                continue  # "en lien avec Emmaüs Solaire": an organisation (rule cued-name)
            m = _mention(text, start, end, "person", "spacy-per", "model", 0.75)
            if (
                m is not None
                and (shared := _SHARED_FAMILY.search(text, max(0, m.start - 40), m.start))
                and not _NAME_BEFORE.search(text, max(0, shared.start() - 40), shared.start())
                and opens_with_given_name(shared.group("given"), load_model().vocab)
            ):
                # "Jeanne et Paul Xavier": Jeanne Xavier too (her evidence: her given name)
                family = m.text.split(maxsplit=1)[1]
                given = shared.group("given")
                found.append(
                    Mention(
                        shared.start("given"),
                        shared.end("given"),
                        "person",
                        f"{given} {family}",
                        "model",
                        0.7,
                        "spacy-per",
                    )
                )
        elif label == "ORG" and runs_into_clause(surface):
            continue  # "le Département finance deux postes": a head word and a clause
        elif label == "ORG" and is_organisation_name(strip_article(surface)):
            # a head-word name that also passes the context checks needs no second mention
            decided = model_organisation(
                text, start, end, gazetteers, lower, surface in repeated, trust_head=False
            )
            rule = "model-org" if decided else "spacy-org"
            m = _mention(text, start, end, "organisation", rule, "model", 0.7)
        elif label == "ORG" and model_organisation(
            text, start, end, gazetteers, lower, surface in repeated
        ):
            m = _mention(text, start, end, "organisation", "model-org", "model", 0.7)
        elif (
            label == "MISC"
            and " " in surface.strip()
            and any(c.islower() for c in surface)
            and not re.search(r" et (?:la |le |les |l['’])", surface)  # two names
            and _written_again(text, surface.strip())
            and model_organisation(
                text, start, end, gazetteers, lower, True, trust_head=False, person_shaped=False
            )
        ):
            # a name of several words the model tags MISC, written again in the document
            m = _mention(text, start, end, "organisation", "model-org", "model", 0.7)
        else:
            m = None
        if m:
            found.append(m)
    return found
