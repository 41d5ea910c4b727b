"""General mention rules: names the documents share with every text of the field.

* ``body``: a national or regional body of ``data/reference/bodies.yaml``, with the region
  that may qualify it ("CRESS Hauts-de-France"); all its forms in one document are one name
  (the qualified one when the document has it);
* ``institution``: the head of a public body's name and the territory after it ("conseil
  départemental de la Somme", "communauté de communes du Val Vert", "Ville de Lens");
* ``anaphora``: "la Région", "le Département", "la Ville", "l'Agglo" — the document's
  qualified body of that head (nothing when the document names none);
* ``commune``: a commune of France after a preposition ("à Guise", "de Ham");
* ``typed-model``: an organisation the model finds after a typing or cue word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from ess_core.iris import fold
from ingest.extract.classify.kinds import NON_ORG_ACRONYMS, is_person_name
from ingest.extract.mentions.commune_tails import without_commune
from ingest.extract.mentions.document import Document
from ingest.extract.mentions.gazetteers import Gazetteers, lexicon, place_key
from ingest.extract.mentions.model_decision import lower_case_words
from ingest.extract.mentions.names import CAPSEQ, JOINED, Mention, make_mention
from ingest.extract.mentions.org_words import ends_on_cue, list_cues_at, typed, typing_heads_at
from ingest.extract.mentions.phrases import PhraseLexicon, is_word, read_phrases
from ingest.extract.mentions.structural import Acronym

_CAP_AFTER = re.compile(rf"(?P<name>{CAPSEQ})")
_PREP = r"(?:de la |de l['’]|du |des |de |d['’]|en |à |au )"
_STOP_HEADS = frozenset({"region", "departement", "ville", "agglo", "metropole"})


@dataclass(frozen=True)
class _Heads:
    """The heads of public bodies' names (``institutions.yaml``) in one phrase matcher (span
    group ``institution_heads``): (words longest first, what follows, kind) of each item."""

    lexicon: PhraseLexicon
    items: tuple[tuple[tuple[str, ...], str, str], ...]


@cache
def _institution_heads() -> _Heads:
    items = [
        (tuple(sorted(item["words"], key=len, reverse=True)), item["follows"], item["kind"])
        for item in lexicon("institutions").get("heads") or []
    ]
    return _Heads(
        PhraseLexicon(
            "institution_heads", ((w, i) for i, (words, _, _) in enumerate(items) for w in words)
        ),
        tuple(items),
    )


def _territory_prefix(gaz: Gazetteers, follows: str, name: str) -> str | None:
    """The longest run of whole words at the start of ``name`` naming a territory of the kind
    ``follows``."""
    words = name.split(" ")
    for n in range(len(words), 0, -1):
        part = " ".join(words[:n])
        key = place_key(part)
        known = {
            "departement": gaz.departements,
            "region": gaz.regions,
            "commune": gaz.communes,
        }.get(follows)
        if known is None:
            if follows == "any" and gaz.is_territory(part):
                return part
            continue
        if key in known:
            return part
    return None


def _territory_at(gaz: Gazetteers, follows: str, text: str, start: int, name: str) -> str | None:
    """:func:`_territory_prefix` of ``name`` written at ``start`` of ``text``: the runs of
    words tried are those the territories' phrase matcher found there, the longest first (a
    name with a mark inside: "Occitanie / Pyrénées-Méditerranée")."""
    ends = gaz.territory_ends(text).get(_core(text, start, start + len(name))[0])
    if not ends:
        return None
    for end in sorted(ends, reverse=True):
        if end > start + len(name) and _is_a(gaz, follows, text[start:end]):
            return text[start:end]
    words = name.split(" ")
    for n in range(len(words), 0, -1):
        part = " ".join(words[:n])
        if names_territory(gaz, text, start, start + len(part)) and _is_a(gaz, follows, part):
            return part
    return None


def _is_a(gaz: Gazetteers, follows: str, name: str) -> bool:
    """Whether ``name`` names a territory of the kind ``follows`` ("any": of any kind)."""
    known = gaz.known(follows)
    if known is None:
        return follows == "any" and gaz.is_territory(name)
    return place_key(name) in known


_EDGE = "-'’"


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without the hyphens, apostrophes and spaces at its edges."""
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1].isspace()):
        end -= 1
    return start, end


def names_territory(gaz: Gazetteers, text: str, start: int, end: int) -> bool:
    """Whether the territories' phrase matcher found a name at ``text[start:end]`` (its
    edges' hyphens, apostrophes and spaces aside)."""
    s, e = _core(text, start, end)
    return e in gaz.territory_ends(text).get(s, ())


# a region's initials after a regional body: "Direccte LRMP", "DREETS HDF", "Cress PACA"
_REGION_INITIALS = re.compile(r" (?P<initials>[A-Z]{2,5})(?![\w'’-])")


def _qualifier(doc: Document, gaz: Gazetteers, end: int) -> int:
    """End of a region or département name (or a region's initials) right after ``end`` (or
    ``end``)."""
    initials = _REGION_INITIALS.match(doc.text, end)
    if initials is not None and (
        initials.group("initials") not in NON_ORG_ACRONYMS or initials.group("initials") == "HDF"
    ):
        return initials.end()
    m = re.compile(rf" (?:{_PREP})?(?P<name>{CAPSEQ})").match(doc.text, end)
    if m is None:
        return end
    name = m.group("name")
    for follows in ("region", "departement"):
        part = _territory_at(gaz, follows, doc.text, m.start("name"), name)
        if part is not None:
            return m.start("name") + len(part)
    return end


_ELIDED = re.compile(r"(?:^|(?<=[^\w’'-]))(?:[lLdD]|[Qq]u)[’']$")


def _starts_word(text: str, start: int) -> bool:
    """Whether a name may start at ``start``: at a word start, or right after an elided
    article or preposition ("l'Etat", "d'Avise", "qu'Avise")."""
    if start == 0:
        return True
    before = text[start - 1]
    if not (before.isalnum() or before in "_’'-"):
        return True
    return before in "’'" and _ELIDED.search(text, max(0, start - 3), start) is not None


def body_mentions(doc: Document) -> list[Mention]:
    """National and regional bodies of the gazetteer, region-qualified when they are."""
    gaz = doc.gazetteers
    if gaz is None:
        return []
    text = doc.text
    found: list[tuple[int, Mention]] = []
    for i, body in enumerate(gaz.bodies):
        forms = sorted(body.forms, key=len, reverse=True)
        for start, form_end in read_phrases(
            text, gaz.body_lexicon, i, forms, ignorecase=body.fold, not_before="’'-"
        ):
            if not _starts_word(text, start):
                continue
            end = _qualifier(doc, gaz, form_end) if body.regional else form_end
            if body.qualified and end == form_end:
                continue  # "une initiative", not "Initiative Somme"
            mention = make_mention(text, start, end, "organisation", "body", confidence=0.9)
            if mention is not None:
                found.append((i, mention))
    # all forms of one body in a document are one node: each form keeps its own text (so
    # that it stays an alias and its evidence) and is paired with the body's first form,
    # the qualified one when there is one ("CRESS" -> "CRESS Hauts-de-France")
    out = []
    for i, body in enumerate(gaz.bodies):
        mine = [x for j, x in found if j == i]
        if not mine:
            continue
        qualified = [x for x in mine if x.text.lower() not in {f.lower() for f in body.forms}]
        head = (qualified or mine)[0]
        for x in mine:
            out.append(x)
            if x.text != head.text:
                doc.acronyms.append(Acronym(x, head))
    return out


_ACTIVE = re.compile(r"(?<=[\w)]) Acti(?:f|ve|ves|fs)(?![\w’'-])")


def active_members(doc: Document) -> list[Mention]:
    """A territorial member of the France Active network: a département or a région (or a
    former région) followed by "Actif" / "Active" ("Somme Active", "Nord Actif")."""
    gaz = doc.gazetteers
    if gaz is None:
        return []
    text = doc.text
    out = []
    for m in _ACTIVE.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 60)
        words = text[line_start : m.start()].split(" ")
        # the longest run of words before "Active" naming a département or a région
        for i in range(max(0, len(words) - 5), len(words)):
            part = " ".join(words[i:])
            key = place_key(part)
            if (
                part[:1].isupper()
                and names_territory(gaz, text, m.start() - len(part), m.start())
                and (key in gaz.departements or key in gaz.regions)
            ):
                start = m.start() - len(part)
                mention = make_mention(
                    text, start, m.end(), "organisation", "active-member", confidence=0.9
                )
                if mention is not None:
                    out.append(mention)
                break
    return out


_AFTER_HEAD = re.compile(rf" (?P<prep>{_PREP})?(?P<name>{CAPSEQ})")


def _opens_name(text: str, start: int) -> bool:
    """Whether a head at ``start`` opens a word: after a space or a mark, or after an elided
    article ("l'Agglo du X", "d'agglo du X"), not after another word's apostrophe."""
    if start == 0 or text[start - 1] not in "’'":
        return True
    return start >= 2 and text[start - 2] in "lLdD" and (start < 3 or not is_word(text[start - 3]))


def institution_mentions(doc: Document) -> list[Mention]:
    """Public bodies: a head word and the territory (or name) that follows it."""
    gaz = doc.gazetteers
    if gaz is None:
        return []
    text = doc.text
    out: list[Mention] = []
    heads = _institution_heads()
    for i, (words, follows, _kind) in enumerate(heads.items):
        for head_start, head_end in read_phrases(
            text, heads.lexicon, i, words, not_after="", not_before="’'"
        ):
            if not _opens_name(text, head_start):
                continue
            after = _AFTER_HEAD.match(text, head_end)
            if after is None:
                continue
            name = after.group("name")
            if follows == "name":
                # "… Val de Sambre et la Maison de l'emploi": a second name after "et la"
                part: str | None = re.split(r" et (?:la |le |les |l['’])", name)[0]
            else:
                part = _territory_at(gaz, follows, text, after.start("name"), name)
            if part is None:
                continue
            end = after.start("name") + len(part)
            mention = make_mention(
                text, head_start, end, "organisation", "institution", confidence=0.85
            )
            if mention is not None:
                out.append(replace(mention, text=" ".join(mention.text.split())))
    return out


# the body word an EPCI's own name holds: "Val Joli Métropole", "Pays Vert Agglomération"
_EPCI_BODY_WORD = re.compile(
    r"(?<![\w-])(?i:métropole|eurométropole|agglomération|agglo|communauté)(?![\w-])"
)


def epci_bodies(doc: Document) -> list[Mention]:
    """An intercommunality named by its official name holding its body word ("Amiens
    Métropole finance…"): the body, an organisation, over the same words as the place."""
    gaz = doc.gazetteers
    if gaz is None:
        return []
    return [
        replace(m, kind="organisation", method="rule", confidence=0.85, rule="epci-body")
        for m in doc.found
        if m.kind == "territory"
        and _EPCI_BODY_WORD.search(m.text)
        and "epci" in gaz.kinds_of(m.text)
    ]


_ANAPHORA = re.compile(
    r"\b(?:[Ll]a |[Ll]e |[Ll]['’]|[Dd]u |[Aa]u |[Dd]e la |[Dd]e l['’])"
    r"(?P<head>Région|Département|Ville|Agglo|agglo|Métropole)(?![\w-])"
    r"(?! (?:de |du |d['’]|des )?[A-ZÀ-Ý])"
)
_POLICY = re.compile(r"[Pp]olitique $")
# the heads of an intercommunal body's name: "l'Agglo", "l'agglo" stand for it
_INTERCOMMUNAL = ("communaute d agglomeration", "communaute urbaine", "agglo ", "agglomeration ")


def anaphora_mentions(doc: Document) -> list[Mention]:
    """ "la Région", "le Département"…: the document's body of that head, when it names one."""
    if doc.gazetteers is None:
        return []
    text = doc.text
    qualified: dict[str, str] = {}
    for found in sorted(doc.found):
        if found.kind == "organisation" and " " in found.text.strip():
            key = place_key(found.text)
            head = key.split()[0]
            if head in ("region", "departement", "ville", "metropole"):
                qualified.setdefault(head, found.text)
            if key.startswith(_INTERCOMMUNAL) or head == "metropole":
                qualified.setdefault("agglo", found.text)
            # "Conseil départemental de la Somme", not "Conseil départemental de l'ESS"
            if _council_of(key, "conseil regional", doc.gazetteers.regions):
                qualified.setdefault("region", found.text)
            if _council_of(key, "conseil departemental", doc.gazetteers.departements):
                qualified.setdefault("departement", found.text)
    dep = document_departement(doc)
    # the région named, else the one of the département the text is about (its communes)
    region = document_region(text, doc.gazetteers) or next(
        (r for r, parts in doc.gazetteers.region_parts if dep in parts), None
    )
    if "region" not in qualified and region:
        qualified["region"] = f"Région {region}"
    if "departement" not in qualified and dep:
        qualified["departement"] = f"Département {_of(text, dep, doc.gazetteers)}"
    if "ville" not in qualified and (town := document_commune(doc)):
        qualified["ville"] = f"Ville {_of_commune(town)}"
    out = []
    for m in _ANAPHORA.finditer(text):
        head = place_key(m.group("head"))
        name = qualified.get(head)
        if name is None:
            continue  # a bare "la Région" with no body of that head named in the document
        if _POLICY.search(text, max(0, m.start() - 12), m.start()):
            continue  # "la politique de la Ville": the urban policy, not a town hall
        mention = make_mention(
            text, m.start("head"), m.end("head"), "organisation", "anaphora", confidence=0.75
        )
        if mention is not None:
            out.append(replace(mention, text=name))
    return out


def document_commune(doc: Document) -> str | None:
    """The commune a document names most, at least twice and more than any other."""
    found = Counter(m.text for m in [*doc.found, *commune_mentions(doc)] if m.kind == "territory")
    gaz = doc.gazetteers
    ranked = [
        (n, name)
        for name, n in found.most_common()
        if gaz is not None
        and place_key(name) in gaz.communes
        # "Bretagne" is a commune too, but a text naming it means the région
        and place_key(name) not in gaz.regions
        and place_key(name) not in gaz.departements
    ]
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def _of_commune(name: str) -> str:
    """ "de Lens", "d’Amiens", "du Portel", "des Mureaux", "de La Madeleine"."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    return f"d’{name}" if fold(name[:1]).lower() in "aeiouyh" else f"de {name}"


def _council_of(key: str, head: str, territories: frozenset[str]) -> bool:
    """Whether the place key ``key`` is ``head`` followed by one of ``territories``."""
    if not key.startswith(head + " "):
        return False
    rest = re.sub(r"^(?:de la |de l |du |des |de |d )", "", key[len(head) + 1 :])
    return rest in territories


def document_departement(doc: Document) -> str | None:
    """The département a document is about: the one it names most, by its name or by the
    communes it names (a commune's name shared by several départements counts for none);
    None when none leads."""
    gaz = doc.gazetteers
    if gaz is None:
        return None
    text = doc.text
    counts: dict[str, int] = {}
    named = _named(text, gaz)
    for _region, departements in gaz.region_parts:
        for name in departements:
            n = named[name]
            if n:
                counts[name] = counts.get(name, 0) + n
    places = [m for m in doc.found if m.kind == "territory"] + commune_mentions(doc)
    for m in {(m.start, m.text) for m in places}:
        holders = gaz.departements_of.get(place_key(m[1]), ())
        if len(holders) == 1:
            counts[holders[0]] = counts.get(holders[0], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


# the preposition and article before a département's name ("de la Somme", "du Nord")
_OF_PREPS = ("du", "des", "de la", "de l'", "de l’")


def _of(text: str, name: str, gaz: Gazetteers) -> str:
    """ "de la Somme", "du Nord", "de l'Aisne": as the document writes it, else by the
    name's first letter."""
    for place in gaz.place_matcher.matches(text):
        surface = text[place.start : place.end]
        if surface.lower() != name.lower() or (place.end < len(text) and _joins(text[place.end])):
            continue
        preps = [
            (p, i, prep)
            for i, prep in enumerate(_OF_PREPS)
            for gap in (" ", "")
            if (p := place.start - len(gap) - len(prep)) >= 0
            and text[p : place.start].lower() == prep + gap
            and (p == 0 or not is_word(text[p - 1]))
        ]
        if preps:
            prep = min(preps)[2]
            return f"{prep}{name}" if prep.endswith(("'", "’")) else f"{prep} {name}"
    return f"de l’{name}" if fold(name[:1]).lower() in "aeiouyh" else name


def _named(text: str, gaz: Gazetteers) -> Counter[str]:
    """How many times ``text`` writes each place name of the gazetteers as the data writes
    it, as a whole word (not glued to another by a hyphen): the spans of the place matcher
    (span group ``places``) read as written."""
    found: Counter[str] = Counter()
    for m in gaz.place_matcher.matches(text):
        if (m.start == 0 or not _joins(text[m.start - 1])) and (
            m.end >= len(text) or not _joins(text[m.end])
        ):
            surface = text[m.start : m.end]
            if any(e.name == surface for e in m.entries):
                found[surface] += 1
    return found


def _joins(c: str) -> bool:
    return is_word(c) or c == "-"


def document_region(text: str, gaz: Gazetteers) -> str | None:
    """The région a document is about: the one it names most (by its name or by its
    départements' names), when one leads; None when it names none or two as often."""
    counts: list[tuple[int, str]] = []
    named = _named(text, gaz)
    for region, departements in gaz.region_parts:
        n = sum(named[name] for name in (region, *departements))
        if n:
            counts.append((n, region))
    counts.sort(reverse=True)
    if not counts or (len(counts) > 1 and counts[0][0] == counts[1][0]):
        return None
    return counts[0][1]


_COMMUNE_AFTER = re.compile(
    rf"(?<![\w])(?:à|de|d['’]|au|sur|vers|en|(?:(?<=^)|(?<=\n)|(?<=\. ))(?:[ÀA]|De|D['’]))"
    rf" ?(?P<name>{CAPSEQ})"
)


# "au Portel", "du Havre", "aux Mureaux": a preposition fused with the article of the name
_COMMUNE_FUSED = re.compile(rf"(?<![\w'’])(?P<prep>[Aa]ux?|[Dd]u|[Dd]es) (?P<name>{CAPSEQ})")
# a street word right before the preposition: "rue des Lilas", "avenue de Lens"
_STREET = re.compile(
    r"(?i:\b(?:rue|avenue|av\.|boulevard|bd|place|allée|impasse|quai|square|chemin|cours"
    r"|route|résidence|sentier|passage))\s+$"
)
_FUSED_ARTICLE = {"au": "Le", "du": "Le", "aux": "Les", "des": "Les"}


def commune_mentions(doc: Document) -> list[Mention]:
    """Communes of France named after a preposition ("à Guise", and "au Portel" for the
    commune Le Portel)."""
    gaz = doc.gazetteers
    if gaz is None:
        return []
    text = doc.text
    out = []
    lower: frozenset[str] | None = None
    for m in _COMMUNE_FUSED.finditer(text):
        if _STREET.search(text, max(0, m.start() - 20), m.start()):
            continue  # "rue des Lilas": a street, not the commune Les Lilas
        lower = lower if lower is not None else lower_case_words(text)
        if m.group("name").split(" ")[0].lower() in lower:
            continue  # "au Plan local…": a common noun the document also writes in lower case
        article = _FUSED_ARTICLE[m.group("prep").lower()]
        part = _territory_prefix(gaz, "commune", f"{article} {m.group('name')}")
        if part is None:
            continue
        s = m.start("name")
        mention = make_mention(
            text, s, s + len(part) - len(article) - 1, "territory", "commune", confidence=0.85
        )
        if mention is not None:
            out.append(replace(mention, text=part))
    for m in _COMMUNE_AFTER.finditer(text):
        if _STREET.search(text, max(0, m.start() - 20), m.start()):
            continue  # "avenue de Lens": a street
        part = _territory_at(gaz, "commune", text, m.start("name"), m.group("name"))
        if part is None or len(part) < 3 or place_key(part) in _STOP_HEADS:
            continue
        s = m.start("name")
        mention = make_mention(text, s, s + len(part), "territory", "commune", confidence=0.85)
        if mention is not None:
            out.append(mention)
    return out


def model_places(doc: Document) -> list[Mention]:
    """Places the model tags ``LOC`` whose name (without its article) is a commune, a
    département or a région of France ("Ils travaillent avec Lens et la Somme")."""
    gaz = doc.gazetteers
    if gaz is None:
        return []
    text = doc.text
    out = []
    for start, end, label in doc.entities:
        if label != "LOC":
            continue
        lead = _LEADING_ARTICLE.match(text, start, end)
        for s in (start, lead.end()) if lead else (start,):
            key = place_key(text[s:end])
            if names_territory(gaz, text, s, end) and (
                key in gaz.communes or key in gaz.departements or key in gaz.regions
            ):
                break
        else:
            continue
        if not text[s : s + 1].isupper() or "\n" in text[s:end]:
            continue
        if " " not in text[s:end] and (
            key in _STOP_HEADS
            or text[s:end].lower() in lower_case_words(text)
            or (key in gaz.communes and key not in gaz.towns and "-" not in text[s:end])
        ):
            continue  # "la Ville", "Maisons": a common noun, or a village's bare name
        mention = make_mention(text, s, end, "territory", "model-place", confidence=0.8)
        if mention is not None:
            out.append(mention)
    return out


_LEADING_ARTICLE = re.compile(
    r"(?:[Dd]e la |[Dd]e l['’]|[Ll]a |[Ll]e |[Ll]['’]|[Dd]u |[Dd]es |[Ll]es )"
)
_CONNECTORS = frozenset("de du des la le les l d et en pour sur à au aux".split())


def looks_like_name(text: str) -> bool:
    """At most six words, every one capitalised, a digit or a connector.

    >>> looks_like_name("Ferme des Hauts de Lorette")
    True
    >>> looks_like_name("ADELI rassemble plusieurs structures")
    False
    """
    words = re.split(r"[\s'’]+", text.strip())
    return 0 < len(words) <= 6 and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words if w
    )


# after a ``before`` word: spaces, maybe an opening quote
_CUE_TAIL = re.compile(r"\s*[«“\"]?\s*")


def typed_model_mentions(doc: Document) -> Iterator[Mention]:
    """Organisations the model finds (ORG, MISC) right after a typing or cue word."""
    text = doc.text
    gaz = doc.gazetteers
    for start, end, label in doc.entities:
        if label not in ("ORG", "MISC") or "\n" in text[start:end].strip():
            continue
        if not ends_on_cue(text, max(0, start - 40), start, _CUE_TAIL):
            continue
        surface = text[start:end]
        if gaz is not None and gaz.is_territory(surface):
            continue
        mention = make_mention(text, start, end, "organisation", "typed-model", confidence=0.7)
        if (
            mention is not None
            and mention.text[:1].isupper()
            and (
                looks_like_name(mention.text)
                or len(mention.text.split()) <= 3
                or has_lowercase_tail(mention.text)
            )
        ):
            yield mention


# words that end a name's lower-case tail: a clause or an adverb starts
_CLAUSE_WORDS = frozenset(
    "qui que qu dont est sont a ont se s ne n pas plus très aussi depuis avec par dans"
    " ce cette ces il elle ils elles on nous vous".split()
)


def has_lowercase_tail(name: str) -> bool:
    """A name of at most six words that opens with capitalised words and goes on in lower
    case, as association names do ("Les Petites mains solidaires", "Les Amis de la terre"):
    no clause word, no punctuation but apostrophes, hyphens and inclusive dots, and it ends
    on a word, not a connector.

    >>> has_lowercase_tail("Les Petites mains solidaires")
    True
    >>> has_lowercase_tail("Les Petites qui chantent")
    False
    >>> has_lowercase_tail("Vélocité propose des")
    False
    """
    words = re.split(r"[\s'’]+", name.strip())
    if not 2 <= len(words) <= 6 or re.search(r"[,;:!?()«»\"]|\.(?![a-z])", name):
        return False
    lower = [w for w in words[1:] if w[:1].islower()]
    return (
        bool(lower)
        and words[-1].lower() not in _CONNECTORS
        and not any(w in _CLAUSE_WORDS for w in lower)
    )


_FUNCTION_WORDS = (
    r"(?:de|du|des|d|à|au|aux|en|pour|sur|par|avec|dans|et|ou|qui|que|dont|est|sont|a|ont"
    r"|le|la|les|l|un|une|son|sa|ses|leur|leurs|ce|cet|cette|type|comme|genre|basée?s?|située?s?|installée?s?"
    r"|implantée?s?|créée?s?|fondée?s?|née?s?|présidée?s?|dirigée?s?|gérée?s?|portée?s?)"
)


# up to two lower-case adjectives between the typing word and the name ("l'épicerie
# itinérante Le Panier", "le collectif citoyen Les Voisins"), never a function word
_ADJECTIVES_NAME = re.compile(
    rf" (?:(?:d['’])?(?!{_FUNCTION_WORDS}\b)[a-zà-ÿ][a-zà-ÿ-]+ ){{0,2}}[«“\"]?\s?(?P<name>{CAPSEQ})"
)


def capitalised_after_cue(doc: Document) -> Iterator[Mention]:
    """A capitalised name right after an organisation cue ("l'association Les Amis du Parc",
    "la recyclerie Deuxième Vie")."""
    text = doc.text
    gaz = doc.gazetteers
    for _, m in typed(text, _ADJECTIVES_NAME):
        name = m.group("name")
        if (gaz is not None and gaz.is_territory(name)) or name in NON_ORG_ACRONYMS:
            continue  # a place; a concept ("un réseau d'entreprises RSE")
        if " " in name and name.isupper():
            continue  # words of an upper-case heading ("… PEUT PASSER PAR UNE SCOP")
        start, end = _cut_at_and(m.start("name"), name)
        mention = make_mention(text, start, end, "organisation", "typed-name", confidence=0.8)
        if mention is not None and mention.text[:1].isupper():
            yield mention


_AND = re.compile(r" et (?:la |le |les |l['’]|d['’]|de )?(?=[A-ZÀ-Ý])")


def _cut_at_and(start: int, name: str) -> tuple[int, int]:
    """(start, end) of a name up to an "et" that joins a second name."""
    m = _AND.search(name)
    return start, start + (m.start() if m else len(name))


# the rest of a capitalised sequence after its first word
_JOINED_WORDS = re.compile(JOINED)
# an article (not opening a sentence), then one capitalised word right before a typing head
_WORD_BEFORE_HEAD = re.compile(
    r"(?<=[a-zà-ÿ,] )(?:le |la |les |du |au |aux |des |l['’])(?P<word>[A-ZÀ-Ý][a-zà-ÿ]+) $"
)


def typed_heads(doc: Document) -> Iterator[Mention]:
    """A name that opens on a capitalised typing word and goes on with capitalised words
    ("Ferme des Hauts du Val", "Brasserie du Moulin Neuf")."""
    text = doc.text
    for head_start, head_end in typing_heads_at(text):
        joined = _JOINED_WORDS.match(text, head_end)
        name_end = joined.end() if joined is not None else head_end
        # a capitalised word before the head after an article belongs to the name ("le
        # Repair Café de X", "la Petite Ferme du Val")
        before = _WORD_BEFORE_HEAD.search(text, max(0, head_start - 30), head_start)
        if before is not None:
            head_start = before.start("word")
        start, end = _cut_at_and(head_start, text[head_start:name_end])
        mention = make_mention(text, start, end, "organisation", "typed-head", confidence=0.8)
        if mention is not None and len(mention.text.split()) >= 2 and looks_like_name(mention.text):
            yield mention


_QUOTED = re.compile(r"[«“\"]\s?(?P<name>[^«»“”\"\n]{2,50}?)\s?[»”\"]")


# up to three lower-case words after a typing word, then an opening quote
_WORDS_QUOTE = re.compile(r"(?:\s+[a-zà-ÿ’'-]+){0,3}\s+(?=[«“\"])")


def quoted_after_typing(doc: Document) -> Iterator[Mention]:
    """A quoted name after a typing word, a few words apart ("l'épicerie solidaire
    « Le Panier » d'Abbeville")."""
    text = doc.text
    for _, m in typed(text, _WORDS_QUOTE):
        q = _QUOTED.match(text, m.end())
        if q is None or len(q.group("name").split()) > 6:
            continue
        mention = make_mention(
            text, q.start("name"), q.end("name"), "organisation", "typed-quoted", confidence=0.8
        )
        if mention is not None:
            yield mention


_PLURAL_LEAD = re.compile(
    r"\s*(?:les|des|ses|leurs|nos|\d+|[a-zà-ÿ]+)(?:\s+[a-zà-ÿ\d-]+){0,2}?"
    r"\s+(?P<noun>[a-zà-ÿ-]+[sx])\s+(?=[A-ZÀ-Ý])"
)
# plural nouns after which the items are organisations, whatever the model says of them
_ORG_PLURALS = frozenset(
    "associations structures coopératives entreprises ressourceries recycleries épiceries "
    "chantiers collectifs réseaux fédérations fondations scop scic sociétés lauréats lauréates "
    "partenaires".split()
)
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\bet\b|\bou encore\b|\bou\b|\bainsi que\b|/)\s*")


def listed_after_cue(doc: Document) -> Iterator[Mention]:
    """Items of a list after a collective cue, each shaped like a name ("X fédère des
    associations telles qu'A, B ou encore C")."""
    text = doc.text
    gaz = doc.gazetteers
    for cue_start, cue_end in list_cues_at(text):
        end = min(
            (i for i in (text.find(".", cue_end), text.find("\n", cue_end)) if i >= 0),
            default=len(text),
        )
        colon = text.find(":", cue_end, min(end, cue_end + 60))
        pos = colon + 1 if colon >= 0 else cue_end
        # "regroupe les trois associations A, B et C": the plural noun before the first item
        # a cue naming a kind of organisation ("associations :", "lauréats :")
        typed_list = any(w in _ORG_PLURALS for w in text[cue_start:cue_end].lower().split())
        if (lead := _PLURAL_LEAD.match(text, pos, end)) is not None:
            pos = lead.end()
            typed_list = typed_list or lead.group("noun") in _ORG_PLURALS
        for part in (x.strip() for x in _ITEM_SPLIT.split(text[pos:end])):
            start = text.find(part, pos) if part else -1
            if start < 0:
                continue
            pos = start + len(part)
            head = re.match(r"(?:la |le |les |l['’])?(?P<name>[^\s,].*?)(?:,.*)?$", part)
            if head is None:
                continue
            name = head.group("name").strip()
            s = start + head.start("name")
            words = name.split()
            if not (1 <= len(words) <= 5 and name[:1].isupper() and looks_like_name(name)):
                continue
            if gaz is not None and gaz.is_territory(name):
                continue
            if (
                not typed_list
                and is_person_name(name)
                and any(
                    label == "PER" and a <= s and s + len(name) <= b for a, b, label in doc.entities
                )
            ):
                continue  # a person the model recognises, in a list of people
            mention = make_mention(
                text,
                s,
                without_commune(doc, s, s + len(name)),
                "organisation",
                "listed",
                confidence=0.75,
            )
            if mention is not None:
                yield mention
