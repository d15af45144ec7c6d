"""CSRF, enforced as a browser meets it, on the forms the newsroom writes itself.

The test client skips the CSRF check unless told otherwise; these tests use
``csrf_client`` (tests/conftest.py), which does not. Each form: a POST without the
token is refused (403, Django's French failure page) and changes nothing; the same POST
with the token read from the page that carries the form is accepted.
Also here: the settings the suite runs on are production's (DEBUG off, hashed statics).
"""

import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils import timezone

from articles.models import Article, ShareLink, Status, Transition
from articles.models.access import Access
from subscriptions.models import GiftLink, Network, Organisation, Subscription
from tests.helpers import READER_PASSWORD, change_url, form_values
from tests.test_admin_articles import article_form_data
from tests.test_autosave import autosave_url, autosaves_of

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
SECRET = "Révélation réservée aux abonnés"
INSIDE = "192.0.2.10"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def token_from(client, url):
    """The CSRF token of the form(s) on ``url``, as a browser would post it back."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    found = TOKEN.search(response.content.decode())
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def refused(response):
    """Django's own CSRF failure page (no CSRF_FAILURE_VIEW, no 403_csrf.html), in French."""
    assert response.status_code == 403
    text = response.content.decode()
    assert "<h1>Interdit <span>(403)</span></h1>" in text, text[:500]
    assert "La vérification CSRF a échoué. La requête a été interrompue." in text
    return True


# --- The settings themselves -------------------------------------------------------------


def test_the_suite_runs_on_production_settings():
    assert settings.DEBUG is False
    assert settings.ROOT_URLCONF == "newsroom.urls"
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    for name in ("WHITENOISE_AUTOREFRESH", "WHITENOISE_USE_FINDERS"):
        assert not getattr(settings, name, False), name
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_static_files_are_hashed_and_served_from_the_collected_folder(client):
    # The session's folder (tests/conftest.py), not a stale one from a demo run.
    assert Path(staticfiles_storage.location) == Path(settings.STATIC_ROOT)
    assert (Path(settings.STATIC_ROOT) / "staticfiles.json").is_file()
    url = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url), url
    response = client.get(url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    # As in production, a template naming a file that is not there fails (a 500).
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        static("css/absent.css")


# --- Staff: share links, workflow buttons, calendar, autosave, checklist ------------------


@pytest.fixture
def draft(make_article, journalist):
    return make_article(title="Brouillon confidentiel", status=Status.DRAFT, created_by=journalist)


def test_share_link_create_and_revoke(csrf_client, editor, draft):
    client = csrf_client(editor)
    url = f"/admin/articles/article/{draft.pk}/liens-apercu/"
    data = {"duration": "7", "note": "Relecture médicale"}
    assert refused(client.post(url, data))
    assert not ShareLink.objects.exists()

    token = token_from(client, url)
    assert client.post(url, data | {"csrfmiddlewaretoken": token}).status_code == 302
    link = ShareLink.objects.get()

    revoke = f"{url}{link.pk}/revoquer/"
    assert refused(client.post(revoke))
    link.refresh_from_db()
    assert link.revoked_at is None
    token = token_from(client, url)
    assert client.post(revoke, {"csrfmiddlewaretoken": token}).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_workflow_button_of_the_change_form(csrf_client, journalist, draft):
    client = csrf_client(journalist)
    data = form_values(client, change_url(draft)) | {"_transition": ["submit"]}
    assert data["csrfmiddlewaretoken"]
    forged = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
    assert refused(client.post(change_url(draft), forged))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not Transition.objects.filter(article=draft).exists()

    assert client.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert Transition.objects.filter(article=draft).count() == 1


def test_calendar_reschedule(csrf_client, editor, make_article):
    now = timezone.now()
    article = make_article(status=Status.SCHEDULED, published_at=now + timedelta(days=2))
    before = (article.published_at, article.version)
    url = f"/admin/articles/article/calendrier/{article.pk}/reprogrammer/"
    when = (now + timedelta(days=3)).astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")
    data = {"published_at": when, "version": str(article.version)}
    client = csrf_client(editor)
    assert refused(client.post(url, data))
    article.refresh_from_db()
    assert (article.published_at, article.version) == before

    token = token_from(client, "/admin/articles/article/calendrier/")
    assert client.post(url, data | {"csrfmiddlewaretoken": token}).status_code == 302
    article.refresh_from_db()
    assert article.published_at.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M") == when


def test_autosave(csrf_client, journalist, draft):
    client = csrf_client(journalist)
    data = form_values(client, change_url(draft)) | {"title": ["Titre sauvegardé"]}
    forged = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
    assert refused(client.post(autosave_url(draft), forged))
    assert autosaves_of(draft) == []
    assert client.post(autosave_url(draft), data).status_code == 200
    assert len(autosaves_of(draft)) == 1
    assert Article.objects.get(pk=draft.pk).title == "Brouillon confidentiel"


def test_checklist(csrf_client, journalist, draft):
    client = csrf_client(journalist)
    url = f"/admin/articles/article/{draft.pk}/liste-de-controle/"
    data = article_form_data(draft.section, article=draft)
    assert refused(client.post(url, data))
    token = token_from(client, change_url(draft))
    assert client.post(url, data | {"csrfmiddlewaretoken": token}).status_code == 200


def test_admin_login(csrf_client, editor):
    client = csrf_client()
    data = {"username": editor.username, "password": "motdepasse-de-test"}
    assert refused(client.post("/admin/login/", data))
    assert SESSION_KEY not in client.session
    token = token_from(client, "/admin/login/")
    response = client.post("/admin/login/", data | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)


# --- Readers: login, logout, gift links, organisation access ------------------------------


@pytest.fixture
def reserved(make_article, settings):
    settings.ACCESS_TEASER_CHARS = 50
    return make_article(
        title="Enquête sur les dépassements",
        body=f"<p>Le début de l'enquête, visible de tous, qui pose le sujet.</p><p>{SECRET}</p>",
        access=Access.SUBSCRIBERS,
    )


@pytest.fixture
def subscriber(django_user_model):
    user = django_user_model.objects.create_user(
        username="abonnee", email="abonnee@exemple.fr", password=READER_PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    now = timezone.now()
    Subscription.objects.create(
        reader=user, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=364)
    )
    return user


def test_reader_login(csrf_client, subscriber):
    client = csrf_client()
    data = {"login": subscriber.email, "password": READER_PASSWORD}
    assert refused(client.post("/comptes/login/", data))
    assert SESSION_KEY not in client.session
    token = token_from(client, "/comptes/login/")
    response = client.post("/comptes/login/", data | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(subscriber.pk)


def test_reader_logout(csrf_client, subscriber):
    client = csrf_client(subscriber)
    assert refused(client.post("/comptes/logout/"))
    assert client.session[SESSION_KEY] == str(subscriber.pk)
    token = token_from(client, "/comptes/")
    assert client.post("/comptes/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert SESSION_KEY not in client.session


def test_gift_link_create_and_revoke(csrf_client, subscriber, reserved):
    client = csrf_client(subscriber)
    data = {"article": str(reserved.pk)}
    assert refused(client.post("/comptes/cadeaux/", data))
    assert not GiftLink.objects.exists()

    token = token_from(client, reserved.get_absolute_url())
    assert (
        client.post("/comptes/cadeaux/", data | {"csrfmiddlewaretoken": token}).status_code == 302
    )
    link = GiftLink.objects.get()

    revoke = f"/comptes/cadeaux/{link.pk}/revoquer/"
    assert refused(client.post(revoke))
    link.refresh_from_db()
    assert link.revoked_at is None
    token = token_from(client, "/comptes/")
    assert client.post(revoke, {"csrfmiddlewaretoken": token}).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_organisation_access(csrf_client, reserved):
    now = timezone.now()
    organisation = Organisation.objects.create(
        name="CHU de Nantes", seats=2, starts_at=now - timedelta(days=30),
        ends_at=now + timedelta(days=335),
    )  # fmt: skip
    Network.objects.create(organisation=organisation, cidr="192.0.2.0/24")
    client = csrf_client(REMOTE_ADDR=INSIDE)
    data = {"next": reserved.get_absolute_url()}
    assert refused(client.post("/comptes/organisation/", data))
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()

    token = token_from(client, "/comptes/organisation/?next=" + reserved.get_absolute_url())
    response = client.post("/comptes/organisation/", data | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SECRET in client.get(reserved.get_absolute_url()).content.decode()
