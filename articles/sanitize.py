"""Server-side allowlist for article bodies, whatever the editor or a forged POST sends."""

import re

import nh3
from django.urls import reverse_lazy

# What a news article needs, and nothing else. Kept in step with BODY_EDITOR_EXTENSIONS.
# Library images in the body (rendered by images.embed at display time):
# - the editor's figure: <figure><img src="…" alt="…" data-file="42"><figcaption>…</figcaption>
#   </figure>, inserted with the "figure" button and its "Parcourir..." picker;
# - the older placeholder <figure data-image="42"><figcaption>…</figcaption></figure>, still
#   accepted for existing content.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "strong", "em", "a", "ul", "ol", "li", "blockquote",
    "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "figure": {"data-image"},
    "img": {"src", "alt", "data-file", "width", "height"},
}
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
    # The figure dialog's "Parcourir..." button opens the photothèque's picker
    # (images.admin.ImageAdmin.picker_view) in a popup. The option belongs to Figure in
    # django-prose-editor 0.28 (Image has none); resolved when the widget is rendered.
    "Figure": {"pickerUrl": reverse_lazy("admin:images_image_picker")},
    "Caption": True,
    "Image": True,
    # The browser's spell-checker, in French (writing-desk.js sets lang="fr").
    "NoSpellCheck": False,
    "Placeholder": {"placeholder": "Écrivez ici le texte de l'article…"},
}

NUMBER = re.compile(r"\d{1,18}")
# nh3's output quotes every attribute value and escapes "<" and ">" inside them.
IMG_TAG = re.compile(r"<img\b[^>]*>")


# Trimmed from an address's ends by browsers (C0 controls and space), and dropped anywhere
# in it (tab, line feed, carriage return): WHATWG URL standard.
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_DROPPED = re.compile(r"[\t\n\r]")


def _as_browser_reads(url):
    """``url`` as a browser resolves it on an http(s) page, where "\\" counts as "/"."""
    return _URL_DROPPED.sub("", url.strip(_URL_EDGES)).replace("\\", "/")


def _filter_attribute(tag, attribute, value):
    """Values nh3 cannot check by itself: numbers are numbers, images come from the web."""
    if attribute in {"data-file", "data-image", "width", "height"}:
        return value if NUMBER.fullmatch(value) else None
    if tag == "img" and attribute == "src":
        # Absolute http(s) (its scheme already checked by nh3) or a path on this site;
        # not "x" (relative to whatever page shows the body) nor "//host/…".
        url = value.strip()
        if url.lower().startswith(("http://", "https://")):
            return url
        # Checked as a browser reads it: "/\host/…", "/<tab>/host/…" are "//host/…".
        url = _as_browser_reads(url)
        return url if url.startswith("/") and not url.startswith("//") else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    # <script>, <style>… are dropped with their content, not turned into text.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    strip_comments=True,
)


def _drop_empty_image(match):
    return match[0] if ' src="' in match[0] else ""


def sanitize_body(html):
    cleaned = _cleaner.clean(html or "")
    # An image whose address was refused shows nothing: drop it rather than keep <img>.
    cleaned = IMG_TAG.sub(_drop_empty_image, cleaned).strip()
    # The editor always leaves one empty paragraph in an empty document.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
