"""``{% article_card %}`` writes exactly what the card template wrote (the include it
replaced, kept here as the reference), for every option and every kind of article."""

from itertools import product

import pytest
from django.template import Context, Template

from articles.models import Article
from authors.models import Author

# templates/includes/article_card.html as it was, without its comment (plus |typo).
REFERENCE = Template(
    """{% load images newsroom %}
<article class="card{% if lead %} card--lead{% endif %}{% if compact %} card--compact{% endif %}{% if brief %} card--brief{% endif %}{% if article.hero_image and not compact %} card--with-image{% endif %}">
  {% if article.hero_image and not compact %}
    <a class="card__image" href="{{ article.get_absolute_url }}" tabindex="-1" aria-hidden="true">{% if lead %}{% picture article.hero_image variant="card" sizes="(min-width: 72rem) 40rem, (min-width: 64rem) 55vw, 100vw" eager=True %}{% else %}{% picture article.hero_image variant="card" sizes=image_sizes %}{% endif %}</a>
  {% endif %}
  {% if article.section_id != current_section.pk %}
    <p class="card__section"><a href="{{ article.section.get_absolute_url }}">{{ article.section.name }}</a></p>
  {% endif %}
  {% if heading == "h3" %}
    <h3 class="card__title"><a href="{{ article.get_absolute_url }}">{{ article.title|typo }}</a></h3>
  {% else %}
    <h2 class="card__title"><a href="{{ article.get_absolute_url }}">{{ article.title|typo }}</a></h2>
  {% endif %}
  {% if article.standfirst and not compact and not brief %}<p class="card__standfirst">{{ article.standfirst|typo }}</p>{% endif %}
  <p class="card__meta">
    {% if article.for_subscribers %}<span class="badge badge--subscribers">Abonnés</span>{% endif %}
    {% if article.published_at %}<time datetime="{{ article.published_at|date_iso }}">{{ article.published_at|date_fr }}</time>{% endif %}
    {% if article.bylines.all %}<span class="card__byline">Par {% byline article link=False %}</span>{% endif %}
  </p>
</article>
"""  # noqa: E501
)
TAG = Template("{% load cards %}{% article_card article %}")
TAG_WITH_OPTIONS = Template(
    "{% load cards %}{% article_card article heading=heading lead=lead compact=compact "
    "brief=brief current_section=current_section image_sizes=image_sizes %}"
)


@pytest.fixture
def cards(make_article, author, sections, make_library_image):
    other = Author.objects.create(name="Paul <Martin> & fils", job_title="Pigiste")
    made = [
        make_article(title="L'Ondam <2026> & la « LFSS »", hero_image=make_library_image()),
        make_article(standfirst="", authors=[], section=sections["esante"]),
        make_article(authors=[author, other], tags=["Ondam"]),
        make_article(title="Réservé", access="abonnes"),
    ]
    return list(Article.objects.filter(pk__in=[a.pk for a in made]).for_listing())


OPTIONS = list(
    product(
        [None, "h3", "h2"],  # heading
        [False, True],  # lead
        [False, True],  # compact
        [False, True],  # brief
        [None, "politique", "esante"],  # current_section
        [None, "8rem"],  # image_sizes
    )
)


def test_same_markup_for_every_option(cards, sections):
    for article in cards:
        for heading, lead, compact, brief, section, sizes in OPTIONS:
            values = {
                "article": article,
                "heading": heading,
                "lead": lead,
                "compact": compact,
                "brief": brief,
                "current_section": sections[section] if section else None,
                "image_sizes": sizes,
            }
            expected = REFERENCE.render(Context(values))
            assert TAG_WITH_OPTIONS.render(Context(values)) == expected
            # Options not given to the tag come from the context, as with an include.
            assert TAG.render(Context(values)) == expected


def test_subscriber_articles_carry_the_badge_and_free_ones_do_not(cards):
    badges = ["badge--subscribers" in TAG.render(Context({"article": a})) for a in cards]
    assert badges == [a.title == "Réservé" for a in cards] and any(badges)


def test_same_markup_without_options(cards):
    for article in cards:
        assert TAG.render(Context({"article": article})) == REFERENCE.render(
            Context({"article": article})
        )


def test_card_dates_are_the_filters_dates():
    from datetime import UTC, datetime

    from articles.templatetags.cards import card_dates
    from articles.templatetags.newsroom import date_fr, date_iso

    for month in range(1, 13):
        # 23:30 UTC: already the next day (and month, at the end of one) in Paris.
        for value in (
            datetime(2026, month, 28, 23, 30, 15, 123, tzinfo=UTC),
            datetime(2026, month, 1, 9, 5, tzinfo=UTC),
        ):
            assert card_dates(value) == (date_iso(value), date_fr(value))
