"""Every way an article body is written, or shown from where it was kept, comes out clean
(issue 13): the body is rendered ``|safe``, so each path must clean it or only write our
own markup. One test per path, each through the way it is really reached.

Covered elsewhere, not repeated here: the add form (tests/test_admin_articles.py), the
autosave and its « reprendre » (tests/test_autosave.py,
tests/security/test_writing_desk_attacks.py), seed_demo (tests/test_seed_demo.py).
"""

import importlib
import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from reversion.models import Version

from articles.demo import synthetic
from articles.models import Article
from articles.revisions import article_revision, article_versions
from articles.sanitize import sanitize_body
from tests.helpers import change_url
from tests.security.payloads import fragment_findings, live_markup
from tests.test_admin_articles import form_errors
from tests.test_revisions import editor_data, restore_url

# What a hostile writer (or an old, pre-sanitiser row) could put in a body, around
# markup that must stay.
HOSTILE_BODY = (
    "<h2>Intertitre gardé</h2>"
    '<p>Texte gardé, <strong>en gras</strong>, <a href="https://www.has-sante.fr/">HAS</a>.</p>'
    "<script>alert(1)</script>"
    '<p onclick="alert(2)">Paragraphe cliquable</p>'
    '<p><a href="javascript:alert(3)">piège</a> <a href="jav&#x09;ascript:alert(4)">piège</a></p>'
    '<img src="x" onerror="alert(5)">'
    '<iframe src="https://evil.example/"></iframe>'
    '<svg onload="alert(6)"><circle r="1"></circle></svg>'
    '<form action="https://evil.example/"><input name="mdp"></form>'
)
KEPT = (
    "<h2>Intertitre gardé</h2>",
    "<strong>en gras</strong>",
    '<a href="https://www.has-sante.fr/" rel="noopener noreferrer">HAS</a>',
    "<p>Paragraphe cliquable</p>",
)
NEVER = ("<script", "alert(", "onclick", "onerror", "onload", "javascript:", "ascript:",
         "<iframe", "<svg", "<form", "<input")  # fmt: skip


def assert_clean(body):
    """The stored body: no live markup, and what an article needs still there."""
    for bad in NEVER:
        assert bad not in body, f"{bad!r} stored: {body}"
    for kept in KEPT:
        assert kept in body, f"{kept!r} lost: {body}"


def assert_page_clean(response):
    assert response.status_code == 200
    page = response.content.decode()
    assert live_markup(page) == []
    assert "Intertitre gardé" in page and "Paragraphe cliquable" in page


@pytest.fixture
def article(make_article):
    return make_article(title="Le budget des hôpitaux", body="<p>Texte d'origine.</p>")


# --- The article admin's change form ------------------------------------------------


def test_the_change_form_stores_and_shows_a_clean_body(editor_client, article, client):
    response = editor_client.post(change_url(article), editor_data(article, body=HOSTILE_BODY))
    assert response.status_code == 302, form_errors(response)

    article.refresh_from_db()
    assert_clean(article.body)
    assert_page_clean(client.get(article.get_absolute_url()))


# --- A revision kept with a hostile body: restored, previewed -------------------------


@pytest.fixture
def hostile_revision(article, editor):
    """A revision of ``article`` whose stored row holds HOSTILE_BODY, as a Version written
    before today's sanitiser rules (or straight into the table) would hold it."""
    with article_revision(article, editor, "Révision piégée"):
        pass
    version = article_versions(article).first()
    rows = json.loads(version.serialized_data)
    rows[0]["fields"]["body"] = HOSTILE_BODY
    Version.objects.filter(pk=version.pk).update(serialized_data=json.dumps(rows))
    version.refresh_from_db()
    assert version.field_dict["body"] == HOSTILE_BODY
    return version


def test_restoring_a_hostile_revision_writes_a_clean_body(
    editor_client, article, hostile_revision, client
):
    url = restore_url(article, hostile_revision.revision)
    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert live_markup(confirm.content.decode()) == []  # the comparison shows text

    response = editor_client.post(url, {"article_version": article.version})
    assert response.status_code == 302

    article.refresh_from_db()
    assert "Intertitre gardé" in article.body, "nothing was restored"
    assert_clean(article.body)
    assert_page_clean(client.get(article.get_absolute_url()))


def test_previewing_a_hostile_revision_shows_it_clean(editor_client, article, hostile_revision):
    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/apercu/?revision={hostile_revision.pk}"
    )
    assert_page_clean(response)
    assert "<h2>Intertitre gardé</h2>" in response.content.decode()


# --- generate_articles: bulk_create, no save() ----------------------------------------


@pytest.fixture
def hostile_word_banks(monkeypatch):
    """Word banks that carry markup: the bulk loader must still write only its own."""
    monkeypatch.setattr(synthetic, "HEADINGS", [
        "<script>alert(1)</script>Un contexte tendu",
        '<img src=x onerror="alert(2)">Les chiffres & les faits',
    ])  # fmt: skip
    monkeypatch.setattr(synthetic, "SENTENCES", [
        f'Phrase {n} <a href="javascript:alert({n})">piège</a> <iframe></iframe> fin.'
        for n in range(30)
    ])  # fmt: skip
    monkeypatch.setattr(synthetic, "ITEMS", ["<svg onload=alert(7)>un</svg>", "deux", "trois"])


def test_generate_articles_writes_its_own_markup_and_text_as_text(
    sections, author, hostile_word_banks, client
):
    call_command("generate_articles", "5", "--seed", "3", stdout=StringIO())

    generated = list(Article.objects.all())
    assert len(generated) == 5
    for article in generated:
        body = article.body
        assert fragment_findings(body) == [], body
        assert "<script" not in body and "<iframe" not in body and "<a " not in body, body
        assert sanitize_body(body) == body  # nothing the sanitiser would change
        assert "&lt;script&gt;alert(1)&lt;/script&gt;Un contexte tendu" in body  # as text
    response = client.get(generated[0].get_absolute_url())
    assert response.status_code == 200
    assert live_markup(response.content.decode()) == []
    assert "Un contexte tendu" in response.content.decode()


# --- Data migrations that write bodies -----------------------------------------------

# images 0003: <figure data-image="42"> placeholders become the editor's figures, written
# with queryset.update() (no save(), no sanitiser): the markup it adds must be clean.
upgrade_body_figures = importlib.import_module("images.migrations.0003_upgrade_body_figures")


def test_the_figure_upgrade_migration_writes_clean_markup(make_article, make_library_image, client):
    image = make_library_image(alt_text='"><script>alert(1)</script><img src=x onerror=alert(2)>')
    article = make_article(
        body=f'<p>Avant.</p><figure data-image="{image.pk}"><figcaption>Légende</figcaption>'
        "</figure><p>Après.</p>"
    )

    upgrade_body_figures.upgrade(apps, SimpleNamespace(connection=connection))

    article.refresh_from_db()
    body = article.body
    assert f'data-file="{image.pk}"' in body, "the migration did not upgrade the figure"
    assert fragment_findings(body) == [], body
    assert "<script" not in body and "<img src=x" not in body  # the alt text is text
    assert "<figcaption>Légende</figcaption>" in body
    # The sanitiser keeps the figure as the migration wrote it: it is ordinary body markup.
    assert f'data-file="{image.pk}"' in sanitize_body(body)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert live_markup(page) == []
    assert "Légende" in page and "Avant." in page


# --- Bulk writes (no save()) ------------------------------------------------------------


def stored_body(pk):
    return Article.objects.values_list("body", flat=True).get(pk=pk)


def test_a_bulk_update_of_the_body_stores_it_clean(article, client):
    Article.objects.filter(pk=article.pk).update(body=HOSTILE_BODY)
    assert_clean(stored_body(article.pk))
    assert_page_clean(client.get(article.get_absolute_url()))


def test_bulk_update_of_instances_stores_clean_bodies(article):
    article.body = HOSTILE_BODY
    Article.objects.bulk_update([article], ["body"])
    assert_clean(stored_body(article.pk))


def test_bulk_create_stores_clean_bodies(sections, client):
    from django.utils import timezone

    from articles.models import Status

    (created,) = Article.objects.bulk_create(
        [
            Article(
                title="Créé en masse",
                slug="cree-en-masse",
                standfirst="Chapô.",
                body=HOSTILE_BODY,
                section=sections["politique"],
                status=Status.PUBLISHED,
                published_at=timezone.now(),
            )
        ]
    )
    pk = created.pk or Article.objects.get(slug="cree-en-masse").pk
    assert_clean(stored_body(pk))


# --- Bodies stored before a rule tightened --------------------------------------------

reclean_bodies = importlib.import_module("articles.migrations.0016_reclean_bodies")


def test_the_reclean_migration_cleans_bodies_written_around_the_sanitiser(article, client):
    untouched = Article.objects.create(
        title="Déjà propre", standfirst="Chapô.", body="<p>Rien à changer.</p>",
        section=article.section,
    )  # fmt: skip
    before = Article.objects.values_list("modified", flat=True).get(pk=untouched.pk)
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:  # an old row, or one written by raw SQL
        sql = f"UPDATE {table} SET body = %s WHERE id = %s"  # noqa: S608 - our table name
        cursor.execute(sql, [HOSTILE_BODY, article.pk])
    assert "<script" in stored_body(article.pk)
    reclean_bodies.reclean(apps, SimpleNamespace(connection=connection))
    assert_clean(stored_body(article.pk))
    assert_page_clean(client.get(article.get_absolute_url()))
    assert stored_body(untouched.pk) == "<p>Rien à changer.</p>"
    assert Article.objects.values_list("modified", flat=True).get(pk=untouched.pk) == before
