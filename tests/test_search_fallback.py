"""The fallback search engine (the demo's, on SQLite), called directly.

It only uses portable lookups, so these tests run against whatever database the
suite uses: PostgreSQL in CI, SQLite by default.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Status
from authors.models import Author
from search.engines import DATE, FallbackEngine, SearchParams
from search.highlight import excerpt, matcher, plain_text
from search.normalize import clean_query, excluded_stems, fold, query_stems, stem
from tests.helpers import ago


def titles(**params):
    engine = FallbackEngine()
    search = SearchParams(**params)
    ids = engine.ranked_ids(search)
    return [article.title for article in engine.page(ids, search)]


# ------------------------------------------------------------------ normalisation


def test_fold_lowercases_and_strips_accents_and_punctuation():
    assert fold("L'Hôpital, la santé… et l’œuvre !") == " l hopital la sante et l oeuvre "
    assert fold("") == " "


@pytest.mark.parametrize(
    "word, expected",
    [
        ("hopitaux", "hopita"),
        ("hopital", "hopita"),
        ("medicaments", "medicament"),
        ("reseaux", "reseau"),
        ("sante", "sante"),
        ("ars", "ars"),
    ],
)
def test_crude_stemming(word, expected):
    assert stem(word) == expected


def test_query_stems_drop_stop_words_and_repeats():
    assert query_stems("Les hôpitaux et la santé des hôpitaux") == ["hopita", "sante"]
    assert query_stems("santé -mentale e-santé") == ["sante"]
    assert excluded_stems("santé -mentale e-santé") == ["mentale"]
    assert query_stems("le la les de du") == []
    assert query_stems("&|!:*() 😀") == []


def test_clean_query_caps_length_and_drops_control_characters():
    assert clean_query("  santé\x00 \t mentale\n") == "santé mentale"
    long = clean_query("hôpital " * 2000)
    assert 290 <= len(long) <= 300
    assert long.endswith("hôpital")


# ------------------------------------------------------------------ searching


def test_accents_plurals_and_case(make_article):
    make_article(title="La santé des hôpitaux")
    make_article(title="Un hôpital numérique")
    assert titles(q="SANTE") == ["La santé des hôpitaux"]
    assert set(titles(q="hopitaux")) == {"La santé des hôpitaux", "Un hôpital numérique"}


def test_words_match_at_the_start_of_words_only(make_article):
    make_article(title="Les pharmaciens d'officine")
    make_article(title="Une campagne de prévention")
    assert titles(q="pharmacie") == ["Les pharmaciens d'officine"]
    assert titles(q="vention") == []


def test_title_matches_first_then_recent_first(make_article):
    make_article(title="Actualité", body="<p>Les ARS et l'Ondam.</p>", published_at=ago(hours=1))
    make_article(title="L'Ondam voté", published_at=ago(days=300))
    make_article(title="L'Ondam rectifié", published_at=ago(days=30))
    assert titles(q="ondam") == ["L'Ondam rectifié", "L'Ondam voté", "Actualité"]
    assert titles(q="ondam", sort=DATE) == ["Actualité", "L'Ondam rectifié", "L'Ondam voté"]


def test_filters(make_article, sections, author):
    other = Author.objects.create(name="Marc Petit")
    make_article(title="Ehpad A", section=sections["politique"], tags=["Autonomie"])
    make_article(title="Ehpad B", section=sections["esante"], authors=[other])
    make_article(title="Ehpad C", section=sections["esante"], published_at=ago(days=400))
    tag = Tag.objects.get(name="Autonomie")
    parent = [sections["financement"].pk, sections["politique"].pk]
    assert titles(q="ehpad", section_ids=parent) == ["Ehpad A"]
    assert titles(q="ehpad", tag=tag) == ["Ehpad A"]
    assert titles(q="ehpad", author=other) == ["Ehpad B"]
    since = timezone.localdate() - timedelta(days=30)
    assert titles(q="ehpad", date_from=since, section_ids=[sections["esante"].pk]) == ["Ehpad B"]
    until = timezone.localdate() - timedelta(days=100)
    assert titles(q="ehpad", date_to=until) == ["Ehpad C"]


def test_unpublished_articles_never_appear(make_article):
    make_article(title="Radiologie brouillon", status=Status.DRAFT)
    make_article(title="Radiologie demain", published_at=timezone.now() + timedelta(hours=1))
    make_article(title="Radiologie expirée", published_at=ago(days=2), unpublish_at=ago(hours=1))
    make_article(title="Radiologie en ligne")
    assert titles(q="radiologie") == ["Radiologie en ligne"]
    assert titles(q="radiologie", sort=DATE) == ["Radiologie en ligne"]


def test_minus_excludes_a_word(make_article):
    make_article(title="La santé mentale des jeunes")
    make_article(title="La santé publique")
    assert titles(q="santé -mentale") == ["La santé publique"]
    assert titles(q="-santé") == []


def test_only_stop_words_find_nothing(make_article):
    make_article(title="Le budget de la santé")
    assert titles(q="le de la") == []


def test_index_follows_edits_and_tags(make_article):
    article = make_article(title="Titre provisoire")
    article.title = "Titre définitif sur la permanence des soins"
    article.save()
    article.tags.add("Urgences")
    assert titles(q="permanence") == [article.title]
    assert titles(q="urgences") == [article.title]
    assert titles(q="provisoire") == []


# ------------------------------------------------------------------ excerpts


def test_excerpt_marks_matches_whatever_the_accents_and_escapes():
    text = plain_text(
        "<b>Chapô</b> & co : l'HÔPITAL public.",
        "<p>Les hopitaux et l&#x27;h&ocirc;pital.</p>",
    )
    html = excerpt(text, matcher(query_stems("hôpitaux")))
    assert html == (
        "&lt;b&gt;Chapô&lt;/b&gt; &amp; co\u00a0: l’<mark>HÔPITAL</mark> public. "
        "Les <mark>hopitaux</mark> et l’<mark>hôpital</mark>."
    )


def test_excerpt_is_cut_around_a_late_match():
    text = " ".join(["mot"] * 200) + " la télémédecine arrive " + " ".join(["fin"] * 200)
    html = excerpt(text, matcher(["telemedecine"]))
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>télémédecine</mark>" in html
    assert len(html) < 320


def test_excerpt_without_match_is_the_start_of_the_text():
    assert excerpt("Un chapô court.", matcher(["absent"])) == "Un chapô court."
    assert excerpt("Un chapô <court>.", None) == "Un chapô &lt;court&gt;."


def test_page_excerpts_are_safe(make_article):
    make_article(
        title="Données de santé",
        standfirst="<img src=x onerror=alert(1)> Les données de santé.",
    )
    engine = FallbackEngine()
    params = SearchParams(q="donnees")
    [article] = engine.page(engine.ranked_ids(params), params)
    assert "<img" not in article.excerpt
    assert "&lt;img src=x onerror=alert(1)&gt;" in article.excerpt
    assert "<mark>données</mark>" in article.excerpt


def test_plain_text_ends_headings_like_sentences():
    body = "<h2>Le rôle des ARS</h2><p>Texte &amp; suite.</p><h2>Et après ?</h2><p>Fin.</p>"
    assert plain_text("Chapô.", body) == "Chapô. Le rôle des ARS. Texte & suite. Et après ? Fin."
