"""Plain-text normalisation shared by the index and the SQLite fallback engine.

Text is folded to lower-case ASCII words separated by single spaces, with a space
at each end, so that " mot" matches a word start with a portable ``contains``.
"""

import html
import re

from unidecode import unidecode

# Readers' queries are cut here, and told so (search.forms): websearch_to_tsquery and
# LIKE stay fast, and any title (255 characters at most) still fits whole, so that a
# pasted title finds its article.
MAX_QUERY_LENGTH = 300

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_HEADING_END = re.compile(r"</h[23]>")

# Common French words that say nothing about a subject (the fallback drops them).
STOP_WORDS = frozenset(
    {
        "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des",
        "du", "elle", "elles", "en", "est", "et", "eux", "il", "ils", "j", "je", "l", "la",
        "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "mes", "moi",
        "mon", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "plus", "pour",
        "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta", "te",
        "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
    }
)  # fmt: skip


def collapse(raw):
    """A reader's query without control characters, its spaces collapsed."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", raw or "")).strip()


def is_too_long(raw):
    """Whether clean_query() cuts this query (the page then says so)."""
    return len(collapse(raw)) > MAX_QUERY_LENGTH


def clean_query(raw):
    """What is left of a reader's query: no control characters, spaces collapsed, capped.

    A query longer than MAX_QUERY_LENGTH is cut at the last space before the cap.
    """
    text = collapse(raw)
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).strip()
    return text


def _end_headings(body):
    """A heading runs into the next paragraph in plain text: end it like a sentence."""
    parts = _HEADING_END.split(body)
    for i, part in enumerate(parts[:-1]):
        # (">" ends an opening tag: an empty heading.)
        if part.rstrip()[-1:] not in ".!?:…»>":
            parts[i] = part.rstrip() + "."
    return " ".join(parts)


def html_to_text(body):
    """An article body (sanitised HTML, so a regex may strip its tags) as plain text."""
    text = _TAG.sub(" ", _end_headings(body or ""))
    return html.unescape(text) if "&" in text else text


def fold(text):
    """ "L'Hôpital, la santé !" -> " l hopital la sante " """
    words = _NOT_WORD.sub(" ", unidecode(text or "").lower()).split()
    return f" {' '.join(words)} " if words else " "


def stem(word):
    """Crude French stemming for prefix matching: plurals, and -al/-aux share a stem.

    "hopitaux" and "hopital" both give "hopita"; "medicaments" gives "medicament".
    """
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):
        return word[:-2]
    if len(word) > 4 and word.endswith("al"):
        return word[:-1]
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def _words(query):
    """(wanted, excluded) folded words of a query; "-mot" excludes a word."""
    wanted, excluded = [], []
    for token in (query or "").split():
        if token.startswith("-") and len(token) > 1:
            excluded.extend(fold(token[1:]).split())
        else:
            wanted.extend(fold(token).split())
    return wanted, excluded


def _stems(words):
    stems = []
    for word in words:
        if word in STOP_WORDS or len(word) < 2:
            continue
        stemmed = stem(word)
        if stemmed not in stems:
            stems.append(stemmed)
    # Every word counts (a pasted title must match whole): clean_query() bounds them.
    return stems


def query_stems(query):
    """The stems a fallback search requires, in order, without stop-words or repeats."""
    return _stems(_words(query)[0])


def excluded_stems(query):
    """The stems of the words the query excludes ("-mot")."""
    return _stems(_words(query)[1])


def has_words(query):
    """Whether the query holds any word that is not a stop-word, wanted or excluded."""
    wanted, excluded = _words(query)
    return bool(_stems(wanted + excluded))
