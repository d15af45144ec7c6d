"""Responsive markup for library images: ``{% picture %}`` and ``{% figure %}``.

    {% load images %}
    {% figure article.hero_image caption=article.hero_caption eager=True %}
    {% picture image variant="card" sizes="(min-width: 60rem) 20rem, 100vw" %}
    {{ article.body|with_figures }}

They only read the image row already loaded (no query) and name renditions
generated on save (no storage access, no generation): see images/renditions.py.
"""

from django import template
from django.template.loader import render_to_string

from images import renditions

register = template.Library()

# What the layout gives each variant; override per use with sizes="...".
DEFAULT_SIZES = {
    "default": "(min-width: 46rem) 42rem, 100vw",
    "card": "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw",
}


def picture_context(image, variant="default", sizes="", eager=False, css_class="", alt=None):
    """Everything the <picture> element needs, or None if there is nothing to show.

    ``alt`` replaces the image's own text where the page knows better (an author's
    portrait); the decorative flag still wins."""
    if variant not in renditions.VARIANTS:
        variant = "default"
    if image is None or not getattr(image, "file", None):
        return None
    planned = renditions.renditions_of(image, variants=(variant,))[variant]
    if not planned:
        return None
    by_mime = {}
    for rendition in planned:
        by_mime.setdefault(rendition.mime, []).append(rendition)
    jpegs = by_mime["image/jpeg"]
    fitting = [r for r in jpegs if r.width <= renditions.FALLBACK_WIDTH]
    fallback = fitting[-1] if fitting else jpegs[0]
    sources = [
        {"type": mime, "srcset": _srcset(items)}
        for mime, items in by_mime.items()
        if mime != "image/jpeg"
    ]
    return {
        "image": image,
        "alt": image.alt if alt is None or image.is_decorative else alt,
        "sources": sources,
        "src": fallback.url,
        "srcset": _srcset(jpegs),
        "sizes": sizes or DEFAULT_SIZES[variant],
        "width": fallback.width,
        "height": fallback.height,
        "eager": bool(eager),
        "variant": variant,
        "css_class": css_class,
    }


def _srcset(items):
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in items)


@register.simple_tag
def picture(image, variant="default", sizes="", eager=False, css_class="", alt=None):
    """<picture>: WebP then JPEG srcsets, width/height, lazy unless eager (the hero)."""
    context = picture_context(image, variant, sizes, eager, css_class, alt)
    return render_to_string("images/picture.html", context) if context else ""


@register.simple_tag
def figure(image, caption=None, variant="default", sizes="", eager=False, css_class=""):
    """<figure> with the picture, the caption (``caption`` overrides the image's own,
    e.g. a per-article hero caption) and the credit."""
    context = picture_context(image, variant, sizes, eager)
    if not context:
        return ""
    context["caption"] = image.caption if caption in (None, "") else caption
    context["credit"] = image.credit.lstrip("©Ⓒ ").strip()
    context["figure_class"] = css_class
    return render_to_string("images/figure.html", context)


@register.filter
def with_figures(body_html):
    """``{{ article.body|with_figures }}``: library figures placed in a body (see
    images/embed.py), one query per body."""
    from images.embed import expand_figures

    return expand_figures(body_html)
