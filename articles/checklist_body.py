"""What the pre-publication checklist reads in a body: headings, images and links.

A real HTML parser (the standard library's), not patterns: the body may come straight
from a POST (the live checklist), so it is cleaned by ``sanitize_body`` first, exactly
as it would be saved.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from articles.sanitize import NUMBER, sanitize_body

HEADINGS = frozenset({"h2", "h3"})


@dataclass(frozen=True)
class BodyImage:
    src: str
    alt: str  # as typed in the editor; "" falls back to the library's
    library_id: int | None  # data-file (editor) or data-image (older placeholder)


@dataclass
class Body:
    headings: list = field(default_factory=list)  # (tag, text) in order
    images: list = field(default_factory=list)  # BodyImage
    links: list = field(default_factory=list)  # href values ("" if none), in order


def _library_id(value):
    return int(value) if value and NUMBER.fullmatch(value) else None


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.body = Body()
        self._heading = None  # [tag, [text parts]] while inside one
        self._figure_id = None  # an older <figure data-image="42"> placeholder
        self._figure_has_img = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADINGS:
            self._heading = [tag, []]
        elif tag == "a":
            # No href left: the cleaner refused the address (bad scheme, not a URL).
            self.body.links.append((attrs.get("href") or "").strip())
        elif tag == "figure":
            self._figure_id = _library_id(attrs.get("data-image"))
            self._figure_has_img = False
        elif tag == "img":
            self._figure_has_img = True
            library_id = _library_id(attrs.get("data-file")) or self._figure_id
            image = BodyImage((attrs.get("src") or "").strip(), attrs.get("alt") or "", library_id)
            self.body.images.append(image)

    def handle_endtag(self, tag):
        if tag in HEADINGS and self._heading is not None:
            text = " ".join("".join(self._heading[1]).split())
            self.body.headings.append((self._heading[0], text))
            self._heading = None
        elif tag == "figure":
            if self._figure_id is not None and not self._figure_has_img:
                self.body.images.append(BodyImage("", "", self._figure_id))
            self._figure_id = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1].append(data)


def read_body(html):
    """The headings, images and links of ``html``, once cleaned as it would be saved."""
    reader = _Reader()
    reader.feed(sanitize_body(html or ""))
    reader.close()
    return reader.body
