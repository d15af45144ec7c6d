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
whatever the number of figures. A library ``<img>`` left without its figure (caption
removed in the editor) gets the figure back, with the credit and no caption. A figure
whose image is gone from the library disappears; an ``<img>`` without ``data-file``
(an outside address) stays as it is.

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
IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>")
# A figure (with whatever <img> it holds), or an <img> on its own: what the editor
# leaves once its "Remove caption" ("Supprimer la légende") took the image out of its figure.
PLACED = re.compile(rf"{FIGURE.pattern}|<img\b(?P<bare>[^>]*)>", re.DOTALL)
LEGACY_ID = re.compile(r'\sdata-image="(?P<pk>\d{1,18})"')
EDITOR_ID = re.compile(r'\sdata-file="(?P<pk>\d{1,18})"')
ALT = re.compile(r'\salt="(?P<text>[^"]*)"')
CAPTION = re.compile(r"<figcaption>(?P<text>.*?)</figcaption>", re.DOTALL)


def _img_attrs(match):
    """Attributes of the <img> a PLACED match is or holds ("" if none)."""
    if match["bare"] is not None:
        return match["bare"]
    img = IMG.search(match["inner"])
    return img["attrs"] if img else ""


def _placed_id(match):
    """The library image a PLACED match refers to, or None."""
    legacy = LEGACY_ID.search(match["attrs"] or "")
    if legacy:
        return int(legacy["pk"])
    editor = EDITOR_ID.search(_img_attrs(match))
    return int(editor["pk"]) if editor else None


def image_ids(html):
    """Primary keys of the library images a body refers to, in order."""
    found = (_placed_id(match) for match in PLACED.finditer(html or ""))
    return [pk for pk in found if pk is not None]


def _text(fragment):
    """Plain text of a bit of sanitised HTML (tags dropped, entities decoded)."""
    return " ".join(html_lib.unescape(strip_tags(fragment or "")).split())


def render_figure(image, caption=None, alt="", sizes=""):
    """The responsive figure of a body: picture, caption and credit.

    ``caption`` None shows the library's caption, "" none at all; ``alt`` "" the
    library's alternative text."""
    context = picture_context(image, "default", sizes)
    if not context:
        return ""
    if alt:
        context["alt"] = alt
    context["caption"] = image.caption if caption is None else caption
    context["credit"] = image.credit.lstrip("©Ⓒ ").strip()
    context["figure_class"] = "figure--body"
    return render_to_string("images/figure.html", context)


def expand_figures(html, sizes="", images=None):
    """Body HTML with library images replaced by responsive figures (one query).

    ``images`` ({pk: Image}) may be given when the caller already loaded them.
    """
    ids = image_ids(html)
    if not ids:
        return html
    if images is None:
        from images.models import Image

        images = Image.objects.in_bulk(ids)

    def replace(match):
        pk = _placed_id(match)
        if pk is None:  # an outside image, in a figure or not: left as sanitised
            return match[0]
        image = images.get(pk)
        if image is None:  # deleted from the library
            return ""
        if match["bare"] is not None:
            caption = ""  # the caption was removed in the editor; the credit stays
        else:
            found = CAPTION.search(match["inner"])
            caption = (_text(found["text"]) if found else "") or None
        alt = ALT.search(_img_attrs(match))
        return render_figure(
            image, caption=caption, alt=_text(alt["text"]) if alt else "", sizes=sizes
        )

    return mark_safe(PLACED.sub(replace, html))  # noqa: S308 - sanitised body + our markup


# -- What the editor stores ------------------------------------------------------------


def display_url(image):
    """The address the editor shows (and stores in ``src``) for a library image: its
    960-pixel-wide JPEG rendition (the widest one up to that), else the original."""
    rendition = renditions.share_rendition(image, max_width=renditions.FALLBACK_WIDTH)
    return rendition.url if rendition else image.file.url


def _editor_img(image):
    # Plain fields only, so that migrations' historical models work too.
    alt = "" if image.is_decorative else image.alt_text
    return f'<img src="{escape(display_url(image))}" alt="{escape(alt)}" data-file="{image.pk}">'


def editor_figure(image, caption=""):
    """The figure markup the editor itself produces for a picked library image."""
    text = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f"<figure>{_editor_img(image)}{text}</figure>"


def upgrade_legacy_figures(html, images=None):
    """Body HTML with ``<figure data-image="42">`` placeholders rewritten as the
    editor's figures (same rendering for readers), or ``html`` itself if it has none.

    The editor cannot read a placeholder (it keeps an empty image and loses the id):
    bodies must be upgraded before they are edited. Placeholders of images no longer
    in the library are left alone (readers see nothing of them). One query.
    """
    legacy = [m for m in FIGURE.finditer(html or "") if LEGACY_ID.search(m["attrs"] or "")]
    if not legacy:
        return html
    if images is None:
        from images.models import Image

        images = Image.objects.in_bulk([int(LEGACY_ID.search(m["attrs"])["pk"]) for m in legacy])

    def replace(match):
        found = LEGACY_ID.search(match["attrs"] or "")
        if not found:
            return match[0]
        image = images.get(int(found["pk"]))
        caption = CAPTION.search(match["inner"])
        if image is None:
            return match[0]
        return f"<figure>{_editor_img(image)}{caption[0] if caption else ''}</figure>"

    return FIGURE.sub(replace, html)
