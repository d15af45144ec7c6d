"""Access level per article: free or for subscribers, by default the section's,
inherited down the tree, overridable per article; a badge on every card."""

import pytest

from articles.models import Article, Section
from articles.models.access import Access

pytestmark = pytest.mark.django_db


def level(article):
    return Article.objects.select_related("section").get(pk=article.pk).effective_access


def test_articles_are_free_unless_someone_decides_otherwise(make_article):
    assert level(make_article()) == Access.FREE


def test_a_section_default_applies_down_its_whole_branch(make_article, sections):
    deep = Section.objects.create(name="PLFSS", slug="plfss", parent=sections["politique"])
    article = make_article(section=deep)
    sections["financement"].access = Access.SUBSCRIBERS
    sections["financement"].save()
    assert level(article) == Access.SUBSCRIBERS
    assert Section.objects.get(pk=deep.pk).resolved_access == Access.SUBSCRIBERS
    # The sister tree is untouched.
    assert level(make_article(section=sections["esante"])) == Access.FREE


def test_a_subsection_may_set_its_own_default_and_keeps_it(make_article, sections):
    politique = sections["politique"]
    politique.access = Access.FREE
    politique.save()
    sections["financement"].access = Access.SUBSCRIBERS
    sections["financement"].save()
    assert level(make_article(section=politique)) == Access.FREE
    assert level(make_article(section=sections["financement"])) == Access.SUBSCRIBERS


def test_the_article_choice_wins_over_its_section(make_article, sections):
    sections["financement"].access = Access.SUBSCRIBERS
    sections["financement"].save()
    assert level(make_article(access=Access.FREE)) == Access.FREE
    assert level(make_article(section=sections["esante"], access="abonnes")) == "abonnes"


def test_moving_a_section_takes_its_new_parent_default(make_article, sections):
    sections["esante"].access = Access.SUBSCRIBERS
    sections["esante"].save()
    politique = sections["politique"]
    article = make_article(section=politique)
    politique.parent = sections["esante"]
    politique.save()
    assert level(article) == Access.SUBSCRIBERS


@pytest.mark.parametrize("url_of", ["home", "section", "tag", "author", "search"])
def test_every_list_shows_the_badge_on_subscriber_articles_only(
    url_of, make_article, client, author
):
    reserved = make_article(title="Dossier réservé", tags=["budget"], access=Access.SUBSCRIBERS)
    make_article(title="Dossier libre", tags=["budget"])
    url = {
        "home": "/",
        "section": reserved.section.get_absolute_url(),
        "tag": "/tags/budget/",
        "author": author.get_absolute_url(),
        "search": "/recherche/?q=dossier",
    }[url_of]
    content = client.get(url).content.decode()
    cards = content.split('<article class="card')[1:]
    by_title = {("réservé" in card): card for card in cards if "Dossier" in card}
    assert "badge--subscribers" in by_title[True]
    assert "badge--subscribers" not in by_title[False]
