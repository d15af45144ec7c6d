"""The beginning of an article's body that every reader may see (the paywall's lead-in).

Whole top-level blocks (paragraphs, subheadings, lists, figures) are kept, in order,
until their text reaches ``max_chars``; at least the first block with text. The body is
sanitized HTML (articles.sanitize) and is re-serialised from its tokens, so the teaser is
well-formed whatever the cut: nothing of the following blocks can leak into it.
"""

from html import escape
from html.parser import HTMLParser

# Elements without an end tag in the sanitized body.
VOID = frozenset({"br", "hr", "img", "source", "wbr"})


class _Blocks(HTMLParser):
    def __init__(self, max_chars):
        super().__init__(convert_charrefs=True)
        self.max_chars = max_chars
        self.out = []
        self.depth = 0
        self.text = 0
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        rendered = "".join(
            f' {name}="{escape(value, quote=True)}"' if value is not None else f" {name}"
            for name, value in attrs
        )
        self.out.append(f"<{tag}{rendered}>")
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.done or tag in VOID:
            return
        self.out.append(f"</{tag}>")
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self.text >= self.max_chars:
            self.done = True

    def handle_data(self, data):
        if self.done:
            return
        self.out.append(escape(data, quote=False))
        self.text += len(data.strip())
        if self.depth == 0 and self.text >= self.max_chars:
            self.done = True


def teaser_html(body_html, max_chars):
    """The leading blocks of ``body_html`` holding about ``max_chars`` of text."""
    parser = _Blocks(max(1, max_chars))
    parser.feed(body_html or "")
    parser.close()
    return "".join(parser.out)


def teaser_text_limit(body_html, max_chars):
    """How many characters of the body's text the teaser shows (for search excerpts)."""
    parser = _Blocks(max(1, max_chars))
    parser.feed(body_html or "")
    parser.close()
    return parser.text
