"""Share links: editors let an outside reviewer read a draft, until it expires or is revoked."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Section, ShareLink, Status
from tests.helpers import page_text

BANNER = "Aperçu — non publié"
NOINDEX_META = '<meta name="robots" content="noindex">'
PARIS = ZoneInfo("Europe/Paris")


def links_url(article):
    return f"/admin/articles/article/{article.pk}/liens-apercu/"


def revoke_url(article, link):
    return f"/admin/articles/article/{article.pk}/liens-apercu/{link.pk}/revoquer/"


def public_url(link):
    return f"/apercu/{link.token}/"


@pytest.fixture
def draft(make_article, journalist):
    return make_article(
        title="Enquête sur les urgences, version de travail",
        body="<p>Un paragraphe encore confidentiel.</p>",
        status=Status.DRAFT,
        created_by=journalist,
    )


@pytest.fixture
def make_link(editor):
    def make(article, days=7, **fields):
        return ShareLink.objects.create(
            article=article,
            created_by=editor,
            expires_at=timezone.now() + timedelta(days=days),
            **fields,
        )

    return make


# --- Creating and revoking (editors only) ------------------------------------------------


def test_editor_creates_a_link(editor_client, editor, draft):
    page = editor_client.get(links_url(draft))
    assert page.status_code == 200
    assert "Aucun lien pour cet article." in page.content.decode()

    before = timezone.now()
    response = editor_client.post(
        links_url(draft), {"duration": "7", "note": "Dr Martin, relecture médicale"}
    )
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.article == draft
    assert link.created_by == editor
    assert link.note == "Dr Martin, relecture médicale"
    assert before + timedelta(days=7) <= link.expires_at <= timezone.now() + timedelta(days=7)

    html = editor_client.get(links_url(draft)).content.decode()
    assert f"http://testserver/apercu/{link.token}/" in html
    assert "Dr Martin, relecture médicale" in html
    assert "Révoquer" in html


def test_editor_chooses_an_end_date(editor_client, draft):
    until = timezone.localdate() + timedelta(days=10)
    response = editor_client.post(links_url(draft), {"duration": "date", "until": until})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    # Valid through the whole chosen day, Paris time.
    assert link.expires_at == datetime.combine(until, time(23, 59, 59), tzinfo=PARIS)
    assert "23h59" in editor_client.get(links_url(draft)).content.decode()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"duration": "date"}, "Indiquez jusqu'à quelle date le lien reste valable."),
        ({"duration": "date", "until": "pas une date"}, "Saisissez une date valide."),
        ({"duration": "date", "until": "2001-01-01"}, "Cette date est déjà passée."),
        (
            {"duration": "date", "until": "9999-12-31"},
            "Un lien ne peut pas rester valable plus d'un an.",
        ),
        ({"duration": "365000"}, "Sélectionnez un choix valide. 365000 n’en fait pas partie."),
        ({"duration": ""}, "Ce champ est obligatoire."),
        (
            {"duration": "7", "note": "x" * 201},
            "Assurez-vous que cette valeur comporte au plus 200 caractères (actuellement 201).",
        ),
    ],
)
def test_bad_input_is_a_form_error(editor_client, draft, data, error):
    response = editor_client.post(links_url(draft), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    # The reason is shown to the editor, on the page itself.
    assert error in page_text(response)
    assert not ShareLink.objects.exists()


def test_editor_change_page_offers_share_links(editor_client, draft):
    html = editor_client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert links_url(draft) in html


def test_journalist_cannot_see_share_links(journalist_client, draft, make_link):
    make_link(draft)
    assert journalist_client.get(links_url(draft)).status_code == 403
    change_page = journalist_client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert links_url(draft) not in change_page.content.decode()


def test_journalist_forged_create_is_refused(journalist_client, draft):
    response = journalist_client.post(links_url(draft), {"duration": "30", "note": "moi"})
    assert response.status_code == 403
    assert not ShareLink.objects.exists()


def test_journalist_forged_revoke_is_refused(journalist_client, draft, make_link):
    link = make_link(draft)
    assert journalist_client.post(revoke_url(draft, link)).status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None
    assert journalist_client.get(public_url(link)).status_code == 200


def test_anonymous_is_sent_to_login(client, draft, make_link):
    link = make_link(draft)
    for response in (client.get(links_url(draft)), client.post(revoke_url(draft, link))):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not ShareLink.objects.filter(revoked_at__isnull=False).exists()


def test_editor_revokes_a_link(editor_client, draft, make_link):
    link = make_link(draft)
    assert editor_client.get(public_url(link)).status_code == 200
    response = editor_client.post(revoke_url(draft, link))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "Révoqué" in editor_client.get(links_url(draft)).content.decode()
    assert editor_client.get(public_url(link)).status_code == 404


def test_revoking_needs_a_post(editor_client, draft, make_link):
    link = make_link(draft)
    assert editor_client.get(revoke_url(draft, link)).status_code == 405
    link.refresh_from_db()
    assert link.revoked_at is None


def test_unknown_or_foreign_ids_are_404(editor_client, draft, make_article, make_link):
    other = make_article(title="Un autre article")
    others_link = make_link(other)
    assert editor_client.get("/admin/articles/article/999999/liens-apercu/").status_code == 404
    assert editor_client.get("/admin/articles/article/abc/liens-apercu/").status_code == 404
    # Another article's link cannot be revoked through this article's page.
    assert editor_client.post(revoke_url(draft, others_link)).status_code == 404
    others_link.refresh_from_db()
    assert others_link.revoked_at is None


# --- The public preview -------------------------------------------------------------------


def test_valid_link_shows_the_draft_with_the_banner(client, draft, make_link):
    link = make_link(draft)
    response = client.get(public_url(link))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enquête sur les urgences, version de travail" in html
    assert "Un paragraphe encore confidentiel." in html
    assert BANNER in html
    assert NOINDEX_META in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    # Read-only: nothing leads to the back office.
    assert "/admin/" not in html
    assert "Retour à l'édition" not in html


def test_link_follows_the_saved_article_whatever_its_status(client, draft, make_link):
    link = make_link(draft)
    draft.status = Status.REVIEW
    draft.title = "Enquête sur les urgences, relue"
    draft.save()
    html = client.get(public_url(link)).content.decode()
    assert "Enquête sur les urgences, relue" in html
    assert BANNER in html


def test_expired_link_is_404(client, draft, make_link):
    link = make_link(draft, days=1)
    with time_machine.travel(link.expires_at - timedelta(seconds=1)):
        assert client.get(public_url(link)).status_code == 200
    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        response = client.get(public_url(link))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "Enquête sur les urgences" not in html


def test_revoked_link_is_404(client, draft, make_link):
    link = make_link(draft, revoked_at=timezone.now())
    response = client.get(public_url(link))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], signing.dumps(999)),
        lambda token: signing.dumps(int(signing.loads(token, salt="articles.share-link"))),
        lambda token: "pas-un-jeton",
        lambda token: token + "x" * 500,
    ],
)
def test_tampered_token_is_404(client, draft, make_link, tamper):
    link = make_link(draft)
    response = client.get(f"/apercu/{tamper(link.token)}/")
    assert response.status_code == 404
    assert "Enquête sur les urgences" not in response.content.decode()


def test_link_for_one_article_never_shows_another(client, draft, make_article, make_link):
    other = make_article(title="Autre brouillon secret", status=Status.DRAFT)
    link_a, link_b = make_link(draft), make_link(other)
    html_a = client.get(public_url(link_a)).content.decode()
    html_b = client.get(public_url(link_b)).content.decode()
    assert "Enquête sur les urgences" in html_a and "Autre brouillon secret" not in html_a
    assert "Autre brouillon secret" in html_b and "Enquête sur les urgences" not in html_b
    # A token for another pk in A's place is not accepted either.
    forged = signing.dumps(other.pk, salt="other-salt")
    assert client.get(f"/apercu/{forged}/").status_code == 404


def test_apercu_is_reserved_for_sections(db):
    with pytest.raises(ValidationError) as error:
        Section(name="Aperçu", slug="apercu").full_clean()
    assert "slug" in error.value.message_dict
