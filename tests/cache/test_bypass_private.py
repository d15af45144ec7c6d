"""What must never be shared: staff, previews, share links, POSTs, downloads, the admin.

Never ``public`` for a browser or a CDN, never stored by the page cache (a reader after
them gets a page rendered for nobody in particular)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Resource, ShareLink, Status
from tests.helpers import logged_in


def shared_anywhere(response):
    """Might a browser's shared cache or the CDN keep this response?"""
    control = response.get("Cache-Control", "").lower()
    return "public" in control or "s-maxage" in control or response.has_header("Surrogate-Key")


def private(response):
    control = response.get("Cache-Control", "").lower()
    return ("private" in control or "no-store" in control) and not shared_anywhere(response)


@pytest.fixture
def article(make_article):
    return make_article(title="Le budget de la Sécurité sociale")


@pytest.fixture
def draft(make_article, journalist):
    return make_article(title="Brouillon confidentiel", status=Status.DRAFT, created_by=journalist)


@pytest.mark.parametrize("who", ["editor_client", "journalist_client"])
def test_staff_pages_are_private_and_not_stored(request, anonymous, article, who):
    staff = request.getfixturevalue(who)
    url = article.get_absolute_url()
    for _ in range(2):
        response = staff.get(url)
        assert response.status_code == 200
        assert response["X-Cache"] == "bypass"
        assert private(response), response["Cache-Control"]
    # The staff's renders were not stored: the first reader renders its own.
    assert anonymous.get(url)["X-Cache"] == "miss"
    reader = anonymous.get(url)
    assert reader["X-Cache"] == "hit"
    assert reader["Cache-Control"].startswith("public")


def test_staff_never_get_the_readers_copy(editor_client, anonymous, article):
    url = article.get_absolute_url()
    anonymous.get(url)
    assert anonymous.get(url)["X-Cache"] == "hit"
    response = editor_client.get(url)
    assert response["X-Cache"] == "bypass"
    assert private(response)


def test_a_logged_in_reader_is_private_too(reader, anonymous, article):
    response = logged_in(reader).get(article.get_absolute_url())
    assert response["X-Cache"] == "bypass"
    assert private(response)
    assert anonymous.get(article.get_absolute_url())["X-Cache"] == "miss"


def test_any_session_or_messages_cookie_bypasses(anonymous, article):
    url = article.get_absolute_url()
    anonymous.get(url)
    for cookie in ("sessionid", "messages"):
        visitor = logged_in()
        visitor.cookies[cookie] = "quelque-chose"
        response = visitor.get(url)
        assert response["X-Cache"] == "bypass", cookie
        assert private(response), cookie


def test_a_csrf_cookie_alone_still_gets_the_cached_page(anonymous, article):
    """Every reader who once opened the login page keeps a CSRF cookie for a year."""
    url = article.get_absolute_url()
    anonymous.get(url)
    visitor = logged_in()
    visitor.cookies["csrftoken"] = "a" * 32
    response = visitor.get(url)
    assert response["X-Cache"] == "hit"
    assert not private(response)
    assert not response.cookies


def test_admin_previews_are_private_and_not_stored(editor_client, anonymous, draft):
    url = f"/admin/articles/article/{draft.pk}/apercu/"
    for _ in range(2):
        response = editor_client.get(url)
        assert response.status_code == 200
        assert "Brouillon confidentiel" in response.content.decode()
        assert private(response), response["Cache-Control"]
    # An anonymous visitor is sent to the login, whatever was rendered before.
    response = anonymous.get(url)
    assert response.status_code == 302
    assert "Brouillon confidentiel" not in response.content.decode()
    assert not shared_anywhere(response)


def test_share_links_are_private_and_not_stored(anonymous, editor, draft):
    link = ShareLink.objects.create(
        article=draft, created_by=editor, expires_at=timezone.now() + timedelta(days=7)
    )
    url = f"/apercu/{link.token}/"
    for _ in range(2):
        response = anonymous.get(url)
        assert response.status_code == 200
        assert response["X-Cache"] == "bypass"
        assert private(response), response["Cache-Control"]
    # Revoked: the next reader gets the 404 at once, not a copy kept anywhere.
    link.delete()
    assert anonymous.get(url).status_code == 404


def test_posts_are_private_and_not_stored(anonymous, article):
    url = article.get_absolute_url()
    for target in (url, "/", "/recherche/"):
        response = anonymous.post(target, {"q": "budget"})
        assert not shared_anywhere(response), target
        assert private(response), target
    assert anonymous.get(url)["X-Cache"] == "miss"


def test_the_admin_is_never_shared(anonymous, editor_client):
    for client, url in ((anonymous, "/admin/login/"), (editor_client, "/admin/")):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert private(response), (url, response.get("Cache-Control"))


def test_resource_downloads_are_not_stored_and_drafts_are_private(
    anonymous, journalist_client, article, draft, media_root
):
    def attach(to):
        return Resource.objects.create(
            article=to,
            title="Annexe",
            file=SimpleUploadedFile(
                "annexe.pdf", b"%PDF-1.4 " * 100, content_type="application/pdf"
            ),
        )

    public_file, draft_file = attach(article), attach(draft)
    for _ in range(2):
        response = anonymous.get(f"/ressources/{public_file.pk}/")
        assert response.status_code == 200
        assert response["X-Cache"] == "bypass"
        assert not response.has_header("Surrogate-Key")
    assert anonymous.get(f"/ressources/{draft_file.pk}/").status_code == 404
    for _ in range(2):
        response = journalist_client.get(f"/ressources/{draft_file.pk}/")
        assert response.status_code == 200
        assert private(response), response["Cache-Control"]
    # The staff's download of a public file is private too (the session says so).
    assert private(journalist_client.get(f"/ressources/{public_file.pk}/"))
