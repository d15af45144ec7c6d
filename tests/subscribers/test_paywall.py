"""A subscriber article as each reader gets it: the teaser and the « Réservé aux abonnés »
box for those without access, on every surface that serves everyone alike; the whole
text for those with access (so far: staff; subscriptions come next)."""

import json
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Resource, ShareLink
from tests.helpers import logged_in
from tests.subscribers.conftest import BODY, SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def free(make_article):
    return make_article(title="Article libre", body=BODY)


def structured_data(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def news_article(html):
    for block in structured_data(html):
        for item in block if isinstance(block, list) else block.get("@graph", [block]):
            if item.get("@type") == "NewsArticle":
                return item
    raise AssertionError("no NewsArticle")


def test_an_anonymous_reader_gets_the_teaser_and_the_box(client, reserved, author):
    response = client.get(reserved.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enquête sur les dépassements" in html and "Le chapô, visible de tous." in html
    assert "Le début de l’enquête" in html and author.name in html and "Publié le" in html
    assert SECRET not in html and "Ce que révèlent" not in html
    assert "Réservé aux abonnés" in html
    assert f'href="/comptes/login/?next={reserved.get_absolute_url()}"' in html
    assert 'href="/comptes/abonnement/"' in html


def test_a_free_article_is_whole_for_everyone(client, free):
    html = client.get(free.get_absolute_url()).content.decode()
    assert SECRET in html and "Réservé aux abonnés" not in html
    assert "isAccessibleForFree" not in html


@pytest.mark.parametrize("who", ["journalist", "editor"])
def test_staff_read_it_whole_on_a_private_page(who, request, reserved):
    client = logged_in(request.getfixturevalue(who))
    response = client.get(reserved.get_absolute_url())
    html = response.content.decode()
    assert SECRET in html and 'class="paywall' not in html
    assert 'class="article__body prose paywalled"' in html
    assert "private" in response["Cache-Control"]


def test_structured_data_mark_the_reserved_part(client, reserved):
    data = news_article(client.get(reserved.get_absolute_url()).content.decode())
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {
        "@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywalled",
    }  # fmt: skip


def test_meta_description_and_open_graph_carry_the_standfirst_only(client, reserved):
    html = client.get(reserved.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert "Le chapô, visible de tous." in head
    assert SECRET not in head and "Le début de l'enquête" not in head


@pytest.mark.parametrize(
    "query", ["?print=1", "?amp=1", "?format=json", "?page=2", "?full=1&preview=1"]
)
def test_odd_query_strings_change_nothing(client, reserved, query):
    response = client.get(reserved.get_absolute_url() + query)
    html = response.content.decode()
    assert SECRET not in html
    assert response.status_code in (200, 404)


def test_the_cached_page_holds_no_reserved_text(reserved, journalist):
    url = reserved.get_absolute_url()
    logged_in(journalist).get(url)  # a staff render must not be the one stored
    first = logged_in().get(url)
    second = logged_in().get(url)
    assert second["X-Cache"] == "hit"
    for response in (first, second):
        assert SECRET not in response.content.decode()
        assert not response.cookies


def test_previews_and_share_links_show_the_whole_text(reserved, editor, client):
    link = ShareLink.objects.create(
        article=reserved, created_by=editor, expires_at=timezone.now() + timedelta(days=1)
    )
    html = client.get(f"/apercu/{link.token}/").content.decode()
    assert SECRET in html and 'class="paywall' not in html


def test_feeds_carry_the_standfirst_never_the_text(client, reserved):
    for url in ("/flux/", "/flux/tags/enquete/"):
        content = client.get(url).content.decode()
        assert "Le chapô, visible de tous." in content, url
        assert SECRET not in content and "Le début de l'enquête" not in content, url


def test_search_excerpts_never_come_from_the_reserved_part(client, reserved):
    content = client.get("/recherche/", {"q": "révélation montants"}).content.decode()
    assert SECRET not in content and "détail des montants" not in content
    # Found all the same, and shown as a subscriber article.
    assert "Enquête sur les dépassements" in content
    assert "badge--subscribers" in content


@pytest.fixture
def reserved_file(reserved, media_root):
    return Resource.objects.create(
        article=reserved,
        title="Rapport complet",
        file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 contenu", "application/pdf"),
    )


def test_resource_titles_are_shown_without_their_links(client, reserved_file, reserved):
    html = client.get(reserved.get_absolute_url()).content.decode()
    assert "Rapport complet" in html
    assert f"/ressources/{reserved_file.pk}/" not in html


def test_reserved_downloads_send_anonymous_readers_to_the_login(client, reserved_file):
    url = f"/ressources/{reserved_file.pk}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/comptes/login/?next={quote(url, safe='/')}"


def test_reserved_downloads_refuse_logged_in_readers_without_access(reserved_file, reader):
    response = logged_in(reader).get(f"/ressources/{reserved_file.pk}/")
    assert response.status_code == 403
    assert "Réservé aux abonnés" in response.content.decode()


def test_staff_download_reserved_files_privately(reserved_file, journalist):
    response = logged_in(journalist).get(f"/ressources/{reserved_file.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 contenu"
    assert response["Cache-Control"] == "private, no-store"


def test_changing_the_level_refreshes_cached_pages_at_once(make_article, sections, settings):
    settings.ACCESS_TEASER_CHARS = 50
    article = make_article(title="Bientôt réservé", body=BODY)
    url = article.get_absolute_url()
    for _ in range(2):
        page = logged_in().get(url)
    assert page["X-Cache"] == "hit" and SECRET in page.content.decode()
    section_list = logged_in().get(sections["politique"].get_absolute_url())
    assert "badge--subscribers" not in section_list.content.decode()
    # The section's default changes: the article (which follows it) and its lists.
    sections["financement"].access = "abonnes"
    sections["financement"].save()
    assert SECRET not in logged_in().get(url).content.decode()
    listing = logged_in().get(sections["politique"].get_absolute_url()).content.decode()
    assert "badge--subscribers" in listing
    # The article's own choice: free again.
    article.access = "libre"
    article.save()
    assert SECRET in logged_in().get(url).content.decode()
