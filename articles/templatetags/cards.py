"""``{% article_card article %}``: an article card, written in Python.

Through ``{% include %}`` a card cost about 0.35 ms (twenty variable lookups, filters, a
nested tag): a third of a list page's time. The markup is the one the include gave,
character for character (tests/test_lean_card_markup.py).

    {% load cards %}
    {% article_card article heading="h3" current_section=section %}

``article`` comes from a ``.for_listing()`` queryset (section, bylines and tags
preloaded): no query here. Options, read from the tag or else from the context, as an
include would: heading="h3" (h2 otherwise); lead=True (the main card: image loaded
first, larger sizes); compact=True (no standfirst, no image); brief=True (image, no
standfirst); current_section=<section>: the section is not repeated above the title
when it is the page's or the block's; image_sizes="…": the sizes attribute when the
layout shows the image smaller. The hero image, cropped to 3:2, shows when the article
has one. Title and standfirst get French typography (|typo: articles/typography.py).
"""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.templatetags.newsroom import byline, typo
from images.templatetags.images import picture

register = template.Library()

LEAD_SIZES = "(min-width: 72rem) 40rem, (min-width: 64rem) 55vw, 100vw"
# Django's French month names (the |date_fr filter's "F"), without activating a language
# per card: a third of a card's time went there.
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_OPTIONS = ("heading", "lead", "compact", "brief", "current_section", "image_sizes")


@register.simple_tag(takes_context=True)
def article_card(context, article, **options):
    for name in _OPTIONS:
        if name not in options:
            options[name] = context.get(name)
    return render_card(article, **options)


def render_card(
    article,
    heading=None,
    lead=False,
    compact=False,
    brief=False,
    current_section=None,
    image_sizes=None,
):
    esc = conditional_escape
    url = esc(article.get_absolute_url())
    with_image = bool(article.hero_image) and not compact
    out = ['\n<article class="card']
    if lead:
        out.append(" card--lead")
    if compact:
        out.append(" card--compact")
    if brief:
        out.append(" card--brief")
    if with_image:
        out.append(" card--with-image")
    out.append('">\n  ')
    if with_image:
        if lead:
            image = picture(article.hero_image, variant="card", sizes=LEAD_SIZES, eager=True)
        else:
            image = picture(article.hero_image, variant="card", sizes=image_sizes or "")
        out += [
            '\n    <a class="card__image" href="',
            url,
            '" tabindex="-1" aria-hidden="true">',
            image,
            "</a>\n  ",
        ]
    out.append("\n  ")
    if article.section_id != getattr(current_section, "pk", None):
        section = article.section
        out += [
            '\n    <p class="card__section"><a href="',
            esc(section.get_absolute_url()),
            '">',
            esc(section.name),
            "</a></p>\n  ",
        ]
    out.append("\n  ")
    tag = "h3" if heading == "h3" else "h2"
    out += [f'\n    <{tag} class="card__title"><a href="', url, '">']
    out += [typo(article.title), f"</a></{tag}>\n  ", "\n  "]
    if article.standfirst and not compact and not brief:
        out += ['<p class="card__standfirst">', typo(article.standfirst), "</p>"]
    out.append('\n  <p class="card__meta">\n    ')
    if article.for_subscribers:
        out.append(SUBSCRIBERS_BADGE)
    out.append("\n    ")
    if article.published_at:
        iso, day = card_dates(article.published_at)
        out += ['<time datetime="', iso, '">', day, "</time>"]
    out.append("\n    ")
    if article.bylines.all():
        out += ['<span class="card__byline">Par ', byline(article, link=False), "</span>"]
    out.append("\n  </p>\n</article>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped (typo escapes)


# On every card of a subscriber article (articles.models.access), whoever reads the list.
SUBSCRIBERS_BADGE = '<span class="badge badge--subscribers">Abonnés</span>'


def card_dates(value):
    """(|date_iso, |date_fr) of an aware or naive datetime, in Paris time: one
    conversion for both, and no language switch."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    iso = local.replace(microsecond=0).isoformat()
    return iso, f"{local.day:02d} {MONTHS_FR[local.month - 1]} {local.year:04d}"
