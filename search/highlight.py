"""Excerpts with the matched words in <mark>, safe to insert in a page.

The excerpt is cut from the standfirst and the body around the first word that
starts with one of the given prefixes (folded lexemes or stems, plain ASCII), matched
whatever the accents and case. The excerpt gets French typography (the plain text
glues "pérenne" and the "," that followed its link with a space: the rules take it
out). Every piece of text is escaped; the only markup that comes out is <mark> and
</mark>.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.typography import french_text
from search.normalize import html_to_text

EXCERPT_CHARS = 240
CONTEXT_BEFORE = 70

# What each ASCII letter of a folded prefix may be in the text.
_VARIANTS = {
    "a": "aàâäáãå", "c": "cç", "e": "eéèêë", "i": "iîïíì", "n": "nñ",
    "o": "oôöóòõ", "u": "uùûüú", "y": "yÿý",
}  # fmt: skip
_LIGATURES = {"oe": "œ", "ae": "æ"}


def plain_text(standfirst, body_html):
    """Standfirst and body (sanitised HTML) as one line of plain text."""
    return " ".join(f"{standfirst or ''} {html_to_text(body_html)}".split())


def _prefix_pattern(prefix):
    out, i = [], 0
    while i < len(prefix):
        pair = prefix[i : i + 2]
        if pair in _LIGATURES:
            out.append(f"(?:{_class(pair[0])}{_class(pair[1])}|{_LIGATURES[pair]})")
            i += 2
            continue
        out.append(_class(prefix[i]))
        i += 1
    return "".join(out)


def _class(char):
    variants = _VARIANTS.get(char)
    return f"[{variants}]" if variants else re.escape(char)


def matcher(prefixes):
    """A compiled regex of the words starting with any prefix, or None."""
    prefixes = sorted({p for p in prefixes if p}, key=len, reverse=True)
    if not prefixes:
        return None
    alternatives = "|".join(_prefix_pattern(p) for p in prefixes)
    return re.compile(rf"(?<!\w)(?:{alternatives})[\w-]*", re.IGNORECASE)


def excerpt(text, pattern, size=EXCERPT_CHARS):
    """About ``size`` characters of ``text`` around the first match, matches marked.

    Without a match (or a pattern), the start of the text.
    """
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.end() > size - CONTEXT_BEFORE:
        # Start at a word boundary, about CONTEXT_BEFORE characters before the match.
        space = text.find(" ", max(0, first.start() - CONTEXT_BEFORE), first.start())
        start = space + 1 if space != -1 else first.start()
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space != -1 else end
    # Typography on the window only (not the whole body), before marking: the rules
    # change no letter (only spaces, quotes and digit groups), so words match the same.
    window = french_text(text[start:end])
    out, position = [], 0
    for match in pattern.finditer(window) if pattern else ():
        out.append(str(escape(window[position : match.start()])))
        out.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    out.append(str(escape(window[position:])))
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{''.join(out).strip()}{after}")  # noqa: S308  (all escaped)
