"""Readers search the articles: French words, ranking, filters, sorting, excerpts.

These tests go through /recherche/, so they exercise PostgreSQL's full-text search
in CI and the fallback engine on SQLite; the few that only French stemming can pass
say so and are skipped on SQLite.
"""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Status
from authors.models import Author
from search import engines, views
from search.models import SearchEntry
from tests.helpers import ago, shown

RESULTS = re.compile(r'<ul class="article-list search-results">(.*?)</ul>', re.S)
TITLE = re.compile(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a></h2>', re.S)


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response


def titles(response):
    block = RESULTS.search(response.content.decode())
    return [html.unescape(t) for t in TITLE.findall(block.group(1))] if block else []


def found(client, **params):
    return titles(search(client, **params))


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Racinisation française : recherche plein texte de PostgreSQL")


# ------------------------------------------------------------------ French words


def test_accents_and_case_are_optional(client, make_article):
    make_article(title="La santé des soignants en question")
    make_article(title="Budget de la Sécurité sociale")
    assert found(client, q="sante") == ["La santé des soignants en question"]
    assert found(client, q="SANTÉ") == ["La santé des soignants en question"]
    assert found(client, q="securite sociale") == ["Budget de la Sécurité sociale"]


def test_plural_and_singular_find_each_other(client, make_article):
    make_article(title="Un hôpital sous tension")
    make_article(title="Les hôpitaux publics réclament des moyens")
    expected = {"Un hôpital sous tension", "Les hôpitaux publics réclament des moyens"}
    for query in ("hôpitaux", "hopitaux", "hôpital", "Hopital"):
        assert set(found(client, q=query)) == expected, query


def test_every_word_must_match(client, make_article):
    make_article(title="Pénuries de médicaments à l'hôpital")
    make_article(title="Pénuries de soignants")
    assert found(client, q="pénuries médicaments") == [shown("Pénuries de médicaments à l'hôpital")]


def test_french_stemming(client, make_article, postgresql_only):
    make_article(title="Le financement des urgences", body="<p>Rien d'autre.</p>")
    make_article(title="Vacciner en officine", body="<p>Les pharmaciens vaccinent.</p>")
    assert found(client, q="financer") == ["Le financement des urgences"]
    assert found(client, q="vaccination") == ["Vacciner en officine"]


def test_body_standfirst_and_tags_are_searched(client, make_article):
    make_article(title="Un", standfirst="Chapô sur la télésurveillance.")
    make_article(title="Deux", body="<p>Il est question de <strong>radiologie</strong>.</p>")
    make_article(title="Trois", tags=["Cybersécurité"])
    assert found(client, q="télésurveillance") == ["Un"]
    assert found(client, q="radiologie") == ["Deux"]
    assert found(client, q="cybersecurite") == ["Trois"]


def test_quoted_phrase_and_exclusion(client, make_article, postgresql_only):
    make_article(title="La santé mentale des jeunes")
    make_article(title="Mentale, la santé ? Un débat")
    make_article(title="La santé publique à l'hôpital")
    assert found(client, q='"santé mentale"') == ["La santé mentale des jeunes"]
    assert found(client, q="santé -mentale") == [shown("La santé publique à l'hôpital")]


# ------------------------------------------------------------------ ranking


def test_title_match_ranks_above_a_body_only_match(client, make_article):
    make_article(
        title="Actualité du jour",
        body="<p>Un mot sur la télémédecine.</p>",
        published_at=ago(hours=1),
    )
    make_article(title="La télémédecine progresse", published_at=ago(days=400))
    assert found(client, q="télémédecine") == ["La télémédecine progresse", "Actualité du jour"]


def test_standfirst_and_tags_rank_above_body(client, make_article, postgresql_only):
    make_article(title="Corps", body="<p>La biotech française.</p>", published_at=ago(hours=1))
    make_article(title="Chapô", standfirst="La biotech lève des fonds.", published_at=ago(days=300))
    make_article(title="Mot-clé", tags=["biotech"], published_at=ago(days=300))
    make_article(title="La biotech en titre", published_at=ago(days=600))
    result = found(client, q="biotech")
    assert result[0] == "La biotech en titre"
    assert set(result[1:3]) == {"Chapô", "Mot-clé"}
    assert result[3] == "Corps"


def test_recent_article_first_among_equals(client, make_article):
    make_article(title="Le PLFSS en commission", published_at=ago(days=30))
    make_article(title="Le PLFSS adopté", published_at=ago(days=1))
    make_article(title="Le PLFSS présenté", published_at=ago(days=90))
    assert found(client, q="plfss") == [
        "Le PLFSS adopté",
        "Le PLFSS en commission",
        "Le PLFSS présenté",
    ]


def test_sort_by_date(client, make_article):
    make_article(title="Réforme de l'Ondam", published_at=ago(days=200))
    make_article(title="Actualité", body="<p>L'Ondam encore.</p>", published_at=ago(days=2))
    assert found(client, q="ondam") == [shown("Réforme de l'Ondam"), "Actualité"]
    assert found(client, q="ondam", tri="date") == ["Actualité", shown("Réforme de l'Ondam")]


# ------------------------------------------------------------------ filters


def test_section_filter_includes_subsections(client, make_article, sections):
    make_article(title="Ehpad et politique", section=sections["politique"])
    make_article(title="Ehpad et numérique", section=sections["esante"])
    parent = sections["financement"].path
    assert found(client, q="ehpad", rubrique=parent) == ["Ehpad et politique"]
    assert found(client, q="ehpad", rubrique="e-sante") == ["Ehpad et numérique"]
    assert len(found(client, q="ehpad")) == 2


def test_tag_filter(client, make_article):
    tagged = make_article(title="Urgences saturées", tags=["Hôpital"])
    make_article(title="Urgences pédiatriques")
    tag = Tag.objects.get(name="Hôpital")
    assert found(client, q="urgences", tag=tag.slug) == [tagged.title]
    assert found(client, q="urgences", tag="hôpital") == [tagged.title]


def test_author_filter(client, make_article, author):
    other = Author.objects.create(name="Marc Petit")
    make_article(title="Internes en grève", authors=[author])
    make_article(title="Internes et gardes", authors=[other])
    assert found(client, q="internes", auteur=other.slug) == ["Internes et gardes"]
    assert found(client, q="internes", auteur=author.slug) == ["Internes en grève"]


def test_date_range_filter(client, make_article):
    make_article(title="Grippe : vaccination 2023", published_at=ago(days=700))
    make_article(title="Grippe : vaccination cette année", published_at=ago(days=10))
    start = timezone.localdate() - timedelta(days=30)
    recent, old = shown("Grippe : vaccination cette année"), shown("Grippe : vaccination 2023")
    assert found(client, q="grippe", du=start.isoformat()) == [recent]
    end = timezone.localdate() - timedelta(days=365)
    assert found(client, q="grippe", au=end.isoformat()) == [old]
    assert found(client, q="grippe", au=end.strftime("%d/%m/%Y")) == [old]


def test_filters_without_words_list_the_latest_articles(client, make_article, sections):
    make_article(title="Plus ancien", section=sections["esante"], published_at=ago(days=3))
    make_article(title="Plus récent", section=sections["esante"], published_at=ago(days=1))
    make_article(title="Ailleurs", section=sections["politique"])
    assert found(client, rubrique="e-sante") == ["Plus récent", "Plus ancien"]


# ------------------------------------------------------------------ visibility


def test_drafts_future_and_expired_articles_never_appear(client, make_article):
    make_article(title="Télésanté : brouillon", status=Status.DRAFT)
    make_article(title="Télésanté : à relire", status=Status.REVIEW, published_at=ago(days=1))
    make_article(title="Télésanté : dépublié", status=Status.UNPUBLISHED, published_at=ago(days=1))
    make_article(title="Télésanté : demain", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Télésanté : expiré", published_at=ago(days=10), unpublish_at=ago(minutes=1))
    make_article(title="Télésanté : en ligne")
    assert found(client, q="télésanté") == [shown("Télésanté : en ligne")]
    assert found(client, q="télésanté", tri="date") == [shown("Télésanté : en ligne")]
    assert found(client, tag="", rubrique="e-sante") == []
    response = search(client, q="brouillon demain expiré relire dépublié")
    assert "Télésanté" not in response.content.decode().split("search-summary")[1]


def test_scheduled_article_appears_at_its_minute(client, make_article):
    at = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    make_article(title="Annonce du plan psychiatrie", status=Status.SCHEDULED, published_at=at)
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert found(client, q="psychiatrie") == []
    with time_machine.travel(at, tick=False):
        assert found(client, q="psychiatrie") == ["Annonce du plan psychiatrie"]


# ------------------------------------------------------------------ excerpts


def test_excerpt_highlights_matches_and_escapes_html(client, make_article):
    make_article(
        title="Sécurité des données",
        standfirst="<script>alert('x')</script> Les hôpitaux & le cloud.",
        body="<p>Un <strong>hôpital</strong> sur deux est concerné.</p>",
    )
    page = search(client, q="hôpital").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x’)&lt;/script&gt;" in page  # ’: French typography
    assert "<mark>hôpitaux</mark> &amp; le cloud" in page
    assert "<mark>hôpital</mark> sur deux" in page
    assert "<strong>" not in page.split("search-results")[1]


def test_query_is_escaped_everywhere(client, make_article):
    make_article(title="Article")
    page = search(client, q='"><img src=x onerror=alert(1)>').content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


# ------------------------------------------------------------------ index in step


def test_index_follows_an_edit(client, make_article):
    article = make_article(title="Ancien titre sur la dialyse")
    assert found(client, q="dialyse") == ["Ancien titre sur la dialyse"]
    article.title = "Nouveau titre sur la greffe"
    article.body = "<p>La greffe rénale.</p>"
    article.save()
    assert found(client, q="dialyse") == []
    assert found(client, q="greffe") == ["Nouveau titre sur la greffe"]


def test_index_follows_tag_changes(client, make_article):
    article = make_article(title="Un article")
    article.tags.add("Télémédecine")
    assert found(client, q="télémédecine") == ["Un article"]
    article.tags.set(["Ehpad"])
    assert found(client, q="télémédecine") == []
    assert found(client, q="ehpad") == ["Un article"]
    tag = Tag.objects.get(name="Ehpad")
    tag.name = "Établissements pour personnes âgées"
    tag.save()
    assert found(client, q="établissements âgées") == ["Un article"]
    assert found(client, q="ehpad", tag=tag.slug) == []
    article.tags.clear()
    assert found(client, q="établissements") == []


def test_tag_filter_follows_tag_changes(client, make_article):
    article = make_article(title="Psychiatrie publique")
    article.tags.add("Santé mentale")
    tag = Tag.objects.get(name="Santé mentale")
    assert found(client, q="psychiatrie", tag=tag.slug) == ["Psychiatrie publique"]
    tag.delete()
    assert found(client, q="mentale") == []
    assert found(client, q="psychiatrie") == ["Psychiatrie publique"]


def test_author_filter_follows_byline_changes(client, make_article, author):
    other = Author.objects.create(name="Sophie Martin")
    # A published byline elsewhere: an author without one is not a filter at all.
    make_article(title="Autre sujet", authors=[other])
    article = make_article(title="Cliniques privées", authors=[author])
    assert found(client, q="cliniques", auteur=other.slug) == []
    ArticleAuthor.objects.create(article=article, author=other, position=1)
    assert found(client, q="cliniques", auteur=other.slug) == ["Cliniques privées"]
    ArticleAuthor.objects.filter(article=article, author=other).delete()
    assert found(client, q="cliniques", auteur=other.slug) == []


def test_deleting_an_article_deletes_its_entry(make_article):
    article = make_article(title="À supprimer", tags=["ARS", "HAS"])
    assert SearchEntry.objects.filter(article=article).exists()
    article.delete()
    assert not SearchEntry.objects.exists()


def test_rebuild_command_indexes_bulk_created_articles(client, make_article, sections):
    make_article(title="Déjà là")
    Article.objects.bulk_create(
        [
            Article(
                title=f"Kinésithérapie, épisode {i}",
                slug=f"kine-{i}",
                standfirst="Chapô.",
                section=sections["esante"],
                status=Status.PUBLISHED,
                published_at=ago(days=i + 1),
            )
            for i in range(3)
        ]
    )
    assert found(client, q="kinésithérapie") == []
    call_command("rebuild_search_index", jobs=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(found(client, q="kinésithérapie")) == 3
    assert SearchEntry.objects.count() == 4


# ------------------------------------------------------------------ the page


def test_pagination_keeps_the_query_and_filters(client, make_article, monkeypatch):
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 2)
    for i in range(5):
        make_article(title=f"Interopérabilité, volet {i}", published_at=ago(days=i))
    page = search(client, q="interopérabilité", tri="date").content.decode()
    assert "5 résultats" in page
    assert 'href="?q=interop%C3%A9rabilit%C3%A9&amp;tri=date&amp;page=2"' in page
    second = found(client, q="interopérabilité", tri="date", page="2")
    assert second == ["Interopérabilité, volet 2", "Interopérabilité, volet 3"]


def test_results_are_capped(client, make_article, monkeypatch):
    monkeypatch.setattr(engines, "MAX_RESULTS", 3)
    for i in range(5):
        make_article(title=f"Biosimilaires {i}", published_at=ago(days=i))
    page = search(client, q="biosimilaires").content.decode()
    assert "Plus de 3 résultats" in page
    assert found(client, q="biosimilaires") == [f"Biosimilaires {i}" for i in range(3)]


def test_empty_query_shows_help_and_latest_articles(client, make_article):
    make_article(title="Dernier article publié")
    make_article(title="Brouillon", status=Status.DRAFT)
    page = search(client).content.decode()
    assert "Saisissez un ou plusieurs mots" in page
    assert "Dernier article publié" in page
    assert "Brouillon" not in page


def test_no_result_message(client, make_article):
    make_article(title="Article")
    page = search(client, q="zzyzx").content.decode()
    assert "Aucun résultat pour « zzyzx »" in page


def test_header_search_form():
    from django.template.loader import render_to_string

    form = render_to_string("search/_header_form.html", {"search_query": "santé"})
    assert 'action="/recherche/"' in form
    assert 'name="q" value="santé"' in form
    assert 'role="search"' in form


def _count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "vaccination"},
        {"q": "vaccination", "tri": "date"},
        {"q": "vaccination", "tag": "prevention", "rubrique": "e-sante", "du": "2000-01-01"},
        {"rubrique": "e-sante"},
    ],
)
def test_constant_number_of_queries(client, make_article, sections, author, params):
    def add(n):
        for i in range(n):
            other = Author.objects.create(name=f"Auteur {Author.objects.count()}")
            make_article(
                title=f"Vaccination {i}",
                section=sections["esante"],
                authors=[author, other],
                tags=["Prévention", f"Tag {i}", f"Autre {i}"],
            )

    add(2)
    search(client, **params)  # PostgreSQL's word statistics, read every few minutes
    few = _count_queries(client, params)
    add(20)
    assert _count_queries(client, params) == few
    assert few <= 10


@pytest.mark.parametrize("window", [2, 50])
def test_common_words_try_the_most_recent_entries_first(
    client, make_article, monkeypatch, postgresql_only, window
):
    from search import postgres

    # Every word "common": the most recent `window` entries are tried first, and the
    # whole index when they hold fewer than MAX_RESULTS matches.
    monkeypatch.setattr(postgres, "lexeme_frequencies", lambda: {"dialys": 0.5, "renal": 0.5})
    monkeypatch.setattr(postgres, "WINDOW", window)
    monkeypatch.setattr(engines, "MAX_RESULTS", 3)
    for i in range(5):
        make_article(title=f"Dialyse rénale, volet {i}", published_at=ago(days=i + 1))
    make_article(title="Dialyse seule", published_at=ago(hours=2))
    expected = [f"Dialyse rénale, volet {i}" for i in range(3)]
    assert found(client, q="dialyse rénale", tri="date") == expected
    assert found(client, q="dialyse rénale") == expected
