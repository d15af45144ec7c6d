"""Shared fixtures: named roles and a small newsroom to test against."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Section, Status
from authors.models import Author
from newsroom import roles
from tests.helpers import READER_PASSWORD, logged_in, staff_in_group

_counter = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "reporting_500s: the *_client fixtures answer a view's exception as a 500 response",
    )
    config.addinivalue_line(
        "markers", "page_cache_off: pages are rendered every time (query-count tests)"
    )


def _staff_user(django_user_model, username, role, **fields):
    """A staff member whose rights come only from a real group (created by the migrations,
    newsroom/roles.py): no permission of their own."""
    return staff_in_group(username, role, **fields)


@pytest.fixture
def journalist(django_user_model):
    """Writes articles; may not publish. In the « Journaliste » group only."""
    return _staff_user(django_user_model, "journaliste", roles.JOURNALIST)


@pytest.fixture
def other_journalist(django_user_model, journalist):
    """A second journalist, in the same group: must not see the first one's drafts."""
    return _staff_user(django_user_model, "journaliste2", roles.JOURNALIST)


@pytest.fixture
def editor(django_user_model):
    """Publishes; manages sections, authors, tags, images, redirects, subscriptions.
    In the « Éditeur » group only."""
    return _staff_user(django_user_model, "editeur", roles.EDITOR)


def _client_for(request, user):
    # Under reporting_500s a 500 is a status the test asserts on (naming the payload or
    # field at fault), not a traceback that stops it.
    reporting = request.node.get_closest_marker("reporting_500s") is not None
    return logged_in(user, raise_request_exception=not reporting)


@pytest.fixture
def journalist_client(request, journalist):
    """A fresh client logged in as the journalist."""
    return _client_for(request, journalist)


@pytest.fixture
def other_journalist_client(request, other_journalist):
    return _client_for(request, other_journalist)


@pytest.fixture
def editor_client(request, editor):
    return _client_for(request, editor)


@pytest.fixture
def editors(editor, django_user_model):
    """Alice (A) and Bruno (B), both editors, each in their own browser (two clients)."""
    editor.first_name, editor.last_name = "Alice", "Martin"
    editor.save()
    bruno = _staff_user(
        django_user_model, "bruno", roles.EDITOR, first_name="Bruno", last_name="Petit"
    )
    return logged_in(editor), logged_in(bruno)


@pytest.fixture
def reader(django_user_model):
    """A logged-in reader: no access to the admin."""
    return django_user_model.objects.create_user(username="lecteur", password="motdepasse-de-test")


@pytest.fixture
def verified_reader(django_user_model):
    """A reader account whose address is verified: may log in at /comptes/login/."""
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="lectrice", email="lectrice@chu-exemple.fr", password=READER_PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def outsider(client):
    """Anonymous visitor."""
    return client


@pytest.fixture
def groups_exist():
    return Group.objects.all()


@pytest.fixture
def sections(db):
    """Accueil > Financement et politiques publiques > Politique de santé, and a sister tree."""
    financement = Section.objects.create(
        name="Financement et politiques publiques", slug="financement-et-politiques-publiques"
    )
    politique = Section.objects.create(
        name="Politique de santé", slug="politique-de-sante", parent=financement
    )
    esante = Section.objects.create(name="E-santé", slug="e-sante", position=1)
    return {"financement": financement, "politique": politique, "esante": esante}


@pytest.fixture
def author(db):
    return Author.objects.create(
        name="Claire Dubois", job_title="Journaliste santé", bio="Couvre l'hôpital public."
    )


@pytest.fixture
def make_article(db, sections, author):
    """Build an article; published one hour ago unless told otherwise."""

    def make(**fields):
        authors = fields.pop("authors", [author])
        tags = fields.pop("tags", [])
        n = next(_counter)
        fields.setdefault("title", f"Article de test numéro {n}")
        fields.setdefault("standfirst", f"Chapô de l'article {n}.")
        fields.setdefault("body", f"<h2>Intertitre {n}</h2><p>Texte de l'article {n}.</p>")
        fields.setdefault("section", sections["politique"])
        fields.setdefault("status", Status.PUBLISHED)
        if fields["status"] == Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
        article = Article.objects.create(**fields)
        for position, each in enumerate(authors):
            ArticleAuthor.objects.create(article=article, author=each, position=position)
        if tags:
            article.tags.add(*tags)
        return article

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files and renditions go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_library_image(db, media_root):
    """A real JPEG in the image library (renditions generated on save)."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image as PILImage

    from images.models import Image

    def make(size=(1200, 800), **fields):
        out = io.BytesIO()
        PILImage.new("RGB", size, "teal").save(out, "JPEG")
        fields.setdefault("alt_text", "Couloir d'un hôpital")
        fields.setdefault("credit", "Rédaction")
        image = Image(file=ContentFile(out.getvalue(), name="photo.jpg"), **fields)
        image.save()
        return image

    return make


@pytest.fixture(autouse=True)
def _empty_page_cache(request):
    """The page cache is on in tests (tests/settings.py): each test starts with it empty.

    ``@pytest.mark.page_cache_off``: tests that count the queries of a render (a hit
    costs none, which would make them pass without measuring anything).
    """
    from django.core.cache import caches

    caches["default"].clear()
    if request.node.get_closest_marker("page_cache_off") is not None:
        settings = request.getfixturevalue("settings")
        settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(scope="session", autouse=True)
def _collected_static(django_test_environment):
    """Production's static storage (tests/settings.py): collectstatic once per session.

    Templates then resolve ``{% static %}`` through the hashed manifest, strict as in
    production, and WhiteNoise serves the collected files (a missing file is a 500).
    """
    import shutil

    from django.conf import settings
    from django.core.management import call_command

    from tests import settings as test_settings

    call_command("collectstatic", interactive=False, verbosity=0)
    yield
    if test_settings.OWNS_STATIC_ROOT:
        shutil.rmtree(settings.STATIC_ROOT, ignore_errors=True)


@pytest.fixture
def csrf_client():
    """``csrf_client(user)``: a fresh client that enforces CSRF as a browser meets it.

    Logged in as ``user`` (anonymous with None); other options go to Client
    (``REMOTE_ADDR=…``). Its POSTs need the token the page carries
    (tests/security/test_csrf_enforced.py: ``token_from``).
    """

    def make(user=None, **client_options):
        return logged_in(user, enforce_csrf_checks=True, **client_options)

    return make


@pytest.fixture(scope="session", autouse=True)
def _live_server_static_through_whitenoise():
    """live_server (browser tests) sends /static/ to the site's own WhiteNoise, as in
    production, instead of Django's finders handler, which knows no hashed name."""
    from unittest import mock

    from django.contrib.staticfiles.handlers import StaticFilesHandler

    with mock.patch.object(StaticFilesHandler, "_should_handle", lambda self, path: False):
        yield
