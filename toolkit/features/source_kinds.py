"""Source kinds: what sort of source an attribution cites, from its words alone.

``source_kind(words, tags)`` sorts a source span into one of :data:`SOURCE_KINDS`
with word lists, independently of the cue (so "residents said" and "according to
residents" agree):

``media``
    a media word (state media, news agency, TV, Reuters, Interfax, newspaper names);
``anonymous``
    "sources", or an official/diplomat/aide/spokesman introduced by an indefinite
    or quantifier ("a senior official", "two officials", "officials who declined to
    be named") with no proper name;
``official``
    a title word as head, or a title with a name ("Foreign Minister Sergei Lavrov");
``institution``
    ministry, government, army, agency, party, UN ..., or a capital or country
    named for its government (metonymy: "Damascus denied", "Moscow says");
``collective``
    plural groups of people (residents, witnesses, rebels, medics) and
    coordinations ("medics, NGOs and the United Nations");
``person``
    a proper name, or "he"/"she";
``other``
    documents and data ("the report shows", "a poll found").

The word lists are data, ``toolkit/lexicons/source_kind_words.csv`` (one
``word,list`` pair per row; lists in :data:`WORD_LISTS`), tuned for international
and US political news: extend or replace them per study and pass the file as
``source_kinds=`` to the attribution extractor. References: anonymous-source
conventions follow the AP Stylebook's "anonymous sources" entry; metonymic capitals
follow Markert & Nissim (2007), SemEval metonymy resolution.

>>> source_kind(["A", "senior", "Turkish", "security", "official"],
...             ["DT", "JJ", "JJ", "NN", "NN"])
'anonymous'
>>> source_kind(["State", "media"], ["NNP", "NNS"]), source_kind(["Damascus"], ["NNP"])
('media', 'institution')
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from ..lexicons import Lexicon, cached_lexicon, derived
from ._attribution_grammar import _PRONOUNS

SOURCE_KINDS = ("person", "official", "institution", "anonymous", "collective", "media",
                "other")
#: The lists of ``toolkit/lexicons/source_kind_words.csv`` (column ``list``).
WORD_LISTS = ("media", "anonymous_head", "anonymous_person", "unnamed_person", "title",
              "institution", "metonym", "collective", "document")


@dataclass(frozen=True)
class _Words:
    media: frozenset
    anonymous_head: frozenset
    anonymous_person: frozenset
    unnamed_person: frozenset
    title: frozenset
    institution: frozenset
    metonym: frozenset
    collective: frozenset
    document: frozenset


def _build_words(lex: Lexicon) -> _Words:
    """The word lists of a ``word,list`` lexicon; an unknown list names the line."""
    lists: dict[str, set] = {k: set() for k in WORD_LISTS}
    for i, r in enumerate(lex.rows):
        if r["list"] not in lists:
            raise CorpusError(f"list {r['list']!r} is not one of {', '.join(WORD_LISTS)}",
                              path=lex.path, line=lex.line(i), field="list")
        lists[r["list"]].add(r["word"].lower())
    return _Words(**{k: frozenset(v) for k, v in lists.items()})


def word_lists(lexicon: Lexicon | str | Path | None = None) -> _Words:
    """The source-kind word lists: the packaged ``source_kind_words.csv``, or a
    study's own file (path or loaded :class:`~toolkit.lexicons.Lexicon`)."""
    if not isinstance(lexicon, Lexicon):
        lexicon = cached_lexicon("source_kind_words", lexicon)
    return derived(_build_words, lexicon)


#: Determiners and quantifiers that leave a person unnamed ("a senior official").
_INDEFINITE = frozenset({"a", "an", "one", "two", "three", "several", "some", "other",
                         "another", "senior", "western", "u.s."})
_PERSON_SINGULAR = frozenset({"he", "she", "him", "her", "i", "me"})
_PLURAL_PRON = frozenset({"they", "them", "we", "us"})


def source_kind(words: list[str], tags: list[str], lexicon=None) -> str:
    """The kind of a source from its words and Penn tags (see the module docstring).

    ``lexicon`` replaces the packaged word lists (``source_kind_words.csv``) with a
    study's own file.
    """
    W = word_lists(lexicon)
    low = [w.lower() for w in words]
    if not low:
        return "other"
    if len(low) == 1 and low[0] in _PRONOUNS:
        return "person" if low[0] in _PERSON_SINGULAR else "collective" \
            if low[0] in _PLURAL_PRON else "institution"
    content_words = [w for w, t in zip(low, tags) if t[:1] in ("N", "J", "C")]
    cw = set(content_words)
    # the head is the last noun of the first conjunct before a PP
    head = low[-1]
    for k, w in enumerate(low):
        if w in ("of", "for", "and", "or", ",", "who", "from", "at", "in", "on", "with",
                 "near", "inside") or (w in ("close", "familiar", "loyal", "linked") and k):
            head = low[k - 1] if k else w
            break
    else:
        nouns = [w for w, t in zip(low, tags) if t.startswith("NN")]
        head = nouns[-1] if nouns else head
    if head in W.anonymous_head or (head in W.anonymous_person | W.unnamed_person and
                                    low[0] in _INDEFINITE):
        return "anonymous"
    # a possessor makes the person specific: "Iran's foreign minister", "the
    # group's spokesman" are officials, not anonymous sources
    named = any(t in ("NNP", "NNPS") and w not in W.title
                for w, t in zip(low, tags) if w not in W.metonym)
    if head in W.anonymous_person and not named and low[0] != "the" and \
            "POS" not in tags and not (tags and tags[0] == "PRP$"):
        return "anonymous"
    if head in W.unnamed_person or head.endswith("-old"):
        return "person"   # "the 30-year-old mother", "the 46-year-old"
    if cw & W.media and not (cw & {"network"} and "rights" in cw):
        return "media"
    if head in W.title:
        return "official"
    if head in W.institution or head in W.metonym:
        return "institution"    # "President Assad's government": the head decides
    if cw & W.title and any(t == "NNP" for t in tags):
        return "official"
    if cw & {"ministry", "government", "army", "kremlin"}:
        return "institution"
    if head in W.document:
        return "other"
    if head in W.collective or (tags and tags[low.index(head)] == "NNS"
                               if head in low else False) or "and" in low:
        return "collective"
    # a name; the tagger often reads a sentence-initial one as a common noun
    # ("Putin/NN at a rally said"), so a capitalised singular noun counts too
    if any(t in ("NNP", "NNPS") or (t == "NN" and w[:1].isupper())
           for w, t in zip(words, tags)):
        return "person"
    return "other"
