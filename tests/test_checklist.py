"""The pre-publication checklist's rules (articles.checklist): each item passing and failing.

Computed from plain values; internal links are looked up among published articles, in
a fixed number of queries, and an unpublished article answers like an unknown address.
"""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.checklist import BLOCKING, OK, WARNING, HeroImage, Values, evaluate
from articles.models import Status

COMPLETE = Values(
    title="Le numérique s'ancre dans les hôpitaux publics",
    standfirst="Les établissements accélèrent leurs investissements : dossiers partagés, "
    "télésurveillance et cybersécurité.",
    section="Politique de santé",
    author_count=1,
    tag_names=("hôpital",),
    hero=HeroImage(alt_text="Couloir d'un hôpital", credit="Rédaction"),
    body="<h2>Un intertitre</h2><p>Le texte.</p>",
)


def items_of(values=COMPLETE, **changes):
    return {item.code: item for item in evaluate(replace(values, **changes))}


def state(code, **changes):
    return items_of(**changes)[code].state


def test_a_complete_article_has_every_item_ok():
    items = evaluate(COMPLETE)
    assert [(i.code, i.state) for i in items if i.state != OK] == []
    assert [i.code for i in items] == [
        "title", "standfirst", "section", "authors", "tags", "hero_image", "hero_alt",
        "hero_credit", "body_images", "internal_links", "external_links", "headings",
    ]  # fmt: skip
    assert {i.state_label for i in items} == {"OK"}


# --- Title and standfirst ------------------------------------------------------------------


def test_title_too_long_for_search_engines_is_a_warning_that_says_by_how_much():
    item = items_of(title="x" * 92)["title"]
    assert item.state == WARNING and item.state_label == "À vérifier"
    assert item.explanation == (
        "Le titre fait 92 caractères : 70 au plus pour les moteurs de recherche."
    )


def test_title_very_short_is_a_warning_and_an_empty_title_blocks():
    assert state("title", title="Santé") == WARNING
    item = items_of(title="   ")["title"]
    assert item.state == BLOCKING and item.state_label == "À corriger"


def test_title_of_seventy_characters_passes():
    assert state("title", title="x" * 70) == OK


@pytest.mark.parametrize(
    ("length", "expected"), [(49, WARNING), (50, OK), (160, OK), (161, WARNING)]
)
def test_standfirst_length_for_the_meta_description(length, expected):
    assert state("standfirst", standfirst="x" * length) == expected


def test_an_empty_standfirst_blocks_and_a_long_one_says_it_will_be_cut():
    assert state("standfirst", standfirst="") == BLOCKING
    assert "coupé" in items_of(standfirst="mot " * 60)["standfirst"].explanation


# --- Classification ------------------------------------------------------------------------


def test_section_missing_blocks():
    assert state("section", section=None) == BLOCKING
    assert state("section") == OK


def test_no_author_blocks_and_several_pass():
    assert state("authors", author_count=0) == BLOCKING
    assert items_of(author_count=2)["authors"].explanation == "2 auteurs."


def test_no_tag_is_a_warning():
    assert state("tags", tag_names=()) == WARNING
    assert items_of(tag_names=("hôpital", "PLFSS"))["tags"].explanation == "hôpital, PLFSS"


# --- Hero image ----------------------------------------------------------------------------


def test_no_hero_image_is_a_warning_without_alt_or_credit_items():
    items = items_of(hero=None)
    assert items["hero_image"].state == WARNING
    assert "hero_alt" not in items and "hero_credit" not in items


def test_hero_image_without_alt_text_blocks_and_a_decorative_one_is_a_warning():
    assert state("hero_alt", hero=HeroImage(alt_text=" ", credit="AFP")) == BLOCKING
    assert state("hero_alt", hero=HeroImage(is_decorative=True, credit="AFP")) == WARNING


def test_hero_image_without_credit_is_a_warning():
    assert state("hero_credit", hero=HeroImage(alt_text="Un couloir", credit="")) == WARNING
    assert state("hero_credit") == OK


# --- Body: images and headings ---------------------------------------------------------------


def test_body_image_without_alt_text_blocks_and_names_which_one():
    body = '<p><img src="https://cdn.example.org/a.jpg" alt="Une carte"></p>'
    body += '<p><img src="https://cdn.example.org/b.jpg" alt=""></p>'
    item = items_of(body=body)["body_images"]
    assert item.state == BLOCKING
    assert "n° 2" in item.explanation and "n° 1" not in item.explanation


def test_body_images_with_alt_text_or_from_the_library_pass():
    body = (
        '<p><img src="https://cdn.example.org/a.jpg" alt="Une carte"></p>'
        # The library's text is used when none is typed (images.embed).
        '<figure><img src="/media/x.jpg" alt="" data-file="42"></figure>'
        '<figure data-image="7"><figcaption>Ancienne figure</figcaption></figure>'
    )
    assert state("body_images", body=body) == OK
    assert state("body_images", body="<p>Pas d'image.</p>") == OK


@pytest.mark.parametrize(
    "heading", ["<h2></h2>", "<h3>  <br> </h3>", "<h2><strong> </strong></h2>"]
)
def test_an_empty_heading_blocks(heading):
    assert state("headings", body=f"<h2>Plein</h2><p>x</p>{heading}") == BLOCKING


def test_filled_headings_pass():
    assert state("headings", body="<h2>Un</h2><h3>Deux <em>et demi</em></h3>") == OK


def test_the_body_is_read_as_it_would_be_saved():
    # A forged <script> is dropped with its content; an outside image's missing alt counts.
    body = '<script>"<h2></h2>"</script><img src="https://x.example.org/a.jpg">'
    items = items_of(body=body)
    assert items["headings"].state == OK and items["body_images"].state == BLOCKING


# --- External links --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "https://www.has-sante.fr/jcms/c_1",
        "http://example.org/a?b=1#c",
        "mailto:redaction@exemple.fr",
    ],
)
def test_well_formed_external_links_pass(href, db):
    assert state("external_links", body=f'<p><a href="{href}">lien</a></p>') == OK


@pytest.mark.parametrize(
    "href",
    [
        "www.has-sante.fr",  # no scheme: relative to the article's page for a browser
        "//www.has-sante.fr/x",
        "https://has-sante",  # no domain
        "mailto:redaction",
        "javascript:alert(1)",  # refused by the cleaner: the link is left without an address
        "",
    ],
)
def test_malformed_external_links_block(href, db):
    item = items_of(body=f'<p><a href="{href}">lien</a></p>')["external_links"]
    assert item.state == BLOCKING


# --- Internal links --------------------------------------------------------------------------


def link(url):
    return f'<p><a href="{url}">voir</a></p>'


def test_internal_link_to_a_published_article_or_a_section_passes(make_article, sections):
    article = make_article()
    body = link(article.get_absolute_url()) + link(sections["politique"].get_absolute_url())
    body += link(f"http://testserver{article.get_absolute_url()}#suite") + link("/tags/hopital/")
    assert state("internal_links", body=body) == OK


def test_internal_link_to_an_unpublished_article_blocks_like_an_unknown_address(make_article):
    draft = make_article(status=Status.DRAFT)
    unpublished = items_of(body=link(draft.get_absolute_url()))["internal_links"]
    unknown = items_of(body=link(draft.get_absolute_url().replace(draft.slug, "inconnu")))
    assert unpublished.state == BLOCKING
    # Nothing tells a journalist that someone's draft lives at that address.
    assert re.sub("«[^»]*»", "", unpublished.explanation) == re.sub(
        "«[^»]*»", "", unknown["internal_links"].explanation
    )


def test_internal_link_to_a_trashed_or_expired_article_blocks(make_article):
    trashed = make_article(deleted_at=timezone.now())
    expired = make_article(unpublish_at=timezone.now() - timedelta(minutes=1))
    for article in (trashed, expired):
        assert state("internal_links", body=link(article.get_absolute_url())) == BLOCKING


def test_internal_links_to_the_admin_or_a_share_preview_block(db):
    for url in ("/admin/articles/article/3/change/", "http://testserver/apercu/abc/"):
        item = items_of(body=link(url))["internal_links"]
        assert item.state == BLOCKING, url


def test_a_link_to_an_article_scheduled_earlier_passes_at_the_publication_date(make_article):
    soon = timezone.now() + timedelta(hours=2)
    scheduled = make_article(status=Status.SCHEDULED, published_at=soon)
    body = link(scheduled.get_absolute_url())
    assert state("internal_links", body=body) == BLOCKING
    assert state("internal_links", body=body, links_at=soon + timedelta(hours=1)) == OK


def test_links_are_checked_in_a_fixed_number_of_queries(make_article, django_assert_num_queries):
    articles = [make_article() for _ in range(3)]
    body = "".join(link(a.get_absolute_url()) for a in articles) + link("/a/b/c/")
    with django_assert_num_queries(2):  # the sections, then the published articles
        few = items_of(body=body)["internal_links"]
    body += "".join(link(f"/rubrique/article-{n}/") for n in range(200))
    with django_assert_num_queries(2):
        many = items_of(body=body)["internal_links"]
    assert few.state == many.state == BLOCKING
    assert "(et 198 autres)" in many.explanation


def test_a_huge_number_of_links_is_bounded_and_said(db):
    body = "".join(link(f"https://example.org/{n}") for n in range(400))
    items = items_of(body=body)
    assert items["unchecked_links"].state == WARNING
    assert items["external_links"].state == OK
