"""The beginning of an article's body that every reader may see (the paywall's lead-in).

Whole top-level blocks (paragraphs, subheadings, lists, figures) are kept, in order, while
their text fits in the limit; the limit is ``max_chars``, and never more than a third of
the body's text, so that something is always held back however short the article. When
even the first block does not fit (one long paragraph, lines split by ``<br>``), it is cut
at a word boundary and its open tags closed. The body is sanitized HTML
(articles.sanitize), re-serialised from its tokens: the teaser is well-formed whatever
the cut, and nothing past it can leak into it.
"""

from html import escape
from html.parser import HTMLParser

# Elements without an end tag in the sanitized body.
VOID = frozenset({"br", "hr", "img", "source", "wbr"})
# The teaser never shows more than this share of the body's text.
MAX_SHARE = 3


def _attrs(attrs):
    return "".join(
        f' {name}="{escape(value, quote=True)}"' if value is not None else f" {name}"
        for name, value in attrs
    )


class _Text(HTMLParser):
    """How many characters of text a body holds (as the teaser counts them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.length = 0

    def handle_data(self, data):
        self.length += len(data)


class _Teaser(HTMLParser):
    def __init__(self, limit):
        super().__init__(convert_charrefs=True)
        self.limit = limit
        self.out = []  # what is kept for sure
        self.block = []  # the top-level block being read
        self.open = []  # its open elements, innermost last
        self.kept = 0  # text kept in ``out``
        self.in_block = 0  # text of ``block``
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        self.block.append(f"<{tag}{_attrs(attrs)}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.done or tag in VOID or tag not in self.open:
            return
        while self.open:
            closing = self.open.pop()
            self.block.append(f"</{closing}>")
            if closing == tag:
                break
        if not self.open:
            self._end_block()

    def handle_data(self, data):
        if self.done:
            return
        room = self.limit - self.kept - self.in_block
        if len(data) <= room:
            self.block.append(escape(data, quote=False))
            self.in_block += len(data)
            if not self.open:
                self._end_block()
            return
        if self.out:
            # Whole blocks only, once one is kept: this one does not fit.
            self.done = True
            return
        # The first block is too long: cut it at a word, close what is open.
        cut = data[:room]
        if not data[room].isspace() and " " in cut:
            cut = cut[: cut.rindex(" ")]  # not half a word
        cut = cut.rstrip()
        if cut:
            self.block.append(escape(cut, quote=False) + "…")
        self.block += [f"</{tag}>" for tag in reversed(self.open)]
        self.out += self.block
        self.done = True

    def _end_block(self):
        self.out += self.block
        self.kept += self.in_block
        self.block, self.in_block = [], 0


def teaser_html(body_html, max_chars):
    """The leading blocks of ``body_html`` holding at most ``max_chars`` of text, and at
    most a third of it."""
    counter = _Text()
    counter.feed(body_html or "")
    counter.close()
    limit = min(max(1, max_chars), counter.length // MAX_SHARE)
    if limit <= 0:
        return ""
    parser = _Teaser(limit)
    parser.feed(body_html or "")
    parser.close()
    return "".join(parser.out)
