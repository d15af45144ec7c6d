"""What a visitor of a freshly seeded demo sees: the README's example article, a news
sitemap with today's articles, and pictures that never repeat on a page."""

import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import Count
from django.utils import timezone

from articles.demo.illustrations import LEGACY_CREDIT
from articles.models import Article, Section
from authors.models import Author
from images.demo import DEMO_CREDIT, create_demo_image
from images.models import Image
from tests.seeded_demo import page_text, rolled_back_demo, seed

pytestmark = pytest.mark.django_db

EXAMPLE = "/financement-et-politiques-publiques/politique-de-sante/le-numerique-s-ancre/"
README = Path(__file__).resolve().parent.parent / "README.md"
TAGS = ["Diagnostic", "Industrie", "Intelligence Artificielle", "Laboratoires", "Ministère",
        "Stratégie"]  # fmt: skip


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with rolled_back_demo(django_db_blocker, tmp_path_factory.mktemp("demo-media")) as output:
        yield output


def test_the_readme_example_article_is_the_showcase(demo, client):
    assert EXAMPLE in README.read_text()
    response = client.get(EXAMPLE)
    assert response.status_code == 200
    text = page_text(response)
    assert "Le numérique s’ancre au Comité stratégique de filière" in text
    assert "Par Aurélie Dureuil" in text
    assert "Publié le " in text and "Mis à jour le " in text
    assert "Un axe dédié à l’intelligence artificielle" in text
    assert "Des laboratoires au diagnostic, une stratégie à consolider" in text
    assert "Ressources" in text
    assert "Contrat stratégique de la filière industries et technologies de santé (PDF)" in text
    tags = re.findall(r'<a [^>]*href="/tags/[^"]+/"[^>]*>([^<]+)</a>', response.content.decode())
    assert sorted({tag.strip() for tag in tags}) == TAGS
    assert "Besoin d’informations complémentaires ? Contactez notre service d’études" in text
    assert "Contacter le service d’études" in text
    # Free to read: the last paragraph is there for an anonymous visitor.
    assert "se traduise en engagements mesurables" in text


def test_the_showcase_leads_the_home_page(demo, client):
    article = Article.objects.get(slug="le-numerique-s-ancre")
    assert (article.featured, article.home_position, article.access) == (True, 1, "")
    assert [a.name for a in article.authors.all()] == ["Aurélie Dureuil"]
    assert sorted(article.tags.names()) == TAGS
    assert article.hero_image and Author.objects.get(name="Aurélie Dureuil").job_title
    assert "Le numérique s’ancre" in page_text(client.get("/"))


def test_a_fresh_demo_has_articles_of_the_last_hours(demo, client):
    now = timezone.now()
    published = list(Article.objects.published())
    assert len([a for a in published if a.published_at > now - timedelta(hours=7)]) >= 4
    assert published[0].published_at > now - timedelta(hours=2)
    sitemap = client.get("/sitemap-news.xml")
    assert sitemap.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    assert len(locations) >= 4
    assert any(location.endswith(EXAMPLE) for location in locations)
    # Then sparser back over about two years.
    assert published[-1].published_at < now - timedelta(days=365)
    assert len([a for a in published if a.published_at > now - timedelta(days=30)]) < 25


def test_no_two_demo_articles_share_a_picture(demo):
    heroes = list(Article.objects.exclude(hero_image=None).values_list("hero_image", flat=True))
    figures = [
        int(pk) for a in Article.objects.all() for pk in re.findall(r'data-file="(\d+)"', a.body)
    ]
    assert len(heroes) > 40 and len(figures) >= 5
    assert len(set(heroes + figures)) == len(heroes) + len(figures)
    demo_images = Image.objects.filter(credit=DEMO_CREDIT)
    assert demo_images.count() == len(heroes) + len(figures)  # and none drawn for nothing
    alts = [image.alt_text for image in demo_images]
    assert len(set(alts)) == len(alts)
    assert all(alt.startswith("Illustration abstraite : ") for alt in alts)


def _pictures_per_original(html):
    """How many <picture> elements of the page show each original (renditions share
    a folder named after their original)."""
    found = Counter()
    for picture in re.findall(r"<picture.*?</picture>", html, flags=re.S):
        found.update(set(re.findall(r"images/renditions/([^/]+)/", picture)))
    return found


def test_no_page_shows_a_picture_twice(demo, client):
    busiest_tag = (
        Article.objects.published().values("tags__slug").annotate(n=Count("pk")).order_by("-n")[0]
    )
    with_figure = [
        a.get_absolute_url()
        for a in Article.objects.published().exclude(hero_image=None).filter(access="")
        if 'data-file="' in a.body
    ]
    pages = [
        "/",
        EXAMPLE,
        f"/tags/{busiest_tag['tags__slug']}/",
        *(f"/{section.path}/" for section in Section.objects.top_level()),
        *with_figure[:2],
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        shown = _pictures_per_original(response.content.decode())
        assert shown, page
        assert max(shown.values()) == 1, (page, shown.most_common(2))


def test_reseeding_removes_the_earlier_demo_pictures_nothing_uses(demo):
    unused = create_demo_image(90, credit=LEGACY_CREDIT)
    kept = create_demo_image(91, credit=LEGACY_CREDIT)
    Image.objects.filter(pk__in=[unused.pk, kept.pk]).update(
        alt_text="Illustration abstraite : « E-santé »"
    )
    Author.objects.filter(name="Nadia Benali").update(photo=kept)
    seed()
    assert not Image.objects.filter(pk=unused.pk).exists()
    assert Image.objects.filter(pk=kept.pk).exists()
