"""What readers see on each public page."""

import html
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

from articles.models import CallToAction, Resource, Status
from articles.templatetags.newsroom import date_iso, datetime_fr, file_extension, join_fr
from authors.models import Author
from tests.helpers import shown

# 17h07 UTC on 4 February 2019 is 18h07 in Paris (winter time).
PUBLISHED_AT = datetime(2019, 2, 4, 17, 7, tzinfo=UTC)


# ---------------------------------------------------------------- helpers


class _Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.parts = [], []

    @property
    def text(self):
        """Visible text, ASCII whitespace collapsed (no-break spaces are kept)."""
        return re.sub(r"[ \t\n\r\f]+", " ", "".join(self._text_parts())).strip()

    def _text_parts(self):
        for part in self.parts:
            if isinstance(part, _Element):
                yield from part._text_parts()
            else:
                yield part

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()

    def matches(self, tag, attrs):
        if self.tag != tag:
            return False
        for key, wanted in attrs.items():
            if key == "class_":
                if wanted not in (self.attrs.get("class") or "").split():
                    return False
            elif self.attrs.get(key) != wanted:
                return False
        return True

    def find_all(self, tag, **attrs):
        """Descendants <tag> with these attributes (class_="x": one of its classes)."""
        return [el for el in self.iter() if el.matches(tag, attrs)]

    def find(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]

    def links(self):
        return [(a.text, a.attrs.get("href")) for a in self.find_all("a")]


class _Tree(HTMLParser):
    VOID = {"meta", "link", "img", "br", "hr", "input", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = _Element("document", {})

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.parts.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.parts.append(data)


def parse(response):
    assert response.status_code == 200, response.status_code
    tree = _Tree()
    tree.feed(response.content.decode())
    return tree.root


def text_of(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# --------------------------------------------------------------- fixtures


@pytest.fixture
def coauthor(db):
    return Author.objects.create(name="Marc Petit", job_title="Rédacteur en chef")


@pytest.fixture
def third_author(db):
    return Author.objects.create(name="Léa Martin", job_title="Journaliste")


@pytest.fixture
def article(make_article, author):
    return make_article(
        title="Le PLFSS 2019 adopté définitivement",
        standfirst="Le Parlement a adopté le budget de la Sécurité sociale.",
        body="<h2>Un Ondam à 2,5 %</h2><p>Le texte prévoit des économies.</p>",
        published_at=PUBLISHED_AT,
        tags=["PLFSS", "Ondam"],
    )


@pytest.fixture
def draft(make_article):
    return make_article(title="Brouillon en cours de relecture", status=Status.DRAFT)


@pytest.fixture
def future(make_article):
    return make_article(
        title="Article programmé pour demain", published_at=timezone.now() + timedelta(days=1)
    )


# ------------------------------------------------------------- template tags


def test_datetime_fr_is_paris_time_in_french():
    assert datetime_fr(PUBLISHED_AT) == "04 février 2019 à 18h07"
    # Summer time: UTC+2.
    assert datetime_fr(datetime(2019, 8, 1, 6, 5, tzinfo=UTC)) == "01 août 2019 à 08h05"
    assert datetime_fr(None) == ""
    with translation.override("en"):
        assert datetime_fr(PUBLISHED_AT) == "04 février 2019 à 18h07"


def test_date_iso_keeps_the_paris_offset():
    assert date_iso(PUBLISHED_AT) == "2019-02-04T18:07:00+01:00"


def test_join_fr():
    assert join_fr([]) == ""
    assert join_fr(["A"]) == "A"
    assert join_fr(["A", "B"]) == "A et B"
    assert join_fr(["A", "B", "C"]) == "A, B et C"


def test_join_fr_filter_escapes():
    rendered = Template("{% load newsroom %}{{ names|join_fr }}").render(
        Context({"names": ["<b>A</b>", "B"]})
    )
    assert rendered == "&lt;b&gt;A&lt;/b&gt; et B"


def test_file_extension():
    assert file_extension("ressources/abc.pdf") == "PDF"
    assert file_extension("ressources/abc") == ""


# ------------------------------------------------------------------- home


def test_home_shows_featured_and_section_blocks(client, make_article, sections):
    lead = make_article(title="Une du jour", featured=True, home_position=1)
    second = make_article(title="Deuxième à la une", featured=True, home_position=2)
    in_esante = make_article(title="Télésanté en progrès", section=sections["esante"])
    in_politique = make_article(title="Réforme des retraites des soignants")

    root = parse(client.get("/"))
    h1s = root.find_all("h1")
    assert len(h1s) == 1
    assert h1s[0].text == "Santé Politique"

    featured = root.find("section", class_="featured")
    assert featured.find("h2").text == "À la une"
    featured_titles = [h.text for h in featured.find_all("h3")]
    assert featured_titles == [lead.title, second.title]

    blocks = root.find_all("section", class_="home-block")
    headings = [(b.find("h2").text, b.find("h2").find("a").attrs["href"]) for b in blocks]
    assert headings == [
        ("Financement et politiques publiques", "/financement-et-politiques-publiques/"),
        ("E-santé", "/e-sante/"),
    ]
    assert in_politique.title in blocks[0].text
    assert in_esante.title in blocks[1].text
    # A featured article is not repeated in the blocks below.
    assert lead.title not in blocks[0].text
    assert (in_esante.title, in_esante.get_absolute_url()) in blocks[1].links()


def test_home_header_nav_and_footer(client, sections):
    root = parse(client.get("/"))
    assert root.find("html").attrs["lang"] == "fr"
    assert root.find("meta", name="viewport")
    assert root.find("link", rel="stylesheet").attrs["href"].startswith("/static/css/site")
    nav = root.find("nav", **{"aria-label": "Rubriques"})
    assert nav.links() == [
        ("Financement et politiques publiques", "/financement-et-politiques-publiques/"),
        ("E-santé", "/e-sante/"),
    ]
    assert "Santé Politique" in root.find("footer").text


def test_home_without_articles(client, sections):
    assert "Aucun article publié pour le moment." in text_of(client.get("/"))


# ----------------------------------------------------------------- section


def test_section_page_breadcrumb_subsections_and_articles(client, make_article, sections):
    in_child = make_article(title="Article de la sous-rubrique")
    in_parent = make_article(title="Article de la rubrique", section=sections["financement"])
    elsewhere = make_article(title="Article ailleurs", section=sections["esante"])

    root = parse(client.get(sections["financement"].get_absolute_url()))
    assert [h.text for h in root.find_all("h1")] == ["Financement et politiques publiques"]
    crumb = root.find("nav", **{"aria-label": "Fil d'Ariane"})
    assert crumb.links() == [
        ("Accueil", "/"),
        ("Financement et politiques publiques", "/financement-et-politiques-publiques/"),
    ]
    assert crumb.find("a", **{"aria-current": "page"}).text == "Financement et politiques publiques"

    subsections = root.find("nav", class_="subsections")
    assert subsections.links() == [
        ("Politique de santé", "/financement-et-politiques-publiques/politique-de-sante/")
    ]
    # Articles of sub-sections are listed on the parent section page.
    listing = root.find("ul", class_="article-list")
    assert in_child.title in listing.text
    assert in_parent.title in listing.text
    assert elsewhere.title not in listing.text


def test_subsection_breadcrumb(client, make_article, sections):
    make_article()
    root = parse(client.get(sections["politique"].get_absolute_url()))
    crumb = root.find("nav", **{"aria-label": "Fil d'Ariane"})
    assert [li.text for li in crumb.find("ol").find_all("li")] == [
        "Accueil",
        "Financement et politiques publiques",
        "Politique de santé",
    ]
    current = crumb.find_all("a", **{"aria-current": "page"})
    assert [a.text for a in current] == ["Politique de santé"]
    assert root.find("h1").text == "Politique de santé"


def test_section_description(client, sections):
    sections["esante"].description = "Numérique en santé et télémédecine."
    sections["esante"].save()
    assert "Numérique en santé et télémédecine." in text_of(client.get("/e-sante/"))


@override_settings(ARTICLES_PER_PAGE=2)
def test_pagination_links(client, make_article, sections):
    for n in range(5):
        make_article(title=f"Article paginé {n}")
    url = sections["politique"].get_absolute_url()

    first = parse(client.get(url))
    pagination = first.find("nav", class_="pagination")
    assert "Page 1 sur 3" in pagination.text
    assert pagination.links() == [("Page suivante", "?page=2")]

    middle = parse(client.get(url, {"page": 2})).find("nav", class_="pagination")
    assert "Page 2 sur 3" in middle.text
    assert middle.links() == [("Page précédente", "?page=1"), ("Page suivante", "?page=3")]

    last = parse(client.get(url, {"page": 3})).find("nav", class_="pagination")
    assert last.links() == [("Page précédente", "?page=2")]


def test_no_pagination_on_a_single_page(client, make_article, sections):
    make_article()
    root = parse(client.get(sections["politique"].get_absolute_url()))
    assert not root.find_all("nav", class_="pagination")


# ----------------------------------------------------------------- article


def test_article_page(client, article, author, sections):
    root = parse(client.get(article.get_absolute_url()))
    main = root.find("article", class_="article")

    assert [h.text for h in root.find_all("h1")] == ["Le PLFSS 2019 adopté définitivement"]
    crumb = main.find("nav", **{"aria-label": "Fil d'Ariane"})
    assert crumb.links() == [
        ("Accueil", "/"),
        ("Financement et politiques publiques", "/financement-et-politiques-publiques/"),
        ("Politique de santé", "/financement-et-politiques-publiques/politique-de-sante/"),
    ]
    assert not crumb.find_all("a", **{"aria-current": "page"})
    assert main.find("p", class_="standfirst").text == article.standfirst

    byline = main.find("p", class_="article__byline")
    assert byline.text == "Par Claire Dubois"
    assert byline.links() == [("Claire Dubois", author.get_absolute_url())]

    dates = main.find("p", class_="article__dates")
    assert dates.text == "Publié le 04 février 2019 à 18h07"
    assert dates.find("time").attrs["datetime"] == "2019-02-04T18:07:00+01:00"
    assert "Mis à jour" not in main.text

    body = main.find("div", class_="article__body")
    assert body.find("h2").text == "Un Ondam à 2,5\u00a0%"  # French typography

    signature = main.find("footer", class_="signature")
    assert signature.text == "Claire Dubois, Journaliste santé"

    tags = main.find("section", class_="tags")
    assert tags.links() == [("Ondam", "/tags/ondam/"), ("PLFSS", "/tags/plfss/")]

    assert not main.find_all("section", class_="resources")
    assert not main.find_all("aside")


def test_article_order_top_to_bottom(client, article):
    CallToAction.objects.create(text="Contactez notre service d'études.")
    Resource.objects.create(article=article, title="Rapport", url="https://example.org/r")
    page = client.get(article.get_absolute_url()).content.decode()
    markers = [
        'aria-label="Fil d',
        "<h1",
        'class="standfirst"',
        'class="article__byline"',
        'class="article__dates"',
        ">Ressources</h2>",
        "Un Ondam à 2,5\u00a0%",
        'class="signature"',
        'class="tags"',
        'class="cta"',
    ]
    positions = [page.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_article_updated_date(client, article):
    article.mark_updated(PUBLISHED_AT + timedelta(days=1, hours=2, minutes=30))
    article.save()
    dates = parse(client.get(article.get_absolute_url())).find("p", class_="article__dates")
    assert dates.text == (
        "Publié le 04 février 2019 à 18h07 - Mis à jour le 05 février 2019 à 20h37"
    )
    assert [t.attrs["datetime"] for t in dates.find_all("time")] == [
        "2019-02-04T18:07:00+01:00",
        "2019-02-05T20:37:00+01:00",
    ]


def test_article_update_before_publication_is_not_shown(client, article):
    article.mark_updated(PUBLISHED_AT - timedelta(hours=1))
    article.save()
    assert "Mis à jour" not in text_of(client.get(article.get_absolute_url()))


def test_article_several_authors(client, make_article, author, coauthor, third_author):
    article = make_article(authors=[coauthor, author, third_author])
    root = parse(client.get(article.get_absolute_url()))
    byline = root.find("p", class_="article__byline")
    assert byline.text == "Par Marc Petit, Claire Dubois et Léa Martin"
    assert byline.links() == [
        ("Marc Petit", "/auteurs/marc-petit/"),
        ("Claire Dubois", "/auteurs/claire-dubois/"),
        ("Léa Martin", "/auteurs/lea-martin/"),
    ]
    signature = root.find("footer", class_="signature")
    assert [p.text for p in signature.find_all("p")] == [
        "Marc Petit, Rédacteur en chef",
        "Claire Dubois, Journaliste santé",
        "Léa Martin, Journaliste",
    ]


def test_article_two_authors(client, make_article, author, coauthor):
    article = make_article(authors=[author, coauthor])
    byline = parse(client.get(article.get_absolute_url())).find("p", class_="article__byline")
    assert byline.text == "Par Claire Dubois et Marc Petit"


def test_article_without_author(client, make_article):
    article = make_article(authors=[])
    root = parse(client.get(article.get_absolute_url()))
    assert not root.find_all("p", class_="article__byline")
    assert not root.find_all("footer", class_="signature")


def test_article_resources(client, article, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Resource.objects.create(
        article=article, title="Rapport de la Cour des comptes", url="https://example.org/rapport"
    )
    annex = Resource.objects.create(
        article=article,
        title="Annexe 7 du PLFSS",
        file=SimpleUploadedFile("annexe.pdf", b"%PDF-1.4", content_type="application/pdf"),
        position=1,
    )
    root = parse(client.get(article.get_absolute_url()))
    block = root.find("section", class_="resources")
    assert block.find("h2").text == "Ressources"
    links = block.find_all("a")
    assert [(a.text, a.attrs["href"]) for a in links][0] == (
        "Rapport de la Cour des comptes",
        "https://example.org/rapport",
    )
    assert links[1].text == "Annexe 7 du PLFSS"
    # Files are served by a download view (safe headers), not straight from /media/.
    assert links[1].attrs["href"] == f"/ressources/{annex.pk}/"
    assert "download" in links[1].attrs
    assert "download" not in links[0].attrs
    assert "PDF" in block.text


def test_article_call_to_action(client, article):
    CallToAction.objects.create(
        text="Besoin d'informations complémentaires ? Contactez notre service d'études",
        link_label="Nous écrire",
        link_url="https://example.org/contact",
    )
    aside = parse(client.get(article.get_absolute_url())).find("aside", class_="cta")
    assert "Contactez notre service d’études" in aside.text  # French typography
    assert aside.links() == [("Nous écrire", "https://example.org/contact")]


def test_article_inactive_call_to_action_is_hidden(client, article):
    CallToAction.objects.create(text="Ancien encadré", is_active=False)
    assert "Ancien encadré" not in text_of(client.get(article.get_absolute_url()))


def test_article_title_and_meta(client, article):
    root = parse(client.get(article.get_absolute_url()))
    assert root.find("title").text == "Le PLFSS 2019 adopté définitivement — Santé Politique"
    assert root.find("meta", name="description").attrs["content"] == article.standfirst


def test_article_title_is_escaped(client, make_article):
    article = make_article(title="<script>alert(1)</script> PLFSS")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; PLFSS" in content


# ------------------------------------------------------------ tag & author


def test_tag_page_lists_only_published(client, make_article, draft, future):
    live = make_article(title="Article publié sur le PLFSS", tags=["PLFSS"])
    draft.tags.add("PLFSS")
    future.tags.add("PLFSS")
    root = parse(client.get("/tags/plfss/"))
    assert [h.text for h in root.find_all("h1")] == ["Mot-clé\xa0: PLFSS"]
    listing = root.find("ul", class_="article-list")
    assert (live.title, live.get_absolute_url()) in listing.links()
    assert draft.title not in root.text
    assert future.title not in root.text


def test_author_page_lists_only_published(client, make_article, author, draft, future, settings):
    live = make_article(title="Article signé publié")
    root = parse(client.get(author.get_absolute_url()))
    assert [h.text for h in root.find_all("h1")] == ["Claire Dubois"]
    assert "Journaliste santé" in root.text
    assert shown(author.bio) in root.text  # "l’hôpital": French typography
    assert (live.title, live.get_absolute_url()) in root.find("ul", class_="article-list").links()
    assert draft.title not in root.text
    assert future.title not in root.text
    assert not root.find_all("img")


def test_author_photo(client, author, make_article, make_library_image):
    make_article()  # author pages are public once the author signs a published article
    # A library image: its cleaned renditions are shown, never an uploaded file.
    author.photo = make_library_image(alt_text="Une femme souriante")
    author.save()
    picture = parse(client.get(author.get_absolute_url())).find("picture", class_="author__photo")
    img = picture.find("img")
    assert img.attrs["src"].startswith("/media/images/renditions/")
    assert img.attrs["alt"] == "Portrait de Claire Dubois"


def test_author_without_articles_has_no_page_yet(client, author):
    # Embargo (tests/security/test_embargo.py): the page opens with the first article.
    response = client.get(author.get_absolute_url())
    assert response.status_code == 404
    assert author.name not in text_of(response)


def test_cards_show_section_byline_date_standfirst(client, make_article, author, coauthor):
    article = make_article(
        title="Carte complète", authors=[author, coauthor], published_at=PUBLISHED_AT
    )
    card = parse(client.get(author.get_absolute_url())).find("article", class_="card")
    assert card.find("p", class_="card__section").links() == [
        ("Politique de santé", "/financement-et-politiques-publiques/politique-de-sante/")
    ]
    assert card.find("h3").links() == [("Carte complète", article.get_absolute_url())]
    # "Chapô de l’article N.": French typography on the card
    assert card.find("p", class_="card__standfirst").text == article.standfirst.replace("'", "’")
    assert card.find("span", class_="card__byline").text == "Par Claire Dubois et Marc Petit"
    time = card.find("time")
    assert time.text == "04 février 2019"
    assert time.attrs["datetime"] == "2019-02-04T18:07:00+01:00"


# ------------------------------------------------------------------- errors


def test_french_404(client, sections):
    response = client.get("/rubrique-qui-n-existe-pas/")
    assert response.status_code == 404
    text = text_of(response)
    assert "Page introuvable" in text
    assert "Revenir à la page d'accueil" in text
    tree = _Tree()
    tree.feed(response.content.decode())
    assert len(tree.root.find_all("h1")) == 1
    assert tree.root.find("html").attrs["lang"] == "fr"


def test_unknown_article_and_tag_are_french_404(client, sections):
    for url in ("/financement-et-politiques-publiques/inconnu/", "/tags/inconnu/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()


def test_500_template_is_standalone():
    from django.template.loader import get_template

    content = get_template("500.html").render({})
    assert '<html lang="fr">' in content
    assert "Le site rencontre un problème" in content


# A 1×1 transparent PNG.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)
