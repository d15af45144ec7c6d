"""Library images inside an article body.

The rich-text editor's figure button (with its "Parcourir..." picker, see
``ImageAdmin.picker_view``) stores::

    <figure><img src="/media/…/default-960w-….jpg" alt="…" data-file="42">
    <figcaption>Légende propre (facultative)</figcaption></figure>

and older bodies hold a bare placeholder::

    <figure data-image="42"><figcaption>Légende propre (facultative)</figcaption></figure>

``expand_figures(html)`` turns both into the same responsive ``<figure>`` as a hero
image (lazy-loaded): renditions and credit always come from the library (and follow
later edits); the figcaption typed in the editor wins over the library caption, the
alternative text typed in the editor over the library's. One query for the whole body
whatever the number of figures. A figure whose image is gone from the library
disappears; an ``<img>`` without ``data-file`` (an outside address) stays as it is.

Runs on bodies cleaned by ``articles.sanitize.sanitize_body`` (done on every save),
whose serialisation (quoted attributes, "<" and ">" escaped in them) the patterns below
rely on; the output is trusted markup.
"""

import html as html_lib
import re

from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from images import renditions
from images.templatetags.images import picture_context

FIGURE = re.compile(r"<figure(?P<attrs>\s[^>]*)?>(?P<inner>.*?)</figure>", re.DOTALL)
LEGACY_ID = re.compile(r'\sdata-image="(?P<pk>\d{1,18})"')
IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>")
EDITOR_ID = re.compile(r'\sdata-file="(?P<pk>\d{1,18})"')
ALT = re.compile(r'\salt="(?P<text>[^"]*)"')
CAPTION = re.compile(r"<figcaption>(?P<text>.*?)</figcaption>", re.DOTALL)


def _figure_id(match):
    """The library image a <figure> match refers to, or None."""
    legacy = LEGACY_ID.search(match["attrs"] or "")
    if legacy:
        return int(legacy["pk"])
    img = IMG.search(match["inner"])
    editor = EDITOR_ID.search(img["attrs"]) if img else None
    return int(editor["pk"]) if editor else None


def image_ids(html):
    """Primary keys of the library images a body refers to, in order."""
    found = (_figure_id(match) for match in FIGURE.finditer(html or ""))
    return [pk for pk in found if pk is not None]


def _text(fragment):
    """Plain text of a bit of sanitised HTML (tags dropped, entities decoded)."""
    return " ".join(html_lib.unescape(strip_tags(fragment or "")).split())


def render_figure(image, caption="", alt="", sizes=""):
    """The responsive figure of a body: picture, caption (or the library's) and credit."""
    context = picture_context(image, "default", sizes)
    if not context:
        return ""
    if alt:
        context["alt"] = alt
    context["caption"] = caption or image.caption
    context["credit"] = image.credit.lstrip("©Ⓒ ").strip()
    context["figure_class"] = "figure--body"
    return render_to_string("images/figure.html", context)


def expand_figures(html, sizes="", images=None):
    """Body HTML with library figures replaced by responsive figures (one query).

    ``images`` ({pk: Image}) may be given when the caller already loaded them.
    """
    ids = image_ids(html)
    if not ids:
        return html
    if images is None:
        from images.models import Image

        images = Image.objects.in_bulk(ids)

    def replace(match):
        pk = _figure_id(match)
        if pk is None:  # a figure around an outside image: left as sanitised
            return match[0]
        image = images.get(pk)
        if image is None:
            return ""
        caption = CAPTION.search(match["inner"])
        img = IMG.search(match["inner"])
        alt = ALT.search(img["attrs"]) if img else None
        return render_figure(
            image,
            caption=_text(caption["text"]) if caption else "",
            alt=_text(alt["text"]) if alt else "",
            sizes=sizes,
        )

    return mark_safe(FIGURE.sub(replace, html))  # noqa: S308 - sanitised body + our markup


# -- What the editor stores ------------------------------------------------------------


def display_url(image):
    """The address the editor shows (and stores in ``src``) for a library image: its
    960-pixel-wide JPEG rendition (the widest one up to that), else the original."""
    planned = renditions.renditions_of(image, variants=("default",))["default"]
    jpegs = [r for r in planned if r.mime == "image/jpeg"]
    fitting = [r for r in jpegs if r.width <= renditions.FALLBACK_WIDTH] or jpegs
    return fitting[-1].url if fitting else image.file.url


def editor_figure(image, caption=""):
    """The figure markup the editor itself produces for a picked library image."""
    text = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img src="{escape(display_url(image))}" alt="{escape(image.alt)}" '
        f'data-file="{image.pk}">{text}</figure>'
    )
