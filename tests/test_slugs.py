"""French titles give readable, unique slugs."""

import pytest

from articles.models import Article, Section
from articles.slugs import french_slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Le numérique s’ancre", "le-numerique-s-ancre"),
        ("L'hôpital public à l'épreuve", "l-hopital-public-a-l-epreuve"),
        ("Ségur : « la réforme » d’ici 2027 !", "segur-la-reforme-d-ici-2027"),
        ("Le cœur du Ségur", "le-coeur-du-segur"),
        ("  Œuvre   côté   Français  ", "oeuvre-cote-francais"),
    ],
)
def test_french_slugify(title, slug):
    assert french_slugify(title) == slug


def test_title_that_slugifies_to_nothing_gets_a_valid_slug(sections):
    first = Article.objects.create(title="!!! ?", standfirst="x", section=sections["esante"])
    second = Article.objects.create(title="« — »", standfirst="x", section=sections["esante"])
    assert first.slug == "article"
    assert second.slug == "article-2"


def test_colliding_titles_get_distinct_slugs(sections):
    slugs = {
        Article.objects.create(
            title="Le PLFSS 2027 adopté", standfirst="x", section=sections["politique"]
        ).slug
        for _ in range(3)
    }
    assert slugs == {"le-plfss-2027-adopte", "le-plfss-2027-adopte-2", "le-plfss-2027-adopte-3"}


def test_article_slug_avoids_a_subsection_of_its_section(sections):
    """/financement-et-politiques-publiques/politique-de-sante/ must stay the subsection."""
    article = Article.objects.create(
        title="Politique de santé", standfirst="x", section=sections["financement"]
    )
    assert article.slug == "politique-de-sante-2"


def test_long_title_is_truncated_to_the_field(sections):
    article = Article.objects.create(title="Très " * 50, standfirst="x", section=sections["esante"])
    assert 0 < len(article.slug) <= 200
    assert not article.slug.endswith("-")


def test_section_paths_follow_the_tree(sections):
    politique = sections["politique"]
    assert politique.path == "financement-et-politiques-publiques/politique-de-sante"
    assert (
        politique.get_absolute_url() == "/financement-et-politiques-publiques/politique-de-sante/"
    )
    financement = sections["financement"]
    financement.slug = "financement"
    financement.save()
    politique = Section.objects.get(pk=politique.pk)
    assert politique.path == "financement/politique-de-sante"
