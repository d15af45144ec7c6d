"""Library images inside an article body.

The body stores a placeholder, not markup, so that renditions, alt text and credit
always come from the library (and follow later edits)::

    <figure data-image="42"><figcaption>Légende propre (facultative)</figcaption></figure>

``expand_figures(html)`` turns every placeholder into the same responsive
``<figure>`` as a hero image (lazy-loaded), with one query for the whole body
whatever the number of figures. A placeholder whose image is gone disappears.
The sanitiser must let ``figure[data-image]`` and ``figcaption`` through, and run
*before* this (its output is trusted markup).
"""

import html as html_lib
import re

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from images.templatetags.images import figure

PLACEHOLDER = re.compile(
    r"<figure\s+data-image=\"(?P<pk>\d{1,18})\"\s*>(?P<inner>.*?)</figure>", re.DOTALL
)
CAPTION = re.compile(r"<figcaption>(?P<text>.*?)</figcaption>", re.DOTALL)


def image_ids(html):
    """Primary keys of the library images a body refers to, in order."""
    return [int(match["pk"]) for match in PLACEHOLDER.finditer(html or "")]


def expand_figures(html, sizes="", images=None):
    """Body HTML with placeholders replaced by responsive figures (one query).

    ``images`` ({pk: Image}) may be given when the caller already loaded them.
    """
    ids = image_ids(html)
    if not ids:
        return html
    if images is None:
        from images.models import Image

        images = Image.objects.in_bulk(ids)

    def replace(match):
        image = images.get(int(match["pk"]))
        if image is None:
            return ""
        caption = CAPTION.search(match["inner"])
        text = html_lib.unescape(strip_tags(caption["text"])) if caption else ""
        override = " ".join(text.split())
        return figure(image, caption=override or None, sizes=sizes, css_class="figure--body")

    return mark_safe(PLACEHOLDER.sub(replace, html))  # noqa: S308 - sanitised body + our markup
