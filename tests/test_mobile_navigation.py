"""Issue 12: the menu of small screens, one search box, the search filters folded.

The menu is a <details> in the header (it opens with the keyboard and reads as a button
without any script); its panel lists the sections on every public page, read in the one
query of the navigation. The search page shows one search box, and its filters sit
behind « Filtrer les résultats », open only when a filter (or a sort) is chosen.
"""

import pytest
from django.templatetags.static import static
from lxml import html

from tests.helpers import shown

pytestmark = pytest.mark.django_db


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return html.fromstring(response.content)


@pytest.fixture
def public_urls(make_article, sections, author):
    article = make_article(title="Le budget de la Sécurité sociale", tags=["PLFSS"])
    return [
        "/",
        sections["financement"].get_absolute_url(),
        sections["politique"].get_absolute_url(),
        article.get_absolute_url(),
        "/tags/plfss/",
        author.get_absolute_url(),
        "/recherche/",
        "/recherche/?q=budget",
    ]


def menu_of(doc):
    (menu,) = doc.xpath('//header//details[contains(@class, "site-menu")]')
    return menu


def test_every_public_page_has_a_menu_button_with_the_sections(client, public_urls, sections):
    for url in public_urls:
        doc = page(client, url)
        menu = menu_of(doc)
        assert not menu.get("open"), f"{url}: le menu est fermé au chargement"
        (summary,) = menu.xpath("./summary")
        assert summary.text_content().strip() == "Menu"
        (panel,) = menu.xpath("./nav")
        assert summary.get("aria-controls") == panel.get("id")
        assert panel.get("aria-label") == "Menu des rubriques"
        links = {a.text_content().strip(): a.get("href") for a in panel.xpath(".//a")}
        assert (
            links["Financement et politiques publiques"] == "/financement-et-politiques-publiques/"
        )
        assert links["E-santé"] == "/e-sante/"
        assert links["Mon compte"] == "/comptes/"
        # The desktop bar is still there, its own landmark.
        assert doc.xpath('//nav[@aria-label="Rubriques"]//a[@href="/e-sante/"]'), url


def test_the_menu_marks_the_current_section(client, sections):
    doc = page(client, sections["politique"].get_absolute_url())
    (active,) = menu_of(doc).xpath('.//a[contains(@class, "is-active")]')
    assert active.text_content() == "Financement et politiques publiques"


def test_the_menu_script_is_a_deferred_static_file(client):
    doc = page(client, "/")
    (script,) = doc.xpath(f'//script[@src="{static("js/site-menu.js")}"]')
    assert script.get("defer") is not None
    assert not doc.xpath("//script[not(@src)]"), "aucun script en ligne"
    assert not doc.xpath("//*[@style]"), "aucun style en ligne"


@pytest.mark.page_cache_off
def test_the_menu_costs_no_query_per_section(client, sections, make_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Section

    make_article()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for i in range(6):
        Section.objects.create(name=f"Rubrique {i}", slug=f"rubrique-{i}", position=10 + i)
    with CaptureQueriesContext(connection) as more:
        doc = page(client, "/")
    assert len(more) == len(few)
    # 2 top-level sections and the sub-section of the fixtures, the 6 new ones, « Mon compte ».
    assert len(menu_of(doc).xpath(".//a")) == 2 + 1 + 6 + 1


def test_the_menu_is_the_section_tree(client, sections, make_article):
    make_article()
    menu = menu_of(page(client, "/"))
    top = sections["financement"]
    child = sections["politique"]
    [item] = [
        li for li in menu.xpath(".//li") if li.xpath(f"./a[@href='{top.get_absolute_url()}']")
    ]
    assert item.xpath(f".//ul//a[@href='{child.get_absolute_url()}']"), "sub-section nested"


def search_inputs(doc):
    return doc.xpath('//input[@name="q"]')


def test_the_search_page_has_one_search_box(client, make_article):
    make_article(title="Le budget de l'hôpital")
    for params in ({}, {"q": "budget"}, {"q": "budget", "tri": "date"}):
        doc = page(client, "/recherche/", **params)
        (box,) = search_inputs(doc)
        assert box.get("id") == "id_q"
        assert box.get("value", "") == params.get("q", "")
        # Labelled (for screen readers) even though the label is not shown.
        assert doc.xpath('//label[@for="id_q"]')[0].text_content() == "Rechercher"
    # Elsewhere, the header's.
    (box,) = search_inputs(page(client, "/"))
    assert box.get("id") == "site-search-q"


def filters_of(doc):
    (details,) = doc.xpath('//form[contains(@class, "search-form")]//details')
    assert details.xpath("./summary")[0].text_content().strip() == "Filtrer les résultats"
    assert details.xpath('.//select[@name="rubrique"]') and details.xpath('.//input[@name="du"]')
    return details


def test_the_search_filters_are_folded_unless_one_is_chosen(client, make_article, sections):
    make_article(title="Le budget de l'hôpital")
    for params in ({}, {"q": "budget"}, {"q": "budget", "page": "1"}, {"q": "budget", "tri": ""}):
        assert filters_of(page(client, "/recherche/", **params)).get("open") is None, params
    for params in (
        {"q": "budget", "rubrique": sections["financement"].path},
        {"q": "budget", "du": "2020-01-01"},
        {"q": "budget", "tri": "date"},
        {"tag": "plfss"},
        # An invalid filter is shown with its message: the panel must be open to show it.
        {"q": "budget", "du": "pas une date"},
    ):
        assert filters_of(page(client, "/recherche/", **params)).get("open") is not None, params


def test_the_first_result_comes_before_the_filters_fields_in_reading_order(client, make_article):
    """The results follow the form directly: nothing but the folded panel in between."""
    make_article(title="Le budget de l'hôpital")
    doc = page(client, "/recherche/", q="budget")
    header = doc.xpath('//header[contains(@class, "page-header")]')[0]
    assert [el.tag for el in header] == ["h1", "form"]
    assert doc.xpath('//ul[contains(@class, "search-results")]//h2')[0].text_content() == (
        shown("Le budget de l'hôpital")
    )
