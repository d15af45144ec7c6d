"""The cells of the issue's access matrix that tests/subscribers/test_access_matrix.py and
its neighbours left open: every reader kind (a gift link's holder included) against the
section, tag and author feeds, search excerpts and highlights, JSON-LD, Open Graph and
the meta description, resource downloads, the cached anonymous page and the gift link
page (with odd query strings). Each test asserts what the reader sees: the reserved
sentence present or absent, the teaser and the standfirst present."""

import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Resource
from tests.subscribers.conftest import SECRET, reader_client

pytestmark = pytest.mark.django_db

# The reserved article of tests/subscribers/conftest.py: its standfirst, a sentence of
# its teaser (the first paragraph) and, past the teaser, SECRET and its heading.
STANDFIRST = "Le chapô, visible de tous."
# The teaser as the page shows it (ACCESS_TEASER_CHARS = 50: the first paragraph, cut).
TEASER = "Le début de l’enquête, visible de tous, qui pose…"
TEASER_START = "Le début de l"  # either apostrophe: feeds and heads carry none of it
HIDDEN = (
    "le sujet en quelques lignes",  # the rest of the first paragraph
    "Ce que révèlent les documents",
    "détail des montants",
    SECRET,
)
GIFT = "lien cadeau"
KINDS = [
    "anonyme", "lecteur sans abonnement", "abonnement expiré", "abonné",
    "membre par domaine", "réseau de l'organisation", GIFT,
]  # fmt: skip
ODD_QUERIES = ("", "?print=1", "?amp=1", "?format=json")
PDF = b"%PDF-1.4 rapport reserve"


def html_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def head_of(html):
    return html[: html.index("</head>")]


def assert_hidden(content, where):
    for text in HIDDEN:
        assert text not in content, (where, text)


def news_article(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    for block in map(json.loads, blocks):
        for item in block if isinstance(block, list) else block.get("@graph", [block]):
            if item.get("@type") == "NewsArticle":
                return item
    raise AssertionError("no NewsArticle in the page")


def meta_content(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert found, name
    return found.group(1)


@pytest.fixture
def gift_path(subscriber, reserved):
    """The address of a gift link the subscriber created for ``reserved``."""
    response = reader_client(subscriber).post(
        "/comptes/cadeaux/", {"article": str(reserved.pk)}, follow=True
    )
    found = re.search(r"https?://[^/\s]+(/comptes/cadeau/[^/\s\"]+/)", html_of(response))
    assert found, html_of(response)[:2000]
    return found.group(1)


@pytest.fixture
def everyone(readers, request):
    """tests/subscribers/conftest.readers plus a stranger who opened a gift link: that
    link is theirs to read, nothing else (no session, no right on the article's own
    address or its files). Each reader is made when a test first asks for it."""

    def gift_holder():
        holder = Client()
        assert SECRET in html_of(holder.get(request.getfixturevalue("gift_path")))
        assert not holder.cookies  # the gift page remembers nothing
        return holder, False

    return readers.with_kind(GIFT, gift_holder)


# --- The article page, for a gift link's holder ----------------------------------------


def test_a_gift_holder_gets_the_teaser_at_the_articles_own_address(everyone, reserved):
    holder, _ = everyone[GIFT]
    for query in (*ODD_QUERIES, "?cadeau=1"):
        html = html_of(holder.get(reserved.get_absolute_url() + query))
        assert TEASER in html and STANDFIRST in html, query
        assert "Réservé aux abonnés" in html, query
        assert_hidden(html, query)


# --- The gift link page, whoever opens it, with odd query strings ----------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_gift_page_is_whole_for_whoever_opens_it(kind, everyone, gift_path):
    client, _ = everyone[kind]
    for query in ODD_QUERIES:
        response = client.get(gift_path + query)
        html = html_of(response)
        assert response.status_code == 200, (kind, query)
        for text in HIDDEN:  # the whole text, its first paragraph whole
            assert text in html, (kind, query, text)
        assert "Article offert par un abonné" in html, (kind, query)
        assert 'class="paywall' not in html, (kind, query)
        assert "no-store" in response["Cache-Control"], (kind, query)
        assert response["X-Cache"] == "bypass", (kind, query)
        # Its head is not the reserved text either (no seo: the standfirst).
        assert_hidden(head_of(html), (kind, query))
        assert '<meta name="robots" content="noindex">' in html


def test_a_revoked_gift_link_shows_nothing_to_anyone(everyone, gift_path, subscriber):
    from subscriptions.models import GiftLink

    link = GiftLink.objects.get()
    for kind in KINDS:  # every reader made (the holder opened the link) before it goes
        everyone[kind]
    reader_client(subscriber).post(f"/comptes/cadeaux/{link.pk}/revoquer/")
    for kind in KINDS:
        client, _ = everyone[kind]
        for query in ODD_QUERIES:
            response = client.get(gift_path + query)
            assert response.status_code == 404, (kind, query)
            assert "Ce lien cadeau n'est plus valable" in html_of(response), (kind, query)
            assert_hidden(html_of(response), (kind, query))


# --- Feeds: the standfirst only, for every reader, in every feed -----------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_feed_carries_the_standfirst_only(kind, everyone, reserved, author):
    client, _ = everyone[kind]
    section = reserved.section
    feeds = (
        "/flux/",
        f"/flux/rubriques/{section.path}/",
        f"/flux/rubriques/{section.parent.path}/",
        "/flux/tags/enquete/",
        f"/flux/auteurs/{author.slug}/",
    )
    for url in feeds:
        response = client.get(url)
        content = html_of(response)
        assert response.status_code == 200, (kind, url)
        assert "Enquête sur les dépassements" in content, (kind, url)
        assert STANDFIRST in content, (kind, url)
        assert TEASER_START not in content, (kind, url)  # not even the teaser
        assert_hidden(content, (kind, url))


# --- Search: found, marked, excerpts and highlights from the teaser only --------------


@pytest.mark.parametrize("kind", KINDS)
def test_search_excerpts_and_highlights_never_come_from_the_hidden_part(kind, everyone, reserved):
    client, _ = everyone[kind]
    # "montants" is only in the hidden part, "enquête" also in the title and teaser.
    for q in ("montants", "enquête montants", "révèlent documents"):
        content = html_of(client.get("/recherche/", {"q": q}))
        results = content.split('<ul class="article-list search-results">', 1)
        assert len(results) == 2, (kind, q)  # the article is found…
        listing = results[1].split("</ul>", 1)[0]
        assert "Enquête sur les dépassements" in listing, (kind, q)
        assert "badge--subscribers" in listing, (kind, q)  # …marked…
        assert_hidden(listing, (kind, q))  # …and shown from its visible part only
        for word in ("montants", "révèlent", "documents"):
            assert f"<mark>{word}</mark>" not in listing.lower(), (kind, q, word)
    content = html_of(client.get("/recherche/", {"q": "début enquête"}))
    assert "<mark>début</mark>" in content, kind  # highlights from the teaser do show


# --- JSON-LD, Open Graph, meta description ---------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_structured_data_and_sharing_tags_for_every_reader(kind, everyone, reserved):
    client, allowed = everyone[kind]
    for query in ODD_QUERIES:
        html = html_of(client.get(reserved.get_absolute_url() + query))
        head = head_of(html)
        data = news_article(html)
        assert data["isAccessibleForFree"] is False, (kind, query)
        assert data["hasPart"]["cssSelector"] == ".paywalled", (kind, query)
        assert data["hasPart"]["isAccessibleForFree"] is False, (kind, query)
        assert data["description"] == STANDFIRST, (kind, query)
        for name in ("og:description", "twitter:description"):
            attribute = "property" if name.startswith("og:") else "name"
            assert meta_content(head, attribute, name) == "Le chapô, visible de tous.", name
        assert meta_content(head, "name", "description") == "Le chapô, visible de tous."
        assert TEASER_START not in head, (kind, query)
        assert_hidden(head, (kind, query))
        # The element the selector names: the whole body for readers with access, the
        # box (no reserved text in it) for the others.
        marked = re.search(
            r'class="[^"]*\bpaywalled\b[^"]*"[^>]*>(.*?)</(div|section)>', html, re.S
        )
        assert marked, (kind, query)
        assert (SECRET in marked.group(1)) is allowed, (kind, query)


# --- Resource downloads ----------------------------------------------------------------


@pytest.fixture
def report(reserved, media_root):
    return Resource.objects.create(
        article=reserved,
        title="Rapport complet des montants",
        file=SimpleUploadedFile("rapport.pdf", PDF, "application/pdf"),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_reserved_downloads_reach_readers_with_access_only(kind, everyone, reserved, report):
    client, allowed = everyone[kind]
    url = f"/ressources/{report.pk}/"
    page = html_of(client.get(reserved.get_absolute_url()))
    assert "Rapport complet des montants" in page, kind  # the title, for everyone
    assert (f'href="{url}"' in page) is allowed, kind  # the link, for readers with access
    response = client.get(url)
    if allowed:
        assert response.status_code == 200, kind
        assert b"".join(response.streaming_content) == PDF, kind
        assert response["Cache-Control"] == "private, no-store"
        return
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    assert PDF not in body, kind
    if kind in ("anonyme", GIFT):  # no account: the login, then back to the file
        assert response.status_code == 302 and response["Location"].startswith(
            "/comptes/login/?next=/ressources/"
        ), kind
    else:
        assert response.status_code == 403, kind
        assert "Réservé aux abonnés" in body.decode(), kind


def test_the_gift_page_offers_no_download_its_holder_cannot_use(gift_path, report):
    """The gift gives the text, not the files: the page names the file as reserved
    instead of a link that would end on the login page."""
    page = html_of(Client().get(gift_path))
    assert SECRET in page
    assert "Rapport complet des montants" in page
    assert f'href="/ressources/{report.pk}/"' not in page
    assert "(fichier réservé aux abonnés)" in page


# --- The cached anonymous page, whoever read the article before ------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_shared_copy_stays_gated_public_and_cookie_free(kind, everyone, reserved, gift_path):
    client, allowed = everyone[kind]
    url = reserved.get_absolute_url()
    for query in ODD_QUERIES:
        own = client.get(url + query)
        assert (SECRET in html_of(own)) is allowed, (kind, query)
        if allowed:  # a page with reserved text is never a public one
            assert own["X-Cache"] == "bypass" and "private" in own["Cache-Control"], kind
    client.get(gift_path)  # a gift opening in between changes nothing either
    for query in ODD_QUERIES:
        anonymous = Client()
        anonymous.get(url + query)
        shared = anonymous.get(url + query)
        html = html_of(shared)
        assert shared["X-Cache"] == "hit", (kind, query)
        assert "public" in shared["Cache-Control"], (kind, query)
        assert not shared.cookies and "Cookie" not in shared.get("Vary", ""), (kind, query)
        assert TEASER in html and "Réservé aux abonnés" in html, (kind, query)
        assert_hidden(html, (kind, query))


# --- « Mon compte »: the gift sentence never breaks a line inside its guillemets --------


@pytest.mark.parametrize("kind", ["abonné", "membre par domaine"])
def test_mon_compte_keeps_guillemets_with_their_words(kind, readers):
    """Seen on the screenshots (desktop and mobile): « was left at the end of a line and »
    started the next one. French typography binds them with a no-break space."""
    client, _ = readers[kind]
    text = unescape(html_of(client.get("/comptes/")))
    assert "Offrir cet article" in text, kind
    assert re.search(r"«[\u00a0\u202f]Offrir cet article[\u00a0\u202f]»", text), kind
    assert re.search(r"7 jours[\u00a0\u202f]: bouton", text), kind
