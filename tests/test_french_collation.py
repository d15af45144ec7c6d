"""Tags and lists readers see are in French alphabetical order: case and accents do not
put "ONDAM" first nor "économie" last (articles/collation.py)."""

import re

from articles.collation import french_sort_key, sorted_fr
from articles.models import Section
from authors.models import Author

TAG_LIST = re.compile(r'<ul class="tags__list">(.*?)</ul>', re.S)
TAG = re.compile(r'rel="tag">(.*?)</a>')


def test_case_and_accents_do_not_decide_the_order():
    names = ["ONDAM", "budget", "Éthique", "économie", "œuvre", "Officine"]
    assert sorted(names, key=french_sort_key) == [
        "budget", "économie", "Éthique", "œuvre", "Officine", "ONDAM",
    ]  # fmt: skip


def test_ties_are_always_in_the_same_order():
    assert sorted(["sante", "Santé", "santé", "Sante"], key=french_sort_key) == sorted(
        ["Santé", "Sante", "santé", "sante"], key=french_sort_key
    )


def test_the_article_page_lists_its_tags_in_french_order(client, make_article):
    article = make_article(tags=["ONDAM", "budget", "Éthique", "économie"])
    page = client.get(article.get_absolute_url()).content.decode()
    assert TAG.findall(TAG_LIST.search(page).group(1)) == ["budget", "économie", "Éthique", "ONDAM"]


def test_subsections_in_french_order_at_the_same_position(client, sections):
    parent = sections["financement"]
    for name in ["Officine", "établissements", "Assurance maladie"]:
        Section.objects.create(name=name, slug=name.lower()[:5].replace("é", "e"), parent=parent)
    page = client.get(parent.get_absolute_url()).content.decode()
    nav = page[page.index('class="subsections"') :]
    found = [nav.index(name) for name in ["Assurance maladie", "établissements", "Officine"]]
    assert found == sorted(found)


def test_search_offers_authors_in_french_order(client, make_article):
    make_article(authors=[Author.objects.create(name="Zoé Martin")])
    make_article(authors=[Author.objects.create(name="Émilie Roux")])
    make_article(authors=[Author.objects.create(name="claire Petit")])
    page = client.get("/recherche/").content.decode()
    found = [page.index(f">{name}<") for name in ["claire Petit", "Émilie Roux", "Zoé Martin"]]
    assert found == sorted(found)


def test_sorted_fr_by_attribute():
    class Tag:
        def __init__(self, name):
            self.name = name

    tags = [Tag("Zèbre"), Tag("abeille"), Tag("Éléphant")]
    assert [t.name for t in sorted_fr(tags, "name")] == ["abeille", "Éléphant", "Zèbre"]
