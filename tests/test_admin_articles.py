"""The article admin: writing, slugs, clean bodies, the change list, update notices."""

import json
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.validators import validate_slug
from django.db import connection
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleAuthor, Resource, Section, Status
from articles.slugs import french_slugify
from authors.models import Author
from tests.helpers import ADD_URL, CHANGELIST_URL, change_url, logged_in

DIRTY_BODY = (
    "<p>Bonjour<script>alert(1)</script></p>"
    '<p><img src="x" onerror="alert(2)">texte</p>'
    '<p><a href="javascript:alert(3)">piège</a> et <a href="https://example.org" '
    'onclick="alert(4)">source</a></p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<h2 style="color: red">Intertitre</h2>'
)


def _management_form(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form_data(section, *, article=None, bylines=(), resources=(), **fields):
    """The POST an article's admin form sends, bylines and resources included.

    ``bylines``: (author, position) pairs; ``resources``: dicts of title/url/position.
    With ``article``, its existing bylines and resources are sent back unchanged first.
    """
    data = {
        "title": "Un article",
        "slug": "",
        "standfirst": "Le chapô.",
        "body": "<p>Le texte.</p>",
        "section": str(section.pk),
        "tags": "",
    }
    existing_bylines = list(article.bylines.all()) if article else []
    existing_resources = list(article.resources.all()) if article else []
    data |= _management_form("bylines", len(existing_bylines) + len(bylines), len(existing_bylines))
    data |= _management_form(
        "resources", len(existing_resources) + len(resources), len(existing_resources)
    )
    for i, byline in enumerate(existing_bylines):
        data |= {
            f"bylines-{i}-id": str(byline.pk),
            f"bylines-{i}-article": str(article.pk),
            f"bylines-{i}-author": str(byline.author_id),
            f"bylines-{i}-position": str(byline.position),
        }
    for i, (author, position) in enumerate(bylines, start=len(existing_bylines)):
        data |= {f"bylines-{i}-author": str(author.pk), f"bylines-{i}-position": str(position)}
    for i, resource in enumerate(existing_resources):
        data |= {
            f"resources-{i}-id": str(resource.pk),
            f"resources-{i}-article": str(article.pk),
            f"resources-{i}-title": resource.title,
            f"resources-{i}-url": resource.url,
            f"resources-{i}-position": str(resource.position),
        }
    for i, resource in enumerate(resources, start=len(existing_resources)):
        data |= {f"resources-{i}-{key}": str(value) for key, value in resource.items()}
    if article is not None:
        data |= {
            "title": article.title,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "body": article.body,
            "section": str(article.section_id),
            "tags": ", ".join(article.tags.names()),
            # The version the page was built from, as the change form sends it.
            "article_version": str(
                Article.objects.filter(pk=article.pk).values_list("version", flat=True).get()
            ),
        }
    data |= {key: str(value) for key, value in fields.items()}
    return data


def publication_data(article):
    """The publication fields of an editor's form, as they are in the database.

    No status: it is not a form field, it changes through a transition (``_transition``).
    """
    data = {"home_position": str(article.home_position)}
    for name in ("published_at", "unpublish_at"):
        value = getattr(article, name)
        if value:
            local = timezone.localtime(value)
            data |= {
                f"{name}_0": local.strftime("%d/%m/%Y"),
                f"{name}_1": local.strftime("%H:%M:%S"),
            }
    if article.featured:
        data["featured"] = "on"
    return data


def form_errors(response):
    """Readable form errors when a POST that should redirect does not."""
    if response.status_code != 200 or response.context is None:
        return response.status_code
    errors = [response.context["adminform"].form.errors]
    errors += [fs.formset.errors + fs.formset.non_form_errors() for fs in
               response.context["inline_admin_formsets"]]  # fmt: skip
    return errors


@pytest.fixture
def second_author(db):
    return Author.objects.create(name="Marc Lefèvre", job_title="Rédacteur en chef adjoint")


# --- The add page --------------------------------------------------------------------


def test_add_page_loads_the_rich_text_editor_and_the_slug_prefill(journalist_client, sections):
    response = journalist_client.get(ADD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    # The prose editor: its import map, module and configuration.
    assert '<script type="importmap" nonce="' in html  # Nonced for the admin's CSP.
    assert static("django_prose_editor/configurable.js") in html
    assert "data-django-prose-editor-configurable" in html
    # The inline prefixes the POSTs below rely on.
    assert 'name="bylines-TOTAL_FORMS"' in html
    assert 'name="resources-TOTAL_FORMS"' in html
    # The apostrophe fix is loaded after Django's prefill scripts.
    scripts = ("admin/js/urlify.js", "admin/js/prepopulate.js", "articles/admin/slug.js")
    positions = [html.index(static(path)) for path in scripts]
    assert positions == sorted(positions)
    assert '"maxLength": 200' in html.replace("&quot;", '"')


def test_journalist_form_has_no_publication_inputs(journalist_client, editor_client, sections):
    journalist_html = journalist_client.get(ADD_URL).content.decode()
    editor_html = editor_client.get(ADD_URL).content.decode()
    for name in ("published_at_0", "unpublish_at_0", "featured", "home_position", "access"):
        assert f'name="{name}"' not in journalist_html
        assert f'name="{name}"' in editor_html
    # The status is nobody's input: it moves with the workflow buttons.
    assert 'name="status"' not in journalist_html + editor_html
    assert "sont réservés aux éditeurs" in journalist_html


def test_byline_prefilled_with_the_writers_author_profile(journalist_client, journalist, author):
    author.user = journalist
    author.save()
    html = journalist_client.get(ADD_URL).content.decode()
    select = re.search(r'<select name="bylines-0-author".*?</select>', html, re.S).group(0)
    assert f'<option value="{author.pk}" selected>' in select


# --- Creating an article ---------------------------------------------------------------


def test_journalist_creates_a_draft(journalist_client, journalist, sections, author, second_author):
    data = article_form_data(
        sections["politique"],
        title="Le numérique s’ancre à l’hôpital",
        slug="",
        body=DIRTY_BODY,
        tags="hôpital, PLFSS",
        # Entered out of order: the position decides.
        bylines=[(author, 2), (second_author, 1)],
        resources=[{"title": "Rapport de la Cour des comptes",
                    "url": "https://www.ccomptes.fr/rapport.pdf", "position": 1}],
    )  # fmt: skip
    response = journalist_client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.created_by == journalist
    assert article.slug == "le-numerique-s-ancre-a-l-hopital"
    assert [b.author for b in article.bylines.all()] == [second_author, author]
    assert list(article.authors.order_by("bylines__position")) == [second_author, author]
    assert sorted(article.tags.names()) == ["PLFSS", "hôpital"]
    resource = article.resources.get()
    assert (resource.title, resource.url) == (
        "Rapport de la Cour des comptes",
        "https://www.ccomptes.fr/rapport.pdf",
    )


def test_body_is_stored_clean_through_the_admin(journalist_client, sections):
    data = article_form_data(sections["politique"], body=DIRTY_BODY)
    assert journalist_client.post(ADD_URL, data).status_code == 302
    body = Article.objects.get().body
    for forbidden in ("<script", "alert(1)", "onerror", "javascript:", "<iframe", "onclick",
                      "style=", "<img"):  # fmt: skip
        assert forbidden not in body
    assert "<h2>Intertitre</h2>" in body
    assert '<a href="https://example.org" rel="noopener noreferrer">source</a>' in body
    assert "<p>Bonjour</p>" in body


def test_editor_change_also_sanitises(editor_client, make_article):
    article = make_article()
    data = article_form_data(article.section, article=article, body=DIRTY_BODY)
    data |= publication_data(article)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert "<script" not in article.body and "javascript:" not in article.body


def test_resource_needs_a_link_or_a_file(journalist_client, sections):
    data = article_form_data(
        sections["politique"],
        resources=[{"title": "Sans lien ni fichier", "url": "", "position": 0}],
    )
    response = journalist_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "soit un lien, soit un fichier" in response.content.decode()
    assert not Article.objects.exists()


def test_duplicate_byline_is_a_form_error_not_a_crash(journalist_client, sections, author):
    data = article_form_data(sections["politique"], bylines=[(author, 0), (author, 1)])
    response = journalist_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Article.objects.exists()


# --- Slugs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "typed_slug", "expected"),
    [
        ("Le numérique s’ancre à l’hôpital", "", "le-numerique-s-ancre-a-l-hopital"),
        # What the browser prefill sends (slug.js): kept as is.
        ("Le numérique s’ancre à l’hôpital", "le-numerique-s-ancre-a-l-hopital",
         "le-numerique-s-ancre-a-l-hopital"),
        # Typed by hand, not a slug: normalised rather than refused.
        ("Titre", "L’Hôpital  Public !", "l-hopital-public"),
        ("!!! ?", "", "article"),
        ("« — »", "!!!", "article"),
    ],
)  # fmt: skip
def test_slug_from_the_admin(journalist_client, sections, title, typed_slug, expected):
    data = article_form_data(sections["politique"], title=title, slug=typed_slug)
    response = journalist_client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)
    slug = Article.objects.get().slug
    assert slug == expected
    validate_slug(slug)


def test_colliding_title_gets_a_suffix(journalist_client, make_article, sections):
    make_article(title="Le numérique s’ancre à l’hôpital")
    for slug in ("", "le-numerique-s-ancre-a-l-hopital"):
        data = article_form_data(
            sections["esante"], title="Le numérique s’ancre à l’hôpital", slug=slug
        )
        response = journalist_client.post(ADD_URL, data)
        assert response.status_code == 302, form_errors(response)
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "le-numerique-s-ancre-a-l-hopital",
        "le-numerique-s-ancre-a-l-hopital-2",
        "le-numerique-s-ancre-a-l-hopital-3",
    ]


def test_slug_taken_between_validation_and_save(
    journalist_client, make_article, sections, monkeypatch
):
    """Someone else saves the same title meanwhile: "-2", not a 500."""
    validate = ArticleAdminForm._post_clean

    def validate_then_lose_the_race(form):
        validate(form)
        make_article(title="Pris")  # commits "pris" after the form checked it was free

    monkeypatch.setattr(ArticleAdminForm, "_post_clean", validate_then_lose_the_race)
    response = journalist_client.post(ADD_URL, article_form_data(sections["esante"], title="Pris"))
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get(section=sections["esante"]).slug == "pris-2"
    assert Article.objects.get(section=sections["politique"]).slug == "pris"


def test_slug_avoids_a_sister_section(journalist_client, sections):
    # /financement-et-politiques-publiques/politique-de-sante/ is already a section.
    data = article_form_data(sections["financement"], title="Politique de santé")
    assert journalist_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().slug == "politique-de-sante-2"


def test_saving_an_article_keeps_its_own_slug(journalist_client, journalist, sections):
    article = Article.objects.create(
        title="Mon brouillon", standfirst="x", section=sections["esante"], created_by=journalist
    )
    data = article_form_data(article.section, article=article, title="Mon brouillon modifié")
    response = journalist_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.title, article.slug) == ("Mon brouillon modifié", "mon-brouillon")


NODE_URLIFY = """
global.window = global;
const fs = require('fs');
for (const file of process.argv.slice(1)) eval(fs.readFileSync(file, 'utf8'));
const titles = JSON.parse(fs.readFileSync(0, 'utf8'));
console.log(JSON.stringify(titles.map((t) => window.URLify(t, 200, false))));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_browser_prefill_matches_the_server():
    titles = [
        "Le numérique s’ancre à l’hôpital",
        "L'hôpital public à l'épreuve",
        "Ségur : « la réforme » d’ici 2027 !",
        "Aujourd‘hui, l`ARS et lʼAP-HP",
        "Médecins, infirmiers : qu’en pensent-ils ?",
        "Le cœur du Ségur, Œuvre commune",
    ]
    admin_js = Path(__import__("django.contrib.admin", fromlist=["x"]).__file__).parent
    result = subprocess.run(  # noqa: S603
        [shutil.which("node"), "-e", NODE_URLIFY,
         str(admin_js / "static/admin/js/urlify.js"),
         str(Path(settings.BASE_DIR) / "static/articles/admin/slug.js")],
        input=json.dumps(titles), capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    assert json.loads(result.stdout) == [french_slugify(t) for t in titles]


# --- The change list ---------------------------------------------------------------------


def _make_articles(make_article, count, authors, start=0):
    for i in range(start, start + count):
        published = i % 3 != 0
        make_article(
            title=f"Article {i}",
            status=Status.PUBLISHED if published else Status.DRAFT,
            authors=authors,
            tags=["hôpital", f"tag-{i}"],
            featured=i % 5 == 0,
        )


@pytest.mark.parametrize("role", ["journalist", "editor"])
def test_changelist_queries_do_not_grow_with_rows(
    request, role, make_article, author, second_author, django_assert_max_num_queries
):
    client = logged_in(request.getfixturevalue(role))
    counts = []
    for count in (3, 27):  # 3 articles, then 30
        _make_articles(make_article, count, [author, second_author], start=len(counts) * 3)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CHANGELIST_URL)
        assert response.status_code == 200
        counts.append(len(queries))
    assert Article.objects.count() == 30
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(20):
        assert client.get(CHANGELIST_URL, {"statut": "published"}).status_code == 200


def test_changelist_columns(editor_client, make_article, author, second_author):
    published = make_article(title="Publié", authors=[second_author, author], featured=True)
    draft = make_article(title="Brouillon", status=Status.DRAFT)
    html = editor_client.get(CHANGELIST_URL).content.decode()
    assert "Marc Lefèvre, Claire Dubois" in html
    assert f'href="{published.get_absolute_url()}"' in html
    assert "Voir sur le site" in html
    # No public link for a draft: readers would get a 404.
    assert draft.get_absolute_url() not in html


def test_changelist_filters_and_search(journalist_client, journalist, make_article, second_author):
    mine = make_article(title="Le mien", status=Status.DRAFT, created_by=journalist)
    signed = make_article(title="Signé Marc", authors=[second_author], tags=["ehpad"])
    make_article(title="Un autre")

    def titles(**params):
        response = journalist_client.get(CHANGELIST_URL, params)
        assert response.status_code == 200
        return {a.title for a in response.context["cl"].result_list}

    assert titles(q="Lefèvre") == {signed.title}
    assert titles(tags__id__exact=signed.tags.get().pk) == {signed.title}
    assert titles(cree_par="moi") == {mine.title}
    assert titles(statut="draft") == {mine.title}
    assert len(titles(section__id__exact=mine.section_id)) == 3


def test_view_on_site_button_only_for_public_articles(editor_client, make_article):
    published = make_article()
    draft = make_article(status=Status.DRAFT)
    html = editor_client.get(change_url(published)).content.decode()
    assert f'href="{published.get_absolute_url()}"' in html
    assert "Voir sur le site" in html
    assert "Voir sur le site" not in editor_client.get(change_url(draft)).content.decode()


# --- Publishing and update notices -------------------------------------------------------


def test_editor_publishes(editor_client, editor, sections, author):
    data = article_form_data(
        sections["politique"],
        title="Publication directe",
        bylines=[(author, 0)],
        home_position=0,
        _transition="publish",
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None
    assert article.created_by == editor
    assert article.is_public


def test_editor_signals_an_update(editor_client, make_article):
    article = make_article(published_at=timezone.now() - timedelta(days=2))
    assert 'name="signal_update"' in editor_client.get(change_url(article)).content.decode()
    data = article_form_data(article.section, article=article, signal_update="on")
    data |= publication_data(article)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.updated_at is not None
    assert article.updated_at > article.published_at
    assert article.was_updated  # what the article page shows as « Mis à jour le »


def test_plain_editor_save_is_not_an_update(editor_client, make_article):
    article = make_article(published_at=timezone.now() - timedelta(days=2))
    data = article_form_data(article.section, article=article, title="Coquille corrigée")
    data |= publication_data(article)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.title == "Coquille corrigée"
    assert article.updated_at is None
    assert not article.was_updated


def test_editor_reorders_bylines(editor_client, make_article, author, second_author):
    article = make_article(authors=[author, second_author])
    data = article_form_data(article.section, article=article)
    data |= publication_data(article)
    data |= {"bylines-0-position": "5", "bylines-1-position": "1"}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    assert [b.author for b in article.bylines.all()] == [second_author, author]
    assert ArticleAuthor.objects.count() == 2
    assert Resource.objects.count() == 0


# --- Sections, authors, call to action ---------------------------------------------------


def test_section_admin_rejects_a_reserved_slug(editor_client, sections):
    response = editor_client.post(
        "/admin/articles/section/add/", {"name": "Admin", "slug": "admin", "position": 0}
    )
    assert response.status_code == 200
    assert "réservé" in response.content.decode()
    response = editor_client.post(
        "/admin/articles/section/add/",
        {"name": "Hôpital", "slug": "hopital", "parent": sections["esante"].pk, "position": 0},
    )
    assert response.status_code == 302
    assert Section.objects.get(slug="hopital").path == "e-sante/hopital"


def test_section_cannot_be_moved_under_itself(editor_client, sections):
    financement = sections["financement"]
    response = editor_client.post(
        f"/admin/articles/section/{financement.pk}/change/",
        {"name": financement.name, "slug": financement.slug,
         "parent": sections["politique"].pk, "position": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "sous elle-même" in response.content.decode()


def test_section_and_author_lists(editor_client, sections, author, journalist, admin_user):
    assert editor_client.get("/admin/articles/section/").status_code == 200
    assert editor_client.get("/admin/articles/calltoaction/").status_code == 200
    author.user = journalist
    author.save()
    user_url = f"/admin/auth/user/{journalist.pk}/change/"
    html = editor_client.get("/admin/authors/author/").content.decode()
    assert "Claire Dubois" in html and "Journaliste santé" in html
    # The editor may not open user accounts: the name, without a link.
    assert "journaliste" in html and user_url not in html
    admin_client = logged_in(admin_user)
    assert user_url in admin_client.get("/admin/authors/author/").content.decode()


def test_author_slug_is_normalised_and_unique(editor_client, author):
    for name in ("Claire Dubois", "Jean d’Ormesson"):
        response = editor_client.post(
            "/admin/authors/author/add/", {"name": name, "slug": name, "job_title": ""}
        )
        assert response.status_code == 302, form_errors(response)
    assert set(Author.objects.values_list("slug", flat=True)) == {
        "claire-dubois", "claire-dubois-2", "jean-d-ormesson",
    }  # fmt: skip


def test_autocomplete_for_journalists(journalist_client, author, sections):
    response = journalist_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "articleauthor", "field_name": "author",
         "term": "Clai"},
    )  # fmt: skip
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Claire Dubois"]
    response = journalist_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "section", "term": "sant"},
    )
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} == {"Politique de santé", "E-santé"}


def test_the_editor_speaks_french(journalist_client, sections):
    page = journalist_client.get("/admin/articles/article/add/").content.decode()
    catalog_url = "/admin/articles/article/jsi18n-editeur/"
    assert catalog_url in page
    catalog = journalist_client.get(catalog_url).content.decode()
    assert '"Insert Figure"' in catalog  # the English message id…
    assert '"Parcourir' in catalog  # …and its French translation
