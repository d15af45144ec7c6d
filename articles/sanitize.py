"""Server-side allowlist for article bodies, whatever the editor or a forged POST sends."""

import nh3

# What a news article needs, and nothing else. Kept in step with BODY_EDITOR_EXTENSIONS.
# <figure data-image="42"> places a library image; images.embed renders it at display time.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote",
    "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "figure": {"data-image"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    # <script>, <style>… are dropped with their content, not turned into text.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    strip_comments=True,
)


def sanitize_body(html):
    cleaned = _cleaner.clean(html or "").strip()
    # The editor always leaves one empty paragraph in an empty document.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
