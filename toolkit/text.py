"""The NLTK text pipeline: paragraphs -> sentences -> tokens -> POS tags, with offsets.

Every offset is a Python string index into the text *as stored* (the article's
``text`` field, or a ``.txt`` file as decoded). Nothing is normalised before
offsets are computed: curly quotes, NBSP, CRLF stay as they are, and a token's
text is always ``doc.text[tok.start:tok.end]``.

Stages
------
1. **Paragraphs**: blank-line separated blocks; a text with no blank line is split
   on single newlines instead (one paragraph per line, as in many scraped files).
2. **Sentences**: NLTK's Punkt model (``punkt_tab``, Kiss & Strunk 2006) with
   news abbreviations added ("Gen.", "U.N.", "Mr.", "Sept." ...), run per
   paragraph, so a sentence never crosses a paragraph break. Breaks Punkt makes
   inside a sentence are undone (:func:`split_sentences`): before a lowercase
   word after an initialism, a "!"/"?" or an ellipsis, and after a title or a
   middle initial.
3. **Tokens**: a regular-expression tokenizer that follows Penn Treebank
   conventions (clitics ``'s``/``n't`` split off, punctuation separate) but keeps
   offsets by construction and keeps "U.N.", "al-Rahma", "400,000" and the
   two-apostrophe quotation mark ``''`` of New York Times text whole.
4. **POS tags**: NLTK's averaged perceptron tagger (Penn tagset). Quotation marks
   are shown to the tagger as PTB's ````/''`` on a normalised *view*; offsets
   still index the original.
5. **Quotations**: :func:`find_quotes` pairs straight and curly quotation marks,
   including the news convention for quotes running over several paragraphs
   (no closing mark at a paragraph end, an opening mark at the next start).

Processed documents are cached on disk (see :class:`DocCache`), keyed by the
text's SHA-256 and the pipeline version, so re-running a notebook does not
re-tag an unchanged corpus.

Example
-------
>>> doc = process("Gen. Smith said the U.N. team left. \\u201cIt was over,\\u201d he said.", doc_id="d1")
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['Gen. Smith said the U.N. team left.', '\\u201cIt was over,\\u201d he said.']
>>> [doc.token_text(t) for t in doc.sentences[0].tokens][:5]
['Gen.', 'Smith', 'said', 'the', 'U.N.']
>>> doc.quotes[0].text(doc.text)
'\\u201cIt was over,\\u201d'
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import ResourceMissing

#: Part of every processed-document cache key; raised when processing output changes
#: (3: a left curly quote in closing position closes the open quotation; 4: no sentence
#: break before a lowercase word after an initialism, a quoted "!"/"?" or an ellipsis,
#: none after a title or a middle initial, Unicode spaces are gaps for Punkt, a right
#: curly quote that starts a paragraph opens a quotation, and two apostrophes used as a
#: double quotation mark are one token, tagged as a PTB quote).
PIPELINE_VERSION = "4"

Span = tuple[int, int]

#: NLTK resources the pipeline needs: (nltk.data path, download id).
REQUIRED_RESOURCES: tuple[tuple[str, str], ...] = (
    ("tokenizers/punkt_tab/english/", "punkt_tab"),
    ("taggers/averaged_perceptron_tagger_eng/", "averaged_perceptron_tagger_eng"),
    ("corpora/wordnet.zip/wordnet/", "wordnet"),
)

#: Titles that stand before a name, so never end a sentence (lower case, no final dot).
TITLE_ABBREVIATIONS = frozenset("""
mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov govs sen sens rep reps
rev pres hon supt
""".split())

#: Abbreviations Punkt must not treat as sentence ends (lower case, no final dot).
NEWS_ABBREVIATIONS = TITLE_ABBREVIATIONS | frozenset("""
st jr sr inc corp co ltd bros no nos vs v etc al approx dept est fig
jan feb mar apr jun jul aug sep sept oct nov dec
u.n u.s u.k u.s.a e.u d.c n.y l.a a.m p.m i.e e.g
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
mont neb nev okla ore pa tenn tex va vt wash wis wyo
""".split())

_CLITICS = r"(?:s|re|ve|ll|d|m)"
_TOKEN_RE = re.compile(
    rf"""
    (?P<url>https?://[^\s"\u201c\u201d<>]*[^\s"\u201c\u201d<>.,;:!?)\]'\u2019])
  | (?P<abbr>(?:[A-Za-z]\.){{2,}}(?![A-Za-z]))
  | (?P<dquote>''(?!')|``)
  | (?P<neg>\w+(?=[nN]['\u2019][tT]\b))
  | (?P<nt>[nN]['\u2019][tT]\b)
  | (?P<clitic>['\u2019]{_CLITICS}\b)
  | (?P<hyph>\w+(?:-\w+)+)
  | (?P<num>\d+(?:[.,:]\d+)*(?!\w))
  | (?P<word>\w+(?:['\u2019](?!{_CLITICS}\b|t\b)\w+)*)
  | (?P<ellipsis>\.\.\.|--)
  | (?P<punct>[^\w\s])
    """,
    re.VERBOSE | re.IGNORECASE,
)

_OPEN_QUOTES = "\u201c\u201e\u00ab"
_CLOSE_QUOTES = "\u201d\u00bb"
_QUOTE_CHARS = '"' + _OPEN_QUOTES + _CLOSE_QUOTES
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: half-open character span and Penn Treebank tag."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its index in the segment, paragraph index, span and tokens."""

    index: int
    paragraph: int
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: span including its marks; ``balanced`` False if never closed."""

    start: int
    end: int
    balanced: bool = True

    def text(self, text: str) -> str:
        return text[self.start:self.end]

    @property
    def inner(self) -> Span:
        """The quoted material without the quotation marks."""
        return (self.start + 1, self.end - 1 if self.balanced else self.end)


@dataclass(frozen=True)
class ProcessedDoc:
    """A document after the text pipeline: text plus structure, no metadata.

    ``text`` is the exact string that every offset indexes. The headline, when
    given, is a second segment (``title``, ``title_sentences``) whose offsets
    index ``title``; extractor rows from it carry ``segment="title"``.
    """

    doc_id: str
    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...] = ()
    title: str = ""
    title_sentences: tuple[Sentence, ...] = ()

    def token_text(self, tok: Token, segment: str = "body") -> str:
        src = self.title if segment == "title" else self.text
        return src[tok.start:tok.end]

    def sentence_text(self, sent: Sentence, segment: str = "body") -> str:
        src = self.title if segment == "title" else self.text
        return src[sent.start:sent.end]

    def words(self, sent: Sentence, segment: str = "body") -> list[str]:
        src = self.title if segment == "title" else self.text
        return [src[t.start:t.end] for t in sent.tokens]

    def segments(self) -> Iterator[tuple[str, str, tuple[Sentence, ...]]]:
        """Yield ``(segment, text, sentences)`` for the title (if any) and the body."""
        if self.title:
            yield "title", self.title, self.title_sentences
        yield "body", self.text, self.sentences

    @property
    def n_tokens(self) -> int:
        return sum(len(s.tokens) for s in self.sentences)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The body sentence containing character ``offset`` (or None)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


# --------------------------------------------------------------------------- resources


def require_nltk_data() -> None:
    """Raise one clear :class:`ResourceMissing` if the pipeline's NLTK data is absent."""
    import nltk

    missing = []
    for path, name in REQUIRED_RESOURCES:
        try:
            nltk.data.find(path)
        except LookupError:
            missing.append(name)
    if missing:
        where = os.environ.get("NLTK_DATA", "(NLTK_DATA not set)")
        raise ResourceMissing(
            ", ".join(missing),
            f"Run `mbt setup` (downloads with nltk.download), or point NLTK_DATA at a "
            f"folder that has them (NLTK_DATA={where}).",
        )


def resource_status() -> dict[str, bool]:
    """Which required NLTK resources are present, by download id."""
    import nltk

    status = {}
    for path, name in REQUIRED_RESOURCES:
        try:
            nltk.data.find(path)
            status[name] = True
        except LookupError:
            status[name] = False
    return status


@lru_cache(maxsize=1)
def _sentence_splitter():
    require_nltk_data()
    from nltk.tokenize.punkt import PunktTokenizer

    splitter = PunktTokenizer("english")
    splitter._params.abbrev_types.update(NEWS_ABBREVIATIONS)
    return splitter


@lru_cache(maxsize=1)
def _tagger():
    require_nltk_data()
    from nltk.tag.perceptron import PerceptronTagger

    from .fasttag import FastPerceptronTagger  # same tags as NLTK's, ~2x faster

    return FastPerceptronTagger(PerceptronTagger())


@lru_cache(maxsize=1)
def _wordnet_lemmatizer():
    from nltk.stem import WordNetLemmatizer

    lem = WordNetLemmatizer()
    lem.lemmatize("warmup")
    return lem


@lru_cache(maxsize=65536)
def lemmatize(word: str, tag: str = "") -> str:
    """Lemma of ``word`` given its Penn ``tag`` (WordNet morphy; lower-cased).

    >>> lemmatize("Claimed", "VBD"), lemmatize("casualties", "NNS"), lemmatize("told", "VBD")
    ('claim', 'casualty', 'tell')
    """
    w = word.lower().replace("\u2019", "'")
    pos = "v" if tag.startswith("V") else "a" if tag.startswith("J") else "n"
    if tag.startswith("R"):
        pos = "r"
    try:
        return _wordnet_lemmatizer().lemmatize(w, pos)
    except LookupError:
        return w


# --------------------------------------------------------------------------- stages


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans (whitespace-trimmed) of ``text``.

    >>> split_paragraphs("One.\\n\\nTwo.\\n")
    [(0, 4), (6, 10)]
    """
    sep = r"\n[ \t\r\f\v\u00a0]*\n" if re.search(r"\n[ \t\r\f\v\u00a0]*\n", text) else r"\n"
    spans, pos = [], 0
    for m in re.finditer(sep, text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


#: A sentence end that a lowercase word after it shows to be no end: an initialism
#: Punkt's abbreviation list lacks ("the S.E.C.", "A.F.L.-C.I.O."), "!"/"?" closing a
#: quotation or aside inside the sentence ('"You winning?" asked Mr. Manafort'), or an
#: ellipsis marking an omission ("Boeing and GE . . . pay zero taxes").
_NO_END_BEFORE_LOWER = re.compile(
    r"(?:(?<![\w.])[A-Za-z]\.(?:-?[A-Za-z]\.)+|[!?]|\.\s?\.\s?\.|\u2026)"
    r"[\"'\u201d\u2019)\]]*$")

#: A sentence "end" that is a title before a name: Punkt breaks "Mr. || Hedge said" when
#: the name is also a common word, whose capital then looks like a sentence start.
_TITLE_END = re.compile(r"(?<![\w.])(?:%s)\.$" % "|".join(sorted(TITLE_ABBREVIATIONS)),
                        re.IGNORECASE)
#: A middle initial after a first name or another initial ("George W. || Bush"); not the
#: letters that end names as Roman numerals ("World War I.", "Malcolm X.").
_INITIAL_END = re.compile(
    r"(?<![\w.])(?:[A-Z][\w'\u2019-]*|[A-Z]\.)[ \u00a0]+[A-HJ-UWYZ]\.$")

#: Unicode spaces, shown to Punkt as plain ones (one character each, so offsets hold).
_SPACES_AS_ASCII = {ord(c): " " for c in "\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u3000"}


def _name_continues(text: str, prev: Span, nxt: int) -> bool:
    """True when the sentence ``prev`` ends inside a name that goes on at ``nxt``."""
    return bool(_TITLE_END.search(text, prev[0], prev[1]) or (
        text[nxt:nxt + 1].isupper() and _INITIAL_END.search(text, prev[0], prev[1])))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans inside ``text[start:end]`` (absolute offsets), via Punkt.

    Punkt (Kiss & Strunk 2006) decides a period by the statistics of its token
    type, so an initialism it has not seen ends a sentence, and it ends one at
    every "!" or "?". Where the next "sentence" starts with a lowercase word,
    the break is undone for those cases and after an ellipsis (the orthographic
    evidence Punkt itself uses for known abbreviations). The dots of a spaced
    ellipsis (". . .") are never sentences of their own, and a title
    (:data:`TITLE_ABBREVIATIONS`) or a middle initial never ends one:

    >>> t = 'The S.E.C. said so. "You winning?" asked Mr. Manafort. It ended.'
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['The S.E.C. said so.', '"You winning?" asked Mr. Manafort.', 'It ended.']
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    out: list[Span] = []
    # Punkt is shown Unicode spaces as plain ones (it missed the break in
    # "the Oval Office.\u00a0Sen. John Cornyn")
    for s, e in _sentence_splitter().span_tokenize(chunk.translate(_SPACES_AS_ASCII)):
        if out and (not chunk[s:e].strip(". ") or chunk[s:s + 1].islower() and
                    _NO_END_BEFORE_LOWER.search(text, out[-1][0], out[-1][1]) or
                    _name_continues(text, out[-1], start + s)):
            out[-1] = (out[-1][0], start + e)
        else:
            out.append((start + s, start + e))
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Token spans inside ``text[start:end]`` (absolute offsets).

    >>> t = "Russia's jets didn't stop; 400,000 fled al-Rahma."
    >>> [t[s:e] for s, e in tokenize(t)]
    ['Russia', "'s", 'jets', 'did', "n't", 'stop', ';', '400,000', 'fled', 'al-Rahma', '.']
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.span()
        if m.lastgroup == "word" and e < end and text[e] == "." and \
                text[s:e].lower() in NEWS_ABBREVIATIONS:
            e += 1
        if spans and s < spans[-1][1]:
            continue
        spans.append((s, e))
    return spans


def _tag_view(text: str, spans: list[Span]) -> list[str]:
    """Token strings as the PTB-trained tagger expects them (quotes as ``/'')."""
    view = []
    for s, e in spans:
        w = text[s:e]
        if w in _OPEN_QUOTES:
            w = "``"
        elif w == "''":
            # two apostrophes as a double quotation mark (New York Times style)
            w = "``" if (s == 0 or text[s - 1].isspace() or text[s - 1] in "([\u2014-") and \
                e < len(text) and not text[e].isspace() else "''"
        elif w in _CLOSE_QUOTES:
            w = "''"
        elif w == '"':
            w = "``" if s == 0 or text[s - 1].isspace() or text[s - 1] in "([" else "''"
        elif "\u2019" in w or "\u2018" in w:
            w = w.replace("\u2019", "'").replace("\u2018", "'")
            if w == "'":
                w = "''"
        elif w in ("\u2014", "\u2013"):
            w = "--"
        view.append(w)
    return view


def tag(text: str, spans: list[Span]) -> list[str]:
    """Penn Treebank tags for the token ``spans`` of ``text``."""
    if not spans:
        return []
    tags = [t for _, t in _tagger().tag(_tag_view(text, spans))]
    for i, (s, e) in enumerate(spans):
        if text[s:e] in _QUOTE_CHARS:
            tags[i] = "``" if tags[i] == "``" or text[s:e] in _OPEN_QUOTES else "''"
    return tags


def _straight_mark(text: str, i: int) -> int:
    """Width of a straight double quotation mark at ``i``: 1 for '"', 2 for two
    apostrophes (typewriter style, the New York Times' ''...''; in "'''" the first
    apostrophe closes a nested single quotation), else 0."""
    if text[i] == '"':
        return 1
    return 2 if text.startswith("''", i) and not text.startswith("'''", i) else 0


def find_quotes(text: str, paragraphs: Iterable[Span] | None = None) -> list[Quote]:
    """Quotations in ``text``: curly pairs, straight pairs, multi-paragraph quotes.

    Straight quotes ('"', and two apostrophes as in New York Times text) are
    paired left to right within a paragraph, using the character before a mark
    to tell opening (after space/start/bracket) from closing. A paragraph that opens a quote and never closes it continues into
    the next paragraph if that one starts with an opening mark (the news
    convention); otherwise the quote runs to the paragraph end and is flagged
    ``balanced=False``.

    >>> t = '"We will stay," he said. \\u201cNo,\\u201d she said.'
    >>> [q.text(t) for q in find_quotes(t)]
    ['"We will stay,"', '\\u201cNo,\\u201d']

    A left curly mark right after a word or punctuation while a quotation is open
    closes it (scraped text often has "\\u201cNo,\\u201c she said"), and a right
    curly mark that starts a paragraph, before a word, opens one.
    """
    paras = list(paragraphs) if paragraphs is not None else split_paragraphs(text)
    quotes: list[Quote] = []
    carry: int | None = None  # start offset of a quote continuing from the last paragraph
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        i = ps
        if carry is not None:
            mark = _straight_mark(text, ps)
            if text[ps] in _OPEN_QUOTES or mark:
                open_at, i = carry, ps + max(1, mark)
            else:
                prev_end = paras[pi - 1][1]
                quotes.append(Quote(carry, prev_end, False))
            carry = None
        while i < pe:
            ch = text[i]
            mark = _straight_mark(text, i) if ch in "\"'" else 0
            width = mark or 1
            if ch in _OPEN_QUOTES and open_at is None:
                open_at = i
            elif ch == "\u201c" and open_at is not None and i > ps and \
                    not text[i - 1].isspace() and text[i - 1] not in "([{\u2014-:":
                # an opening mark typed in closing position ('\u201cNo,\u201c he said'):
                # a frequent slip in scraped text; it closes the open quotation
                quotes.append(Quote(open_at, i + 1))
                open_at = None
            elif ch in _CLOSE_QUOTES and open_at is not None:
                quotes.append(Quote(open_at, i + 1))
                open_at = None
            elif ch == "\u201d" and i + 1 < pe and text[i + 1].isalnum() and \
                    all(c.isspace() or unicodedata.category(c) == "Cf" for c in text[ps:i]):
                # the mirror slip: a closing mark opening a paragraph ('\u201dSorry Sarah, ...')
                open_at = i
            elif mark:
                before = text[i - 1] if i > ps else " "
                opening = before.isspace() or before in "([{\u2014-:"
                if open_at is None and (opening or i == ps):
                    open_at = i
                elif open_at is not None:
                    quotes.append(Quote(open_at, i + width))
                    open_at = None
            i += width
        if open_at is not None:
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else None
            if nxt is not None and (text[nxt] in _OPEN_QUOTES or _straight_mark(text, nxt)):
                carry = open_at
            else:
                quotes.append(Quote(open_at, pe, False))
    if carry is not None:
        quotes.append(Quote(carry, paras[-1][1], False))
    return quotes


#: Longest sentence handed to the extractors, in tokens. Real news sentences stay
#: far below it; a run-on "sentence" (scraped text without full stops) is cut into
#: pieces so that rules that look across a sentence stay linear in document length.
MAX_SENTENCE_TOKENS = 400

_SOFT_BREAKS = frozenset({";", ":", ",", "\u2014", "--", "\u2013"})


def _cap(text: str, spans: list[Span]) -> list[list[Span]]:
    """Cut an over-long token list at the last soft break (``;`` ``:`` ``,`` dash)
    in the second half of each window, else at the window end.

    >>> t = "a, " * 500
    >>> [len(c) for c in _cap(t, tokenize(t))]
    [400, 400, 200]
    """
    pieces, lo, n = [], 0, len(spans)
    while n - lo > MAX_SENTENCE_TOKENS:
        hi = lo + MAX_SENTENCE_TOKENS
        cut = next((i + 1 for i in range(hi - 1, lo + MAX_SENTENCE_TOKENS // 2, -1)
                    if text[spans[i][0]:spans[i][1]] in _SOFT_BREAKS), hi)
        pieces.append(spans[lo:cut])
        lo = cut
    pieces.append(spans[lo:])
    return pieces


def _sentences(text: str, paragraphs: list[Span]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        for ss, se in split_sentences(text, ps, pe):
            spans = tokenize(text, ss, se)
            if not spans:
                continue
            tags = tag(text, spans)
            pieces = [spans] if len(spans) <= MAX_SENTENCE_TOKENS else _cap(text, spans)
            i = 0
            for piece in pieces:
                toks = tuple(Token(s, e, t) for (s, e), t in zip(piece, tags[i:i + len(piece)]))
                i += len(piece)
                start, end = (ss, se) if len(pieces) == 1 else (piece[0][0], piece[-1][1])
                out.append(Sentence(len(out), pi, start, end, toks))
    return tuple(out)


def process(text: str, *, doc_id: str = "", title: str = "") -> ProcessedDoc:
    """Run the whole pipeline over one text (and optional headline).

    Raises :class:`~toolkit.errors.DocumentError` (stage ``text``) for a text
    holding a lone surrogate (a broken ``\\ud800``-style JSON escape): such a
    string is not Unicode and cannot be written as UTF-8 or stored in a table.
    """
    if not isinstance(text, str):
        raise TypeError(f"document {doc_id!r}: text must be str, not {type(text).__name__}")
    for segment, s in (("text", text), ("title", title or "")):
        bad = _SURROGATE_RE.search(s)
        if bad:
            from .errors import DocumentError

            raise DocumentError(doc_id, "text", f"{segment} has a lone surrogate "
                                f"{bad.group()!r} at character {bad.start()} (not valid "
                                "Unicode: a broken \\u escape?); fix the source record")
    paragraphs = split_paragraphs(text)
    title_sents: tuple[Sentence, ...] = ()
    if title and title.strip():
        title_sents = _sentences(title, split_paragraphs(title))
    return ProcessedDoc(
        doc_id=doc_id,
        text=text,
        paragraphs=tuple(paragraphs),
        sentences=_sentences(text, paragraphs),
        quotes=tuple(find_quotes(text, paragraphs)),
        title=title or "",
        title_sentences=title_sents,
    )


# --------------------------------------------------------------------------- cache


def cache_key(text: str, title: str = "") -> str:
    """Content key of a processed document: text, title and pipeline version."""
    import nltk

    h = hashlib.sha256()
    for part in (PIPELINE_VERSION, nltk.__version__, title, "\x00", text):
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _encode(doc: ProcessedDoc) -> dict:
    def sents(ss):
        return [[s.paragraph, s.start, s.end, [[t.start, t.end, t.tag] for t in s.tokens]]
                for s in ss]

    return {"paragraphs": [list(p) for p in doc.paragraphs], "sentences": sents(doc.sentences),
            "quotes": [[q.start, q.end, q.balanced] for q in doc.quotes],
            "title_sentences": sents(doc.title_sentences)}


def _decode(data: dict, doc_id: str, text: str, title: str) -> ProcessedDoc:
    def sents(rows):
        return tuple(Sentence(i, p, s, e, tuple(Token(a, b, t) for a, b, t in toks))
                     for i, (p, s, e, toks) in enumerate(rows))

    return ProcessedDoc(doc_id, text, tuple(tuple(p) for p in data["paragraphs"]),
                        sents(data["sentences"]), tuple(Quote(*q) for q in data["quotes"]),
                        title, sents(data["title_sentences"]))


def default_cache_dir() -> Path:
    """``$MBT_CACHE_DIR``, else ``$XDG_CACHE_HOME/media-bias-toolkit``, else ``~/.cache/...``."""
    if os.environ.get("MBT_CACHE_DIR"):
        return Path(os.environ["MBT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "media-bias-toolkit"


@dataclass
class DocCache:
    """On-disk cache of processed documents (gzipped JSON, atomic writes).

    Only JSON is read back (never pickle), so a cache folder from elsewhere
    cannot execute code. Set ``MBT_CACHE=0`` to turn caching off globally.
    """

    root: Path = field(default_factory=default_cache_dir)
    hits: int = 0
    misses: int = 0

    def _path(self, key: str) -> Path:
        return Path(self.root) / "processed" / key[:2] / f"{key}.json.gz"

    def get(self, key: str, doc_id: str, text: str, title: str) -> ProcessedDoc | None:
        p = self._path(key)
        try:
            with gzip.open(p, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
            doc = _decode(data, doc_id, text, title)
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return None
        self.hits += 1
        return doc

    def put(self, key: str, doc: ProcessedDoc) -> None:
        p = self._path(key)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
                fh.write(json.dumps(_encode(doc), separators=(",", ":")).encode("utf-8"))
            os.replace(tmp, p)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def clear(self) -> int:
        """Delete every cached document; return how many files were removed."""
        n = 0
        base = Path(self.root) / "processed"
        if base.exists():
            for f in base.rglob("*.json.gz"):
                f.unlink(missing_ok=True)
                n += 1
        return n


def _cache_enabled() -> bool:
    return os.environ.get("MBT_CACHE", "1") not in ("0", "false", "no", "")


def process_cached(text: str, *, doc_id: str = "", title: str = "",
                   cache: DocCache | None | bool = True) -> ProcessedDoc:
    """:func:`process` through the on-disk cache (``cache=False`` bypasses it)."""
    if cache is True:
        cache = DocCache() if _cache_enabled() else None
    if not cache:
        return process(text, doc_id=doc_id, title=title)
    key = cache_key(text, title)
    doc = cache.get(key, doc_id, text, title)
    if doc is None:
        cache.misses += 1
        doc = process(text, doc_id=doc_id, title=title)
        cache.put(key, doc)
    return doc


def process_article(article, *, cache: DocCache | None | bool = True,
                    with_title: bool = True) -> ProcessedDoc:
    """Process a corpus article (anything with ``doc_id``, ``text``, ``title``)."""
    title = (getattr(article, "title", "") or "") if with_title else ""
    return process_cached(article.text, doc_id=article.doc_id, title=title, cache=cache)


def process_articles(articles: Iterable, *, cache: DocCache | None | bool = True
                     ) -> Iterator[ProcessedDoc]:
    """Lazily process many articles (streaming: one document in memory at a time)."""
    if cache is True:
        cache = DocCache() if _cache_enabled() else None
    for art in articles:
        yield process_article(art, cache=cache)
