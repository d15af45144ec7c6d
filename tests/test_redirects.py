"""Old addresses answer 301 to the new one after a slug, section or section-tree change.

Chains are one hop, loops impossible, live pages never shadowed, and editors manage
manual redirects in the admin.
"""

from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Section, Status
from redirects.middleware import RedirectFallbackMiddleware
from redirects.models import Kind, Redirect, normalise_path
from tests.helpers import rename

MIDDLEWARE_PATH = "redirects.middleware.RedirectFallbackMiddleware"
CHANGELIST = "/admin/redirects/redirect/"
ADD = "/admin/redirects/redirect/add/"


def assert_redirects_to(client, old_url, new_url):
    """One hop, permanent, and the new address is a live page."""
    response = client.get(old_url)
    assert response.status_code == 301, old_url
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


# ------------------------------------------------------------------ articles


def test_slug_change_of_a_published_article_redirects(client, make_article):
    article = make_article(title="Le budget de la Sécu")
    old_url, new_url = rename(article, "le-budget-de-la-securite-sociale")

    assert client.get(new_url).status_code == 200
    assert_redirects_to(client, old_url, new_url)
    redirect = Redirect.objects.get()
    assert (redirect.kind, redirect.is_prefix, redirect.old_path) == (
        Kind.AUTOMATIC,
        False,
        old_url,
    )


def test_section_change_of_a_published_article_redirects(client, make_article, sections):
    article = make_article(title="La télésanté progresse")
    old_url = article.get_absolute_url()
    article.section = sections["esante"]
    article.save()

    assert article.get_absolute_url() == "/e-sante/la-telesante-progresse/"
    assert_redirects_to(client, old_url, "/e-sante/la-telesante-progresse/")


def test_query_string_is_preserved(client, make_article):
    old_url, new_url = rename(make_article(), "nouvel-identifiant")
    response = client.get(f"{old_url}?utm_source=lettre&page=2")
    assert response.status_code == 301
    assert response["Location"] == f"{new_url}?utm_source=lettre&page=2"


def test_head_and_missing_trailing_slash_are_redirected_not_post(client, make_article):
    old_url, new_url = rename(make_article(), "nouvel-identifiant")
    assert client.head(old_url).status_code == 301
    response = client.get(old_url.rstrip("/"))
    assert (response.status_code, response["Location"]) == (301, new_url)
    assert client.post(old_url).status_code == 404


# --------------------------------------------------- articles never seen by readers


def test_drafts_create_no_redirect(client, make_article):
    draft = make_article(status=Status.DRAFT)
    old_url, _new_url = rename(draft, "autre-identifiant")
    assert not Redirect.objects.exists()
    assert client.get(old_url).status_code == 404


def test_scheduled_article_redirects_only_once_it_has_been_public(client, make_article, sections):
    now = timezone.now()
    scheduled = make_article(status=Status.SCHEDULED, published_at=now + timedelta(days=1))
    rename(scheduled, "avant-publication")
    scheduled.section = sections["esante"]
    scheduled.save()
    assert not Redirect.objects.exists()

    with time_machine.travel(now + timedelta(days=2)):
        old_url, new_url = rename(scheduled, "apres-publication")
        assert_redirects_to(client, old_url, new_url)
    assert Redirect.objects.count() == 1


def test_unpublished_article_was_public_so_its_old_address_follows(make_article):
    article = make_article()
    article.status = Status.UNPUBLISHED
    article.save()
    old_url, new_url = rename(article, "identifiant-apres-depublication")
    assert Redirect.objects.get().old_path == old_url
    assert Redirect.objects.get().new_path == new_url


# ------------------------------------------------------------------ sections


def test_parent_section_slug_change_is_one_prefix_redirect(client, make_article, sections):
    articles = [make_article(title=f"Article sous la rubrique {n}") for n in range(3)]
    old_article_urls = [a.get_absolute_url() for a in articles]
    financement = sections["financement"]
    financement.slug = "financement"
    financement.save()

    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.new_path, redirect.is_prefix) == (
        "/financement-et-politiques-publiques/",
        "/financement/",
        True,
    )
    for article, old_url in zip(articles, old_article_urls, strict=True):
        article.refresh_from_db()
        assert article.get_absolute_url().startswith("/financement/politique-de-sante/")
        assert_redirects_to(client, old_url, article.get_absolute_url())
    assert_redirects_to(client, "/financement-et-politiques-publiques/", "/financement/")
    assert_redirects_to(
        client,
        "/financement-et-politiques-publiques/politique-de-sante/?page=1",
        "/financement/politique-de-sante/?page=1",
    )


def test_section_moved_under_another_parent_redirects(client, make_article, sections):
    article = make_article(title="Hôpital numérique")
    old_url = article.get_absolute_url()
    politique = sections["politique"]
    politique.parent = sections["esante"]
    politique.save()

    assert Redirect.objects.count() == 1
    assert_redirects_to(client, old_url, "/e-sante/politique-de-sante/hopital-numerique/")
    assert_redirects_to(
        client,
        "/financement-et-politiques-publiques/politique-de-sante/",
        "/e-sante/politique-de-sante/",
    )
    # The old parent itself did not move.
    assert client.get("/financement-et-politiques-publiques/").status_code == 200


# ------------------------------------------------------------ chains and loops


def test_chains_are_collapsed_to_one_hop(client, make_article):
    article = make_article(title="Premier titre")
    first, _ = rename(article, "deuxieme-titre")
    second, _ = rename(article, "troisieme-titre")
    third, latest = rename(article, "quatrieme-titre")

    for old_url in (first, second, third):
        assert_redirects_to(client, old_url, latest)
    assert Redirect.objects.count() == 3
    assert set(Redirect.objects.values_list("new_path", flat=True)) == {latest}


def test_article_then_section_moves_stay_one_hop(client, make_article, sections):
    article = make_article(title="Titre initial")
    before_rename, _ = rename(article, "titre-corrige")
    financement = sections["financement"]
    financement.slug = "financement"
    financement.save()
    article.refresh_from_db()

    assert_redirects_to(client, before_rename, article.get_absolute_url())


def test_section_then_article_moves_stay_one_hop(client, make_article, sections):
    article = make_article(title="Titre initial")
    under_old_section = article.get_absolute_url()
    financement = sections["financement"]
    financement.slug = "financement"
    financement.save()
    _, latest = rename(article, "titre-corrige")

    assert_redirects_to(client, under_old_section, latest)


def test_renaming_back_does_not_loop(client, make_article):
    article = make_article(title="Titre d'origine")
    original, _ = rename(article, "titre-provisoire")
    provisional, _ = rename(article, "titre-d-origine")

    assert client.get(original).status_code == 200
    assert_redirects_to(client, provisional, original)
    assert not Redirect.objects.filter(old_path=original).exists()

    # And once more through a third name: every old address still one hop, no loop.
    rename(article, "troisieme-titre")
    _, back = rename(article, "titre-d-origine")
    assert back == original
    assert client.get(original).status_code == 200
    for old_url in ("titre-provisoire", "troisieme-titre"):
        assert_redirects_to(
            client, f"/financement-et-politiques-publiques/politique-de-sante/{old_url}/", original
        )
    assert Redirect.objects.filter(old_path=original).count() == 0


def test_section_renamed_back_is_live_again(client, make_article, sections):
    article = make_article(title="Article stable")
    financement = sections["financement"]
    financement.slug = "financement"
    financement.save()
    financement.slug = "financement-et-politiques-publiques"
    financement.save()

    assert client.get("/financement-et-politiques-publiques/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    assert_redirects_to(client, "/financement/", "/financement-et-politiques-publiques/")
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/financement/"]


def test_a_redirect_never_shadows_a_live_page(client, make_article, editor):
    article = make_article()
    Redirect.objects.create(old_path=article.get_absolute_url(), new_path="/e-sante/")
    assert client.get(article.get_absolute_url()).status_code == 200


# ----------------------------------------------------------- 404 and queries


def test_unknown_addresses_are_still_french_404(client, sections):
    Redirect.objects.create(old_path="/ancienne-rubrique/", new_path="/e-sante/", is_prefix=True)
    for url in ("/rubrique-inconnue/", "/e-sante/inconnu/", "/" + "x/" * 5000):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()


def _middleware(status, response_class=HttpResponse):
    def get_response(request):
        return response_class("contenu", status=status)

    return RedirectFallbackMiddleware(get_response)


def test_middleware_runs_no_query_unless_the_page_is_missing(db, django_assert_num_queries):
    request = RequestFactory().get("/financement-et-politiques-publiques/")
    with django_assert_num_queries(0):
        assert _middleware(200)(request).status_code == 200
    with django_assert_num_queries(0):
        assert _middleware(302)(request).status_code == 302
    with django_assert_num_queries(0):
        post = RequestFactory().post("/ancien/")
        assert _middleware(404, HttpResponseNotFound)(post).status_code == 404
    with django_assert_num_queries(0):
        # PostgreSQL refuses NUL in text: such a path is not looked up at all.
        nul = RequestFactory().get("/a%00b/")
        assert _middleware(404, HttpResponseNotFound)(nul).status_code == 404
    # A 404: one query, whatever the depth of the path.
    with django_assert_num_queries(1):
        deep = RequestFactory().get("/a/b/c/d/e/f/g/h/")
        assert _middleware(404, HttpResponseNotFound)(deep).status_code == 404


def test_redirect_found_in_one_query(db, django_assert_num_queries):
    Redirect.objects.create(old_path="/a/", new_path="/z/", is_prefix=True)
    Redirect.objects.create(old_path="/a/b/", new_path="/y/", is_prefix=True)
    Redirect.objects.create(old_path="/a/b/c/", new_path="/exact/")
    middleware = _middleware(404, HttpResponseNotFound)
    cases = {
        "/a/b/c/": "/exact/",
        "/a/b/c/d/": "/y/c/d/",  # /a/b/c/ is not a prefix: the longest prefix is /a/b/
        "/a/b/x/": "/y/x/",
        "/a/x/": "/z/x/",
        "/a/": "/z/",
    }
    for path, target in cases.items():
        with django_assert_num_queries(1):
            response = middleware(RequestFactory().get(path))
        assert (response.status_code, response["Location"]) == (301, target)


@pytest.mark.page_cache_off  # counts the render's queries (a page cache hit has none)
def test_pages_cost_the_same_queries_with_the_middleware(client, make_article, settings):
    article = make_article()
    Redirect.objects.create(old_path="/ancien/", new_path=article.get_absolute_url())

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    # Last, so that it only sees the final response.
    assert settings.MIDDLEWARE[-1] == MIDDLEWARE_PATH
    urls = ["/", article.get_absolute_url(), "/financement-et-politiques-publiques/"]
    for url in urls:  # what lasts between requests (a list's kept count) is there for both
        client.get(url)
    with_middleware = [count(url) for url in urls]
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE_PATH]
    assert [count(url) for url in urls] == with_middleware


def test_paths_are_normalised():
    cases = {"ancienne-page": "/ancienne-page/", "/a//b?x=1#haut": "/a/b/", " /a/b ": "/a/b/"}
    for raw, normalised in cases.items():
        assert normalise_path(raw) == normalised


# ------------------------------------------------------------------- admin


@pytest.fixture
def editor_client(editor_client, editor):
    """Conftest's, with the editor in the Éditeur group: the redirect admin's rights."""
    editor.groups.add(Group.objects.get(name="Éditeur"))
    return editor_client


def test_migration_gives_editors_every_redirect_permission(db):
    codenames = set(
        Group.objects.get(name="Éditeur")
        .permissions.filter(content_type__app_label="redirects")
        .values_list("codename", flat=True)
    )
    assert codenames == {"add_redirect", "change_redirect", "delete_redirect", "view_redirect"}


def test_editor_adds_a_manual_redirect(editor_client, editor, sections):
    response = editor_client.post(
        ADD, {"old_path": " ancienne-page?ref=lettre ", "new_path": "e-sante", "is_prefix": ""}
    )
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.new_path) == ("/ancienne-page/", "/e-sante/")
    assert (redirect.kind, redirect.created_by) == (Kind.MANUAL, editor)

    response = editor_client.get("/ancienne-page/?ref=lettre")
    assert (response.status_code, response["Location"]) == (301, "/e-sante/?ref=lettre")


def test_editor_adds_a_prefix_redirect_to_an_external_site(editor_client, sections):
    response = editor_client.post(
        ADD,
        {"old_path": "/archives/", "new_path": "https://archives.example.fr", "is_prefix": "on"},
    )
    assert response.status_code == 302
    response = editor_client.get("/archives/2019/dossier/")
    assert response["Location"] == "https://archives.example.fr/2019/dossier/"


def test_manual_redirect_collapses_chains(editor_client, make_article):
    old_url, _ = rename(make_article(), "nouvel-identifiant")
    editor_client.post(ADD, {"old_path": "/raccourci/", "new_path": old_url})
    # The old address itself now leads elsewhere: the shortcut follows, one hop.
    editor_client.post(ADD, {"old_path": old_url, "new_path": "/e-sante/"})
    assert Redirect.objects.get(old_path="/raccourci/").new_path == old_url

    # An address typed by hand that an earlier redirect pointed to is retargeted.
    Redirect.objects.filter(old_path=old_url).delete()
    Redirect.objects.create(old_path="/vieux/", new_path="/intermediaire/")
    editor_client.post(ADD, {"old_path": "/intermediaire/", "new_path": "/e-sante/"})
    assert Redirect.objects.get(old_path="/vieux/").new_path == "/e-sante/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"old_path": "/meme/", "new_path": "meme"}, "doit différer"),
        ({"old_path": "/", "new_path": "/e-sante/"}, "page d'accueil"),
        ({"old_path": "https://autre.fr/a/", "new_path": "/e-sante/"}, "chemin du site"),
        ({"old_path": "/a/", "new_path": "http://exemple.fr/"}, "https://"),
        ({"old_path": "/a/", "new_path": "javascript:alert(1)"}, "https://"),
        ({"old_path": "/a b/", "new_path": "/e-sante/"}, "espace"),
        ({"old_path": "/a/", "new_path": "/a/b/", "is_prefix": "on"}, "sous l'ancienne"),
        ({"old_path": "/boucle-a/", "new_path": "/boucle-b/"}, "boucle"),
        ({"old_path": "/deja/", "new_path": "/e-sante/"}, "existe déjà"),
        ({"old_path": "/x/", "new_path": "/e-sante/?q=1", "is_prefix": "on"}, "paramètres"),
    ],
)
def test_manual_redirect_form_refuses_bad_input(editor_client, sections, data, message):
    Redirect.objects.create(old_path="/boucle-b/", new_path="/boucle-c/")
    Redirect.objects.create(old_path="/boucle-c/", new_path="/boucle-a/")
    Redirect.objects.create(old_path="/deja/", new_path="/e-sante/")
    before = set(Redirect.objects.values_list("old_path", "new_path"))

    response = editor_client.post(ADD, {"is_prefix": "", **data})
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert set(Redirect.objects.values_list("old_path", "new_path")) == before


def test_editor_lists_searches_and_filters_redirects(editor_client, make_article):
    old_url, new_url = rename(make_article(), "identifiant-revu")
    Redirect.objects.create(old_path="/ancienne-page/", new_path="/e-sante/")

    page = editor_client.get(CHANGELIST).content.decode()
    assert old_url in page and "/ancienne-page/" in page and "Automatique" in page
    page = editor_client.get(CHANGELIST, {"q": "ancienne-page"}).content.decode()
    assert "/ancienne-page/" in page and old_url not in page
    page = editor_client.get(CHANGELIST, {"kind__exact": Kind.AUTOMATIC}).content.decode()
    assert old_url in page and "/ancienne-page/" not in page


def test_journalist_cannot_use_the_redirects_admin(client, journalist):
    Redirect.objects.create(old_path="/ancienne-page/", new_path="/e-sante/")
    client.force_login(journalist)
    for url in (CHANGELIST, ADD, f"{CHANGELIST}{Redirect.objects.get().pk}/change/"):
        assert client.get(url).status_code == 403
    response = client.post(ADD, {"old_path": "/piratee/", "new_path": "https://evil.example/"})
    assert response.status_code == 403
    assert not Redirect.objects.filter(old_path="/piratee/").exists()


def test_changing_unrelated_fields_records_nothing(make_article, sections):
    article = make_article()
    article.title = "Un nouveau titre, même identifiant"
    article.save()
    politique = Section.objects.get(pk=sections["politique"].pk)
    politique.name = "Politique"
    politique.save()
    Article.objects.filter(pk=article.pk).update(standfirst="Autre chapô.")
    assert not Redirect.objects.exists()


def test_an_article_redirect_costs_one_more_query_only_when_it_matches(
    make_article, django_assert_num_queries
):
    # Is the article at the target public? Asked only for an automatic article redirect
    # that matched (a 404 that found nothing, or a manual redirect, stay one query).
    article = make_article(title="Avant")
    old_url, new_url = rename(article, "apres")
    middleware = _middleware(404, HttpResponseNotFound)
    with django_assert_num_queries(2):
        response = middleware(RequestFactory().get(old_url))
    assert (response.status_code, response["Location"]) == (301, new_url)
    with django_assert_num_queries(1):
        assert middleware(RequestFactory().get("/rien/ici/")).status_code == 404
