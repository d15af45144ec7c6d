"""Revisions: every save is kept, listed, compared and can be restored; nothing is lost."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from reversion.models import Revision, Version

from articles.models import Article, ArticleRevisionInfo, Resource, Status
from articles.revisions import article_revision, article_versions, snapshot_of_revision
from authors.models import Author
from tests.helpers import change_url, logged_in
from tests.test_admin_articles import article_form_data, form_errors, publication_data

# 13:05 UTC is 14:05 in Paris in March (winter time).
MARCH_12 = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)
MARCH_13 = datetime(2026, 3, 13, 9, 30, tzinfo=UTC)


def history_url(article):
    return f"/admin/articles/article/{article.pk}/revisions/"


def compare_url(article):
    return f"/admin/articles/article/{article.pk}/revisions/comparer/"


def restore_url(article, revision):
    return f"/admin/articles/article/{article.pk}/revisions/{revision.pk}/restaurer/"


def editor_data(article, **fields):
    """The editor's change form as the page sends it, with ``fields`` changed."""
    data = article_form_data(article.section, article=article) | publication_data(article)
    return data | {key: str(value) for key, value in fields.items()}


def save_as(client, article, **fields):
    response = client.post(change_url(article), editor_data(article, **fields))
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    return response


def revisions_of(article):
    """Revisions holding this article, oldest first."""
    return [v.revision for v in reversed(article_versions(article))]


@pytest.fixture
def editor_client(editor_client, editor):
    """Conftest's, with an editor who has a name: the history shows it."""
    editor.first_name, editor.last_name = "Élise", "Rédac"
    editor.save()
    return editor_client


@pytest.fixture
def second_author(db):
    return Author.objects.create(name="Marc Lefèvre")


@pytest.fixture
def colleague(django_user_model):
    user = django_user_model.objects.create_user(username="collegue", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    return user


@pytest.fixture
def article(make_article):
    return make_article(
        title="Le budget des hôpitaux augmente",
        standfirst="Le gouvernement annonce une hausse.",
        body="<h2>Les chiffres</h2><p>Une hausse de deux pour cent.</p><p>Fin.</p>",
        tags=["hôpital", "budget"],
    )


@pytest.fixture
def edited(article, editor_client, sections, second_author):
    """Two admin saves on 12 and 13 March that change every compared field."""
    with time_machine.travel(MARCH_12, tick=False):
        save_as(editor_client, article, title="Le budget des hôpitaux augmente encore")
    with time_machine.travel(MARCH_13, tick=False):
        data = editor_data(
            article,
            title="Le budget des hôpitaux baisse",
            standfirst="Le gouvernement annonce une baisse.",
            body="<h2>Les chiffres</h2><p>Une baisse de trois pour cent.</p><p>Fin.</p>",
            section=sections["esante"].pk,
            tags="hôpital, PLFSS",
        )
        data["bylines-0-author"] = str(second_author.pk)
        response = editor_client.post(change_url(article), data)
        assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    return article


# --- Every save keeps a revision ---------------------------------------------------------


def test_each_admin_save_keeps_a_revision_with_who_and_when(edited, editor):
    first, *saves = revisions_of(edited)
    # The state the article had before its first admin save is kept too.
    assert first.user is None
    assert first.comment == "État antérieur, enregistré sans révision"
    assert [(r.user, r.date_created) for r in saves] == [(editor, MARCH_12), (editor, MARCH_13)]
    assert "Titre" in saves[0].comment  # Django's French change message
    assert "article_version" not in saves[0].comment
    latest = snapshot_of_revision(edited, saves[-1])
    assert latest.title == "Le budget des hôpitaux baisse"
    assert latest.version == edited.version


def test_the_revision_holds_the_final_bylines_and_tags(edited, second_author):
    latest = revisions_of(edited)[-1]
    snapshot = snapshot_of_revision(edited, latest)
    assert snapshot.author_ids == [second_author.pk]
    assert ArticleRevisionInfo.objects.get(revision=latest).tags == ["hôpital", "PLFSS"]


def test_adding_an_article_keeps_its_first_revision(journalist, sections, author):
    data = article_form_data(
        sections["politique"], title="Un nouvel article", bylines=[(author, 0)], tags="santé"
    )
    response = logged_in(journalist).post("/admin/articles/article/add/", data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(title="Un nouvel article")
    (revision,) = revisions_of(article)
    assert revision.user == journalist
    snapshot = snapshot_of_revision(article, revision)
    assert (snapshot.author_ids, snapshot.tags) == ([author.pk], ["santé"])


def test_an_invalid_form_keeps_no_revision(article, editor_client):
    response = editor_client.post(change_url(article), editor_data(article, title=""))
    assert response.status_code == 200
    assert not Version.objects.get_for_object(article).exclude(revision__user=None).exists()


def test_code_outside_the_admin_can_keep_a_revision(article, editor):
    with article_revision(article, editor, "Import automatique"):
        article.title = "Titre importé"
        article.save()
        article.tags.add("import")
    (revision,) = revisions_of(article)
    assert (revision.user, revision.comment) == (editor, "Import automatique")
    assert "import" in revision.article_info.tags


# --- History ------------------------------------------------------------------------------


def test_history_page_lists_revisions_in_french(edited, editor_client):
    html = editor_client.get(history_url(edited)).content.decode()
    assert "Historique de « Le budget des hôpitaux baisse »" in html
    assert "12 mars 2026 à 14h05" in html
    assert "13 mars 2026 à 10h30" in html
    assert "Élise Rédac" in html
    assert "État antérieur, enregistré sans révision" in html
    assert html.count("Comparer avec la précédente") == 2
    assert html.count(">Restaurer</a>") == 2  # not on the latest one
    assert 'name="de"' in html and 'name="vers"' in html


def test_change_page_links_to_the_history(article, editor_client):
    html = editor_client.get(change_url(article)).content.decode()
    assert f'<a href="{history_url(article)}">Voir tout l\'historique</a>' in html
    # One « Historique » button (Django's, to the same timeline), no « Révisions » any more.
    assert html.count('class="historylink"') == 1
    assert ">Révisions<" not in html


def test_journalist_sees_only_the_history_of_own_articles(make_article, journalist, colleague):
    client = logged_in(journalist)
    own = make_article(title="Mon article publié", created_by=journalist)
    others = make_article(
        title="Brouillon d'un collègue", status=Status.DRAFT, created_by=colleague
    )
    for article in (own, others):
        with article_revision(article):
            pass
        article.title += " (modifié)"
        article.save()
    own_revision, others_revision = revisions_of(own)[0], revisions_of(others)[0]
    html = client.get(history_url(own)).content.decode()
    assert "Mon article publié" in html
    assert ">Restaurer</a>" not in html  # published: the editors' now
    assert (
        client.get(compare_url(own), {"de": own_revision.pk, "vers": "actuelle"}).status_code == 200
    )
    assert f'href="{history_url(own)}"' in client.get(change_url(own)).content.decode()
    # A colleague's draft does not exist for them, nor its history.
    assert client.get(change_url(others)).status_code == 404
    for response in (
        client.get(history_url(others)),
        client.get(compare_url(others), {"de": others_revision.pk, "vers": "actuelle"}),
    ):
        assert response.status_code == 404
        assert "Brouillon d" not in response.content.decode()


def test_journalist_cannot_read_the_history_of_a_colleagues_published_article(
    make_article, journalist, colleague
):
    article = make_article(title="Titre retiré par correction", created_by=colleague)
    with article_revision(article, colleague):
        pass
    article.title = "Titre corrigé"
    article.save()
    revision = revisions_of(article)[0]
    client = logged_in(journalist)
    # The article is public, its old revisions are not: they may hold removed text.
    assert client.get(change_url(article)).status_code == 200
    assert f'href="{history_url(article)}"' not in client.get(change_url(article)).content.decode()
    for response in (
        client.get(history_url(article)),
        client.get(compare_url(article), {"de": revision.pk, "vers": "actuelle"}),
    ):
        assert response.status_code == 403
        assert "Titre retiré" not in response.content.decode()


# --- Comparison ---------------------------------------------------------------------------


def test_compare_shows_every_changed_field(edited, editor_client, author, second_author):
    before, after = revisions_of(edited)[-2:]
    response = editor_client.get(compare_url(edited), {"de": after.pk, "vers": before.pk})
    html = response.content.decode()
    assert response.status_code == 200
    # Older on the left whichever way round they were picked.
    assert html.index("12 mars 2026 à 14:05") < html.index("13 mars 2026 à 10:30")
    for label in ("Titre", "Chapô", "Texte", "Rubrique", "Mots-clés", "Auteurs"):
        assert f"{label} <small>(modifié)</small>" in html
    assert "<del>augmente encore</del><ins>baisse</ins>" in html
    assert "<del>hausse</del><ins>baisse</ins>" in html  # standfirst
    assert "<del>deux</del><ins>trois</ins>" in html  # body, paragraph by paragraph
    assert "<del>Financement et politiques publiques › Politique de santé</del>" in html
    assert "<ins>E-santé</ins>" in html
    assert "<del>budget</del>" in html and "<ins>PLFSS</ins>" in html
    assert f"<del>{author.name}</del>" in html and f"<ins>{second_author.name}</ins>" in html
    assert "Ressources" in html


def test_compare_with_the_current_article(edited, editor_client):
    first = revisions_of(edited)[0]
    response = editor_client.get(compare_url(edited), {"de": first.pk, "vers": "actuelle"})
    assert "Version actuelle" in response.content.decode()


def test_body_html_is_compared_as_text_and_escaped(article, editor_client):
    words = "sur le financement des hôpitaux publics et la réforme de la tarification"
    save_as(editor_client, article, body=f"<p>Un <strong>texte</strong> {words} &lt;b&gt;</p>")
    save_as(
        editor_client, article, body=f'<p>Un <a href="https://example.org">texte</a> {words}</p>'
    )
    before, after = revisions_of(article)[-2:]
    html = editor_client.get(compare_url(article), {"de": before.pk, "vers": after.pk})
    html = html.content.decode()
    assert "<ins> [https://example.org]</ins>" in html  # a new link shows
    assert "<del> &lt;b&gt;</del>" in html and "<b>" not in html  # text, never markup


# --- Restore ------------------------------------------------------------------------------


def test_restore_brings_back_the_old_content_as_a_new_revision(
    edited, editor_client, editor, author, sections
):
    first = revisions_of(edited)[0]
    status, published_at = edited.status, edited.published_at
    page = editor_client.get(restore_url(edited, first))
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert edited.title == "Le budget des hôpitaux baisse"  # GET changes nothing
    response = editor_client.post(restore_url(edited, first), {"article_version": edited.version})
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Le budget des hôpitaux augmente"
    assert edited.standfirst == "Le gouvernement annonce une hausse."
    assert "deux pour cent" in edited.body
    assert edited.section == sections["politique"]
    assert [b.author for b in edited.bylines.all()] == [author]
    assert sorted(edited.tags.names()) == ["budget", "hôpital"]
    assert (edited.status, edited.published_at) == (status, published_at)
    # Nothing lost: the three revisions are still there, plus the restore.
    *kept, restored = revisions_of(edited)
    assert len(kept) == 3
    assert restored.user == editor
    assert restored.comment.startswith("Restauration de la révision du ")
    assert snapshot_of_revision(edited, restored).title == "Le budget des hôpitaux augmente"


def test_restore_brings_back_resources(article, editor_client):
    Resource.objects.create(article=article, title="Rapport", file="ressources/rapport.pdf")
    Resource.objects.create(article=article, title="Site", url="https://example.org", position=1)
    with article_revision(article):
        pass
    kept = revisions_of(article)[0]
    save_as(editor_client, article, **{"resources-0-DELETE": "on", "resources-1-title": "Autre"})
    assert list(article.resources.values_list("title", flat=True)) == ["Autre"]
    response = editor_client.post(restore_url(article, kept), {"article_version": article.version})
    assert response.status_code == 302
    resources = list(article.resources.values_list("title", "url", "file"))
    assert resources == [
        ("Rapport", "", "ressources/rapport.pdf"),
        ("Site", "https://example.org", ""),
    ]


def test_restore_refuses_a_stale_confirmation(edited, editor_client):
    first = revisions_of(edited)[0]
    stale = edited.version - 1
    response = editor_client.post(restore_url(edited, first), {"article_version": stale})
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Le budget des hôpitaux baisse"
    assert len(revisions_of(edited)) == 3
    follow = editor_client.get(response["Location"]).content.decode()
    assert "modifié entre-temps" in follow


def test_restore_needs_csrf(edited, editor):
    client = logged_in(editor, enforce_csrf_checks=True)
    response = client.post(restore_url(edited, revisions_of(edited)[0]))
    assert response.status_code == 403
    edited.refresh_from_db()
    assert edited.title == "Le budget des hôpitaux baisse"


@pytest.mark.parametrize("case", ["colleagues_draft", "own_published"])
def test_journalist_cannot_restore_others_or_published(case, make_article, journalist, colleague):
    owner = colleague if case == "colleagues_draft" else journalist
    status = Status.DRAFT if case == "colleagues_draft" else Status.PUBLISHED
    article = make_article(title="Titre d'origine", status=status, created_by=owner)
    with article_revision(article, owner):
        pass
    revision = revisions_of(article)[0]
    Article.objects.filter(pk=article.pk).update(title="Titre actuel")
    client = logged_in(journalist)
    # A colleague's draft does not exist for them; their own published one is the editors'.
    refused = 404 if case == "colleagues_draft" else 403
    assert client.get(restore_url(article, revision)).status_code == refused
    assert client.post(restore_url(article, revision)).status_code == refused
    article.refresh_from_db()
    assert article.title == "Titre actuel"
    assert Revision.objects.count() == 1


def test_journalist_restores_own_draft(make_article, journalist):
    article = make_article(title="Premier jet", status=Status.DRAFT, created_by=journalist)
    with article_revision(article, journalist):
        pass
    revision = revisions_of(article)[0]
    article.title = "Second jet"
    article.save()
    client = logged_in(journalist)
    assert client.post(restore_url(article, revision)).status_code == 302
    article.refresh_from_db()
    assert article.title == "Premier jet"


# --- Bad ids ------------------------------------------------------------------------------


def test_foreign_and_unknown_ids_are_404(edited, make_article, editor_client):
    other = make_article(title="Un autre article confidentiel")
    with article_revision(other):
        pass
    foreign = revisions_of(other)[0]
    mine = revisions_of(edited)[0]
    responses = [
        editor_client.get(compare_url(edited), {"de": foreign.pk, "vers": mine.pk}),
        editor_client.get(compare_url(edited), {"de": mine.pk, "vers": "abc"}),
        editor_client.get(compare_url(edited), {"de": mine.pk}),
        editor_client.get(compare_url(edited), {"de": mine.pk, "vers": "9" * 30}),
        editor_client.get(restore_url(edited, foreign)),
        editor_client.post(restore_url(edited, foreign)),
        editor_client.get(f"{history_url(edited)}99999999/restaurer/"),
        editor_client.get(f"{history_url(edited)}abc/restaurer/"),
        editor_client.get("/admin/articles/article/999999/revisions/"),
        editor_client.get("/admin/articles/article/abc/revisions/"),
        editor_client.get(f"/admin/articles/article/{'9' * 30}/revisions/"),
        editor_client.get("/admin/articles/article/999999/revisions/comparer/"),
    ]
    assert [r.status_code for r in responses] == [404] * len(responses)
    for response in responses:
        assert "confidentiel" not in response.content.decode()
    other.refresh_from_db()
    assert other.title == "Un autre article confidentiel"


def test_history_needs_admin_access(edited, reader, client):
    assert client.get(history_url(edited)).status_code == 302
    assert logged_in(reader).get(history_url(edited)).status_code == 302
