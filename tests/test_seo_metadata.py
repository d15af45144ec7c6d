"""SEO and sharing metadata: <title>, description, canonical URL, Open Graph, Twitter card,
and the JSON-LD of article pages (NewsArticle, BreadcrumbList).

The <title> and <meta name="description"> are read by people (tabs, search results): they
get French typography (``shown``). Open Graph, Twitter and JSON-LD stay the stored text."""

import json
import re
from datetime import timedelta

import lxml.html
import pytest
from django.utils import timezone

from articles.models import Section, ShareLink, Status
from articles.templatetags.newsroom import date_iso
from authors.models import Author
from tests.helpers import shown

BASE = "http://testserver"
SITE = "Santé Politique"
TRICKY_TITLE = 'Le « PLFSS » et les "urgences" </script><script>alert(1)</script> & co 🏥'


class Page:
    """The metadata of a rendered page, read back the way a crawler would."""

    def __init__(self, response):
        assert response.status_code == 200
        self.html = response.content.decode()
        self.root = lxml.html.fromstring(response.content)

    @property
    def title(self):
        return self.root.findtext(".//title")

    def meta(self, key):
        """content of <meta name=key> or <meta property=key>; None if absent, error if twice."""
        found = self.root.xpath("//head/meta[@name=$k or @property=$k]/@content", k=key)
        assert len(found) <= 1, f"{key} given {len(found)} times"
        return found[0] if found else None

    def metas(self, key):
        return self.root.xpath("//head/meta[@property=$k]/@content", k=key)

    @property
    def canonical(self):
        found = self.root.xpath('//head/link[@rel="canonical"]/@href')
        assert len(found) <= 1
        return found[0] if found else None

    @property
    def json_ld(self):
        scripts = self.root.xpath('//script[@type="application/ld+json"]')
        return [json.loads(script.text) for script in scripts]

    def ld(self, kind):
        (found,) = [data for data in self.json_ld if data["@type"] == kind]
        return found


def get(client, url):
    return Page(client.get(url))


@pytest.fixture
def coauthor(db):
    return Author.objects.create(name="Marc Petit", job_title="Rédacteur en chef")


@pytest.fixture
def article(make_article, author, coauthor):
    return make_article(
        title="Le PLFSS 2019 adopté définitivement",
        standfirst="Le Parlement a adopté le budget de la Sécurité sociale pour 2019.",
        authors=[author, coauthor],
        tags=["PLFSS", "Ondam"],
    )


@pytest.fixture
def photo(make_library_image):
    return make_library_image(
        size=(2000, 1250), alt_text="L'hémicycle de l'Assemblée nationale", credit="AFP"
    )


# --- Article pages ----------------------------------------------------------------------


def test_article_title_description_canonical(client, article):
    page = get(client, article.get_absolute_url())
    url = f"{BASE}/financement-et-politiques-publiques/politique-de-sante/{article.slug}/"
    assert page.title == shown(f"Le PLFSS 2019 adopté définitivement — {SITE}")
    assert page.meta("description") == shown(article.standfirst)
    assert page.canonical == url


def test_article_open_graph_and_twitter_without_image(client, article):
    page = get(client, article.get_absolute_url())
    assert page.meta("og:type") == "article"
    assert page.meta("og:title") == article.title
    assert page.meta("og:description") == article.standfirst
    assert page.meta("og:url") == page.canonical
    assert page.meta("og:site_name") == SITE
    assert page.meta("og:locale") == "fr_FR"
    assert page.meta("og:image") is None
    assert page.meta("article:section") == "Politique de santé"
    assert page.metas("article:tag") == ["Ondam", "PLFSS"]
    assert page.meta("article:published_time") == date_iso(article.published_at)
    assert page.meta("twitter:card") == "summary"
    assert page.meta("twitter:title") == article.title
    assert page.meta("twitter:image") is None
    assert "image" not in page.ld("NewsArticle")


def test_article_with_hero_image_shares_a_large_jpeg(client, make_article, photo):
    article = make_article(title="Illustré", hero_image=photo)
    page = get(client, article.get_absolute_url())
    image_url = page.meta("og:image")
    assert image_url.startswith(f"{BASE}/media/images/renditions/")
    assert image_url.endswith(".jpg")
    # The rendition nearest above 1200 pixels wide (the widths are 960, 1280, 1920).
    assert page.meta("og:image:width") == "1280"
    assert page.meta("og:image:height") == "800"
    assert page.meta("og:image:type") == "image/jpeg"
    assert page.meta("og:image:alt") == "L'hémicycle de l'Assemblée nationale"
    assert page.meta("twitter:card") == "summary_large_image"
    assert page.meta("twitter:image") == image_url
    assert page.ld("NewsArticle")["image"] == [
        {"@type": "ImageObject", "url": image_url, "width": 1280, "height": 800}
    ]


def test_small_hero_image_uses_its_widest_rendition(client, make_article, make_library_image):
    article = make_article(hero_image=make_library_image(size=(900, 600)))
    page = get(client, article.get_absolute_url())
    assert page.meta("og:image:width") == "640"
    assert page.meta("og:image").endswith(".jpg")


def test_long_standfirst_is_cut_for_the_description(client, make_article):
    standfirst = "Une phrase assez longue sur le financement des hôpitaux publics. " * 6
    page = get(client, make_article(standfirst=standfirst).get_absolute_url())
    description = page.meta("description")
    assert len(description) <= 160
    assert description.endswith("…")
    assert standfirst.startswith(description[:-1].rstrip())
    # Cut between two words, never inside one.
    last_word = re.findall(r"\w+", description)[-1]
    assert last_word in re.findall(r"\w+", standfirst)
    assert page.meta("og:description") == description


def test_empty_standfirst_falls_back_to_the_body(client, make_article):
    article = make_article(standfirst="", body="<h2>Contexte</h2><p>Le texte   commence ici.</p>")
    assert get(client, article.get_absolute_url()).meta("description") == (
        "Contexte Le texte commence ici."
    )


def test_news_article_json_ld(client, article, author, coauthor):
    page = get(client, article.get_absolute_url())
    data = page.ld("NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.title
    assert data["description"] == article.standfirst
    assert data["datePublished"] == date_iso(article.published_at)
    assert data["dateModified"] == data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "Claire Dubois", "url": f"{BASE}/auteurs/claire-dubois/"},
        {"@type": "Person", "name": "Marc Petit", "url": f"{BASE}/auteurs/marc-petit/"},
    ]
    assert data["publisher"] == {"@type": "Organization", "name": SITE, "url": f"{BASE}/"}
    assert data["articleSection"] == "Politique de santé"
    assert data["keywords"] == ["Ondam", "PLFSS"]
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": page.canonical}
    assert data["inLanguage"] == "fr-FR"


def test_date_modified_follows_a_signalled_update(client, article):
    article.mark_updated(article.published_at + timedelta(minutes=30))
    article.save()
    page = get(client, article.get_absolute_url())
    assert page.ld("NewsArticle")["dateModified"] == date_iso(article.updated_at)
    assert page.meta("article:modified_time") == date_iso(article.updated_at)


def test_breadcrumb_json_ld(client, article):
    data = get(client, article.get_absolute_url()).ld("BreadcrumbList")
    assert data["@context"] == "https://schema.org"
    assert [(i["@type"], i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        ("ListItem", 1, "Accueil", f"{BASE}/"),
        ("ListItem", 2, "Financement et politiques publiques",
         f"{BASE}/financement-et-politiques-publiques/"),
        ("ListItem", 3, "Politique de santé",
         f"{BASE}/financement-et-politiques-publiques/politique-de-sante/"),
        ("ListItem", 4, article.title, f"{BASE}{article.get_absolute_url()}"),
    ]  # fmt: skip


def test_json_ld_survives_quotes_script_tags_ampersands_and_emoji(client, make_article):
    article = make_article(
        title=TRICKY_TITLE, standfirst='Chapô avec "guillemets", </script> & 💉.', tags=["A&B"]
    )
    page = get(client, article.get_absolute_url())
    # Only the two JSON-LD scripts and the site's own files: the title opened no element.
    inline = page.root.xpath("//script[not(@src)]")
    assert len(inline) == 2 and all(s.get("type") == "application/ld+json" for s in inline)
    assert all(s.get("src").startswith("/static/") for s in page.root.xpath("//script[@src]"))
    data = page.ld("NewsArticle")
    assert data["headline"] == TRICKY_TITLE
    assert data["description"] == 'Chapô avec "guillemets", </script> & 💉.'
    assert data["keywords"] == ["A&B"]
    assert page.ld("BreadcrumbList")["itemListElement"][-1]["name"] == TRICKY_TITLE
    # Inside the script element: escaped as JSON, emoji as they are.
    assert "\\u003C/script\\u003E" in page.html
    assert "\\u0026 co 🏥" in page.html
    assert page.title == shown(f"{TRICKY_TITLE} — {SITE}")  # « urgences »: typography
    assert page.meta("og:title") == TRICKY_TITLE
    assert page.meta("twitter:title") == TRICKY_TITLE


@pytest.mark.parametrize(
    "query", ["?utm_source=x", "?page=1", "?page=2", "?utm_source=x&utm_medium=social", "?a=<b>"]
)
def test_article_canonical_ignores_query_strings(client, article, query):
    page = get(client, article.get_absolute_url() + query)
    assert page.canonical == f"{BASE}{article.get_absolute_url()}"
    assert page.meta("og:url") == page.canonical


def test_no_duplicate_through_trailing_slashes(client, article):
    url = article.get_absolute_url()
    response = client.get(url.rstrip("/"))
    assert response.status_code == 301
    assert response["Location"] == url


# --- Lists: home, sections, tags, authors ---------------------------------------------


def test_home(client, article):
    page = get(client, "/?utm_source=newsletter")
    assert page.title == shown(f"L'actualité des politiques de santé — {SITE}")
    assert page.meta("description").startswith(
        shown(f"{SITE} : l'actualité des politiques de santé")
    )
    assert page.canonical == f"{BASE}/"
    assert page.meta("og:type") == "website"
    assert page.meta("og:title") == SITE
    assert page.meta("og:url") == f"{BASE}/"
    assert page.meta("og:locale") == "fr_FR"
    assert page.meta("twitter:card") == "summary"
    assert page.json_ld == []


def test_section_page(client, article, sections):
    section = sections["politique"]
    section.description = "Les réformes, les lois de financement et le débat public. " * 5
    section.save()
    page = get(client, f"{section.get_absolute_url()}?utm_source=x")
    assert page.title == f"Politique de santé — {SITE}"
    assert len(page.meta("description")) <= 160
    assert page.meta("description").startswith("Les réformes, les lois de financement")
    assert page.canonical == f"{BASE}/financement-et-politiques-publiques/politique-de-sante/"
    assert page.meta("og:type") == "website"
    assert page.meta("og:title") == "Politique de santé"
    assert page.meta("og:description") == page.meta("description")
    assert page.meta("og:url") == page.canonical
    assert page.json_ld == []


def test_section_without_description(client, sections):
    page = get(client, sections["esante"].get_absolute_url())
    assert page.meta("description") == shown(f"Les articles de la rubrique « E-santé » de {SITE}.")


def test_pages_after_the_first_have_their_own_canonical(client, make_article, sections, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(title=f"Article {n}", tags=["Hôpital"])
    section_url = sections["politique"].get_absolute_url()
    first = get(client, f"{section_url}?page=1")
    assert first.canonical == f"{BASE}{section_url}"
    assert first.title == f"Politique de santé — {SITE}"
    second = get(client, f"{section_url}?page=2&utm_source=x")
    assert second.canonical == f"{BASE}{section_url}?page=2"
    assert second.title == f"Politique de santé, page 2 — {SITE}"
    assert get(client, "/tags/hopital/?page=3").canonical == f"{BASE}/tags/hopital/?page=3"


def test_tag_page(client, make_article):
    make_article(tags=["Télémédecine"])
    page = get(client, "/tags/telemedecine/?utm_campaign=x")
    assert page.title == shown(f"Mot-clé : Télémédecine — {SITE}")
    assert page.meta("description") == shown(
        f"Les articles de {SITE} sur le thème « Télémédecine »."
    )
    assert page.canonical == f"{BASE}/tags/telemedecine/"
    assert page.meta("og:url") == page.canonical
    assert page.meta("og:type") == "website"


def test_author_page(client, article, author):
    page = get(client, f"{author.get_absolute_url()}?page=1")
    assert page.title == f"Claire Dubois — {SITE}"
    assert page.meta("description") == shown("Couvre l'hôpital public.")
    assert page.canonical == f"{BASE}/auteurs/claire-dubois/"
    assert page.meta("og:title") == "Claire Dubois"


def test_author_without_bio(client, make_article):
    author = Author.objects.create(name="Léa Martin", job_title="Journaliste")
    make_article(authors=[author])  # author pages open with a first published article
    page = get(client, author.get_absolute_url())
    assert page.meta("description") == (
        f"Léa Martin, Journaliste. Les articles de Léa Martin dans {SITE}."
    )


def test_deep_section_breadcrumb(client, make_article, sections):
    deep = Section.objects.create(name="PLFSS", slug="plfss", parent=sections["politique"])
    article = make_article(section=deep)
    names = [i["name"] for i in get(client, article.get_absolute_url()).ld("BreadcrumbList")[
        "itemListElement"
    ]]  # fmt: skip
    assert names == [
        "Accueil",
        "Financement et politiques publiques",
        "Politique de santé",
        "PLFSS",
        article.title,
    ]


# --- What must not be announced -----------------------------------------------------------


def test_share_link_preview_is_neither_canonical_nor_shared(client, make_article, editor):
    draft = make_article(title="Brouillon confidentiel", status=Status.DRAFT)
    link = ShareLink.objects.create(
        article=draft, created_by=editor, expires_at=timezone.now() + timedelta(days=1)
    )
    page = get(client, f"/apercu/{link.token}/")
    assert page.title == f"Brouillon confidentiel — {SITE}"
    assert page.meta("robots") == "noindex"
    assert page.canonical is None
    assert page.meta("og:url") is None
    assert page.json_ld == []


def test_drafts_and_future_articles_have_no_metadata_page(client, make_article):
    draft = make_article(status=Status.DRAFT)
    future = make_article(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
