"""Shared fixtures: named roles and a small newsroom to test against."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Section, Status
from authors.models import Author
from tests.helpers import READER_PASSWORD, logged_in

_counter = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "reporting_500s: the *_client fixtures answer a view's exception as a 500 response",
    )
    config.addinivalue_line(
        "markers", "page_cache_off: pages are rendered every time (query-count tests)"
    )


def _staff_user(django_user_model, username, perms):
    user = django_user_model.objects.create_user(
        username=username, password="motdepasse-de-test", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename__in=perms))
    return user


@pytest.fixture
def journalist(django_user_model):
    """Writes articles; may not publish."""
    return _staff_user(
        django_user_model,
        "journaliste",
        ["add_article", "change_article", "view_article", "view_section", "view_author",
         "add_resource", "change_resource", "delete_resource", "view_resource", "add_tag",
         "view_tag"],
    )  # fmt: skip


@pytest.fixture
def other_journalist(django_user_model, journalist):
    """A second journalist, with the same permissions: must not see the first one's drafts."""
    user = django_user_model.objects.create_user(
        username="journaliste2", password="motdepasse-de-test", is_staff=True
    )
    user.user_permissions.set(journalist.user_permissions.all())
    return user


@pytest.fixture
def editor(django_user_model):
    """Everything on articles, sections and authors, including publishing."""
    user = _staff_user(django_user_model, "editeur", [])
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "authors", "taggit"])
    )
    return user


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
    bruno = django_user_model.objects.create_user(
        username="bruno", first_name="Bruno", last_name="Petit", is_staff=True
    )
    bruno.user_permissions.set(editor.user_permissions.all())
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
