"""Template helpers for the public site: French dates, bylines, typography and order.

None of these run a query: bylines read ``article.bylines.all``, which every
public queryset prefetches (``Article.objects.for_listing()``).
"""

from pathlib import PurePath

from django import template
from django.utils import dateformat, timezone, translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, mark_safe

from articles.collation import sorted_fr
from articles.typography import french_html, french_text

register = template.Library()

# "04 février 2019 à 18h07" (backslashes keep "à" and "h" literal).
DATETIME_FR = r"d F Y \à H\hi"
DATE_FR = "d F Y"


def _local(value):
    if value is None or value == "":
        return None
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format_fr(value, format_string):
    value = _local(value)
    if value is None:
        return ""
    # The format is French ("à", "h"): month names must be too, whatever is active.
    with translation.override("fr"):
        return dateformat.format(value, format_string)


@register.filter
def datetime_fr(value):
    """A datetime as readers see it, in Paris time: "04 février 2019 à 18h07"."""
    return _format_fr(value, DATETIME_FR)


@register.filter
def date_fr(value):
    """A datetime's day, in Paris time: "04 février 2019"."""
    return _format_fr(value, DATE_FR)


@register.filter
def date_iso(value):
    """For <time datetime="…">: ISO 8601 with the Paris offset, to the second."""
    value = _local(value)
    return value.replace(microsecond=0).isoformat() if value is not None else ""


def join_fr(items):
    """["A", "B", "C"] -> "A, B et C" (items are returned as they are, not escaped)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


@register.filter(name="join_fr")
def join_fr_filter(values):
    """Plain-text French enumeration, escaped: {{ names|join_fr }} -> "A, B et C"."""
    return mark_safe(join_fr([str(conditional_escape(v)) for v in values]))  # noqa: S308


def _authors(article):
    # Prefetched with the author (for_listing); never article.authors.all.
    return [byline.author for byline in article.bylines.all()]


@register.simple_tag
def byline(article, link=True):
    """ "A, B et C", each name linking to its author page unless link=False."""
    if link:
        names = [
            str(format_html('<a href="{}" rel="author">{}</a>', a.get_absolute_url(), a.name))
            for a in _authors(article)
        ]
    else:
        names = [str(conditional_escape(a.name)) for a in _authors(article)]
    return mark_safe(join_fr(names))  # noqa: S308


@register.filter
def article_authors(article):
    """The authors who sign ``article``, in byline order, from the prefetched bylines."""
    return _authors(article)


@register.filter
def file_extension(name):
    """ "ressources/ab12.pdf" -> "PDF" (empty when the name has no extension)."""
    suffix = PurePath(str(name or "")).suffix.lstrip(".")
    return suffix.upper() if suffix.isalnum() else ""


@register.filter
def typo(value):
    """Plain text with French typography, escaped: {{ article.title|typo }}.

    Transformed first, then escaped (the rules read the text, not its entities); a
    value already marked safe is HTML, and only its text changes."""
    if isinstance(value, SafeData):
        return mark_safe(french_html(value))  # noqa: S308 - safe in, its text changed
    return mark_safe(escape(french_text(value)))  # noqa: S308 - escaped


@register.filter
def typo_html(value):
    """Sanitised HTML with French typography in its text (tags and attributes as they
    are): {{ article.body|with_figures|safe|typo_html }}. What is not marked safe is
    escaped first: this filter never makes markup of text."""
    if value is None or value == "":
        return ""
    if not isinstance(value, SafeData):
        value = escape(value)
    return mark_safe(french_html(value))  # noqa: S308 - safe in, its text changed


@register.filter
def sort_fr(items, attribute=None):
    """Items in French alphabetical order: {{ article.tags.all|sort_fr:"name" }}."""
    return sorted_fr(items, attribute)
