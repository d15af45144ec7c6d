"""Who may do what in the admin, with journalists forging their POSTs."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Status
from authors.models import Author
from tests.helpers import ADD_URL, CHANGELIST_URL, change_url, delete_url, logged_in
from tests.test_admin_articles import article_form_data, form_errors

FORGED_PUBLICATION = {
    "status": "published",
    "published_at_0": "01/01/2026",
    "published_at_1": "08:00:00",
    "published_at": "2026-01-01T08:00:00",
    "unpublish_at_0": "01/01/2030",
    "unpublish_at_1": "08:00:00",
    "featured": "on",
    "home_position": "1",
    "signal_update": "on",
    "updated_at": "2026-01-01T09:00:00",
    "created_by": "",
}


@pytest.fixture
def own_draft(make_article, journalist):
    return make_article(title="Mon brouillon", status=Status.DRAFT, created_by=journalist)


def assert_unpublished(article):
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.featured is False
    assert article.home_position == 0
    assert article.updated_at is None


# --- Forged publication fields -----------------------------------------------------------


def refused(response):
    """A form error, not a save: the page comes back with the reason."""
    assert response.status_code == 200, response.status_code
    assert "Vous ne pouvez pas modifier ces champs" in response.content.decode()


def test_forged_publication_fields_on_add_are_refused(journalist_client, sections):
    data = article_form_data(sections["politique"], title="Tentative")
    for name, value in FORGED_PUBLICATION.items():
        refused(journalist_client.post(ADD_URL, data | {name: value}))
    refused(journalist_client.post(ADD_URL, data | FORGED_PUBLICATION))
    assert not Article.objects.exists()


def test_forged_publication_fields_on_own_draft_are_refused(journalist_client, own_draft):
    data = article_form_data(own_draft.section, article=own_draft, title="Titre modifié")
    for name, value in FORGED_PUBLICATION.items():
        refused(journalist_client.post(change_url(own_draft), data | {name: value}))
    refused(journalist_client.post(change_url(own_draft), data | FORGED_PUBLICATION))
    own_draft.refresh_from_db()
    # Nothing saved, not even the allowed change that came with the forged fields.
    assert own_draft.title == "Mon brouillon"
    assert_unpublished(own_draft)
    # The same POST without them goes through.
    response = journalist_client.post(change_url(own_draft), data)
    assert response.status_code == 302, form_errors(response)
    own_draft.refresh_from_db()
    assert own_draft.title == "Titre modifié"
    assert_unpublished(own_draft)


def test_journalist_page_shows_publication_fields_read_only(journalist_client, own_draft):
    html = journalist_client.get(change_url(own_draft)).content.decode()
    assert 'name="title"' in html
    for name in ("status", "published_at_0", "unpublish_at_0", "featured", "home_position",
                 "signal_update"):  # fmt: skip
        assert f'name="{name}"' not in html


# --- Articles a journalist may not change ------------------------------------------------


LOCKED = [
    "colleagues_draft", "colleagues_review", "own_scheduled", "own_published",
    "own_unpublished", "colleagues_published", "orphan",
]  # fmt: skip


@pytest.fixture(params=LOCKED)
def locked_article(request, make_article, journalist, other_journalist):
    soon = timezone.now() + timedelta(days=1)
    return {
        "colleagues_draft": lambda: make_article(status=Status.DRAFT, created_by=other_journalist),
        "colleagues_review": lambda: make_article(
            status=Status.REVIEW, created_by=other_journalist
        ),
        "own_scheduled": lambda: make_article(
            status=Status.SCHEDULED, published_at=soon, created_by=journalist
        ),
        "own_published": lambda: make_article(created_by=journalist),
        "own_unpublished": lambda: make_article(status=Status.UNPUBLISHED, created_by=journalist),
        "colleagues_published": lambda: make_article(created_by=other_journalist),
        # Imported or created from the shell: nobody's draft.
        "orphan": lambda: make_article(status=Status.DRAFT),
    }[request.param]()


def hidden_from(journalist, article):
    """A colleague's (or nobody's) unpublished article does not exist for a journalist."""
    return not article.is_public and article.created_by_id != journalist.pk


def refusal(journalist, article):
    return 404 if hidden_from(journalist, article) else 403


def test_journalist_cannot_change_an_article_that_is_not_their_own_unpublished_work(
    journalist_client, journalist, locked_article
):
    before = Article.objects.values().get(pk=locked_article.pk)
    url = change_url(locked_article)
    refused = refusal(journalist, locked_article)

    response = journalist_client.get(url)
    if refused == 404:
        assert response.status_code == 404
        assert locked_article.title not in response.content.decode()
    else:
        # Readable, but not editable: no input, no save or workflow button.
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="title"' not in html
        assert 'name="_save"' not in html
        assert 'name="_transition"' not in html
        assert 'name="bylines-0-author"' not in html

    data = article_form_data(locked_article.section, article=locked_article, title="Piraté")
    assert journalist_client.post(url, data).status_code == refused
    assert journalist_client.post(url, data | FORGED_PUBLICATION).status_code == refused
    for name in ("submit", "withdraw", "publish", "unpublish"):
        assert journalist_client.post(url, data | {"_transition": name}).status_code == refused
    assert Article.objects.values().get(pk=locked_article.pk) == before
    assert not locked_article.transitions.exists()


def test_journalist_cannot_delete(journalist_client, journalist, locked_article):
    # Their own drafts they may delete (to the trash): test_bulk_delete_… below.
    refused = refusal(journalist, locked_article)
    assert journalist_client.get(delete_url(locked_article)).status_code == refused
    response = journalist_client.post(delete_url(locked_article), {"post": "yes"})
    assert response.status_code == refused
    assert Article.objects.filter(pk=locked_article.pk).exists()


def test_bulk_delete_of_a_published_article_is_refused(journalist, make_article):
    """The « Journaliste » group has the delete permission (articles 0010): a journalist
    still cannot delete published articles, only their own drafts."""
    client = logged_in(journalist)
    published = make_article(created_by=journalist)
    draft = make_article(status=Status.DRAFT, created_by=journalist)

    assert client.post(delete_url(published), {"post": "yes"}).status_code == 403
    client.post(
        CHANGELIST_URL,
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert Article.objects.filter(pk=published.pk).exists()
    # Their own draft, they may delete.
    assert client.post(delete_url(draft), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_journalist_edits_bylines_of_own_draft_only(journalist_client, own_draft, make_article):
    other = make_article(title="Autre", status=Status.DRAFT)
    foreign_byline = other.bylines.get()
    newcomer = Author.objects.create(name="Nouvelle Plume")
    data = article_form_data(own_draft.section, article=own_draft)
    # A forged id pointing at another article's byline.
    data |= {"bylines-0-id": str(foreign_byline.pk), "bylines-0-author": str(newcomer.pk)}
    journalist_client.post(change_url(own_draft), data)
    # Outside the formset's queryset: ignored, neither byline is touched.
    foreign_byline.refresh_from_db()
    assert (foreign_byline.article, foreign_byline.author.name) == (other, "Claire Dubois")
    assert [b.author.name for b in own_draft.bylines.all()] == ["Claire Dubois"]

    data = article_form_data(own_draft.section, article=own_draft, bylines=[(newcomer, 9)])
    response = journalist_client.post(change_url(own_draft), data)
    assert response.status_code == 302, form_errors(response)
    assert [b.author.name for b in own_draft.bylines.all()] == ["Claire Dubois", "Nouvelle Plume"]


def test_journalist_lists_published_articles_and_own_work(
    journalist_client, journalist, locked_article, own_draft
):
    response = journalist_client.get(CHANGELIST_URL)
    assert response.status_code == 200
    expected = (
        {own_draft} if hidden_from(journalist, locked_article) else {locked_article, own_draft}
    )
    assert set(response.context["cl"].result_list) == expected


def test_editor_may_change_anything(editor, locked_article):
    client = logged_in(editor)
    status = locked_article.status
    data = article_form_data(locked_article.section, article=locked_article, title="Relu")
    data |= {"home_position": "3", "featured": "on"}
    data |= {"published_at_0": "01/01/2026", "published_at_1": "08:00:00"}
    response = client.post(change_url(locked_article), data)
    assert response.status_code == 302, form_errors(response)
    locked_article.refresh_from_db()
    # Content and dates saved; the status only moves with a transition.
    assert (locked_article.title, locked_article.status, locked_article.featured) == (
        "Relu", status, True,
    )  # fmt: skip
    assert timezone.localtime(locked_article.published_at).hour == 8
    assert not locked_article.transitions.exists()


def test_editor_cannot_post_a_status_either(editor, make_article):
    article = make_article(title="Brouillon", status=Status.DRAFT)
    data = article_form_data(article.section, article=article, title="Relu")
    response = logged_in(editor).post(change_url(article), data | {"status": "published"})
    assert response.status_code == 200
    assert "Vous ne pouvez pas modifier ces champs : Statut" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.title) == (Status.DRAFT, "Brouillon")
    assert not article.transitions.exists()


# --- Outside the newsroom ---------------------------------------------------------------


@pytest.mark.parametrize("url", [CHANGELIST_URL, ADD_URL, "/admin/"])
def test_reader_and_visitor_are_sent_to_login(reader, outsider, make_article, url):
    for client in (logged_in(reader), outsider):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert logged_in(reader).post(ADD_URL, {"title": "x"}).status_code == 302
    assert not Article.objects.filter(title="x").exists()


def test_reader_cannot_use_autocomplete(reader, author):
    response = logged_in(reader).get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "articleauthor", "field_name": "author"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert author.name not in response.content.decode()  # no result list for them


# --- The roles created by the migration -------------------------------------------------


def group_perms(name):
    group = Group.objects.get(name=name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_migration_created_the_journalist_role(db):
    perms = group_perms("Journaliste")
    assert "articles.publish_article" not in perms
    assert perms == {
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.view_section", "authors.view_author",
        "articles.add_resource", "articles.change_resource", "articles.delete_resource",
        "articles.view_resource",
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
        "taggit.add_tag", "taggit.view_tag",
        # The editorial history (0005_workflow_roles); nothing else of the workflow.
        "articles.view_transition",
        # Their own drafts to the trash (0010_journalists_trash_own_drafts).
        "articles.delete_article",
        # The image library (images/0002_roles): pick and upload, not delete.
        "images.add_image", "images.change_image", "images.view_image",
    }  # fmt: skip


def test_migration_created_the_editor_role(db):
    perms = group_perms("Éditeur")
    assert "articles.publish_article" in perms
    every = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(
            content_type__app_label__in=["articles", "authors", "taggit"]
        ).values_list("content_type__app_label", "codename")
    }
    # Everything on articles (the workflow's models included), authors and tags.
    assert every <= perms
    assert {"articles.delete_article", "articles.change_section", "authors.add_author",
            "taggit.delete_tag", "articles.change_calltoaction",
            "articles.add_transition", "articles.change_articleupdate",
            "articles.delete_sharelink", "articles.view_articlerevisioninfo",
            "reversion.view_revision", "reversion.view_version"} <= perms  # fmt: skip
    # Revisions are read-only history; user accounts are not the newsroom's business.
    assert not {p for p in perms if p.startswith("reversion.") and ".view_" not in p}
    assert not {p for p in perms if p.startswith("auth.")}


@pytest.fixture
def role_user(django_user_model):
    def make(username, group_name):
        user = django_user_model.objects.create_user(
            username=username, password="motdepasse-de-test", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_journalist_role_writes_but_cannot_publish(role_user, sections, author):
    user = role_user("plume", "Journaliste")
    assert not user.has_perm("articles.publish_article")
    client = logged_in(user)
    data = article_form_data(
        sections["politique"],
        title="Par le groupe",
        bylines=[(author, 0)],
        resources=[{"title": "Source", "url": "https://example.org/", "position": 0}],
        tags="ehpad",
    )
    refused(client.post(ADD_URL, data | FORGED_PUBLICATION))
    refused(client.post(ADD_URL, data | FORGED_PUBLICATION | {"_transition": "publish"}))
    assert not Article.objects.exists()
    response = client.post(ADD_URL, data | {"_transition": "submit"})
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert article.status == Status.REVIEW
    article.status = Status.DRAFT  # for assert_unpublished below
    article.save()
    assert_unpublished(article)
    assert article.created_by == user
    assert ArticleAuthor.objects.filter(article=article, author=author).exists()
    assert article.resources.count() == 1


def test_editor_role_publishes_and_deletes(role_user, make_article):
    user = role_user("chef", "Éditeur")
    assert user.has_perm("articles.publish_article")
    client = logged_in(user)
    article = make_article(status=Status.DRAFT)
    data = article_form_data(article.section, article=article)
    data |= {"_transition": "publish", "home_position": "0"}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at <= timezone.now() + timedelta(seconds=1)
    assert client.post(delete_url(article), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_journalist_tag_filter_offers_only_tags_of_articles_they_may_see(
    journalist_client, journalist, other_journalist, make_article
):
    make_article(status=Status.DRAFT, created_by=other_journalist, tags=["fusion-secrete"])
    make_article(status=Status.DRAFT, created_by=journalist, tags=["mon-sujet"])
    make_article(tags=["hopital"])
    html = journalist_client.get(CHANGELIST_URL).content.decode()
    assert "mon-sujet" in html and "hopital" in html
    # A tag only a colleague's draft carries would announce what they are working on.
    assert "fusion-secrete" not in html
