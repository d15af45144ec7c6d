"""Excerpts with the matched words in <mark>, safe to insert in a page.

Whatever the source text holds (a standfirst with "<script>", an article body), the
excerpt is escaped first; the only markup that comes out is <mark> and </mark>.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from unidecode import unidecode

from search.normalize import html_to_text

# PostgreSQL's ts_headline marks matches with these (Unicode private use: the indexed
# text never contains them, search.normalize strips them from queries).
START_SEL = "\ue000"
STOP_SEL = "\ue001"
_SENTINELS = re.compile(f"[{START_SEL}{STOP_SEL}]")

EXCERPT_WORDS = 35
WORDS_BEFORE_MATCH = 8
_TOKENS = re.compile(r"(\w+)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def marked_to_html(text, source_start=""):
    """ts_headline output (sentinels around matches) -> escaped HTML with <mark>.

    "…" marks a cut: before, unless the excerpt starts where ``source_start`` does
    (the standfirst); after, unless it ends a sentence.
    """
    text = " ".join((text or "").split())
    plain = _SENTINELS.sub("", text)
    if plain and not " ".join(source_start.split()).startswith(plain[:40]):
        text = f"… {text}"
    if plain and plain[-1] not in ".!?…»":
        text = f"{text} …"
    escaped = str(escape(text))
    opened = False
    out = []
    for part in re.split(f"([{START_SEL}{STOP_SEL}])", escaped):
        if part == START_SEL and not opened:
            out.append("<mark>")
            opened = True
        elif part == STOP_SEL and opened:
            out.append("</mark>")
            opened = False
        elif part not in (START_SEL, STOP_SEL):
            out.append(part)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out).strip())  # noqa: S308  (escaped above; only <mark> added)


def _folded(word):
    return _NOT_WORD.sub("", unidecode(word).lower())


def highlight(standfirst, body_html, stems, words=EXCERPT_WORDS):
    """About ``words`` words of standfirst + body around the first match, matches marked.

    A word matches when its folded form starts with one of ``stems`` (the fallback
    engine's matching rule). Without a match, the excerpt is the start of the text.
    """
    text = _SENTINELS.sub(" ", f"{standfirst or ''} {html_to_text(body_html)}")
    parts = _TOKENS.split(" ".join(text.split()))
    # parts alternates separator, word, separator, word…: words at odd indexes.
    word_indexes = range(1, len(parts), 2)
    matches = {i for i in word_indexes if stems and _folded(parts[i]).startswith(tuple(stems))}
    first = min(matches, default=1)
    start = max(1, first - 2 * WORDS_BEFORE_MATCH)
    end = min(len(parts), start + 2 * words - 1)
    out = ["… "] if start > 1 else []
    for i in range(start, end):
        piece = str(escape(parts[i]))
        out.append(f"<mark>{piece}</mark>" if i in matches else piece)
    if end < len(parts) - 1:
        out.append(" …")
    return mark_safe("".join(out).strip())  # noqa: S308  (every piece escaped)
