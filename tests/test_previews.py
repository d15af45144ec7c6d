"""Staff previews: a draft or an old revision, rendered as readers would get it."""

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles.models import Article, ArticleAuthor, ArticleRevisionInfo, Resource, Status
from authors.models import Author

BANNER = "Aperçu — non publié"
NOINDEX_META = '<meta name="robots" content="noindex">'
# Session, user, article (+ bylines, tags, resources, updates), breadcrumb, CTA, nav:
# about a dozen, and above all the same with one byline or ten.
MAX_PREVIEW_QUERIES = 14
MAX_REVISION_PREVIEW_QUERIES = 20


def preview_url(article, revision=None):
    url = f"/admin/articles/article/{article.pk}/apercu/"
    return url if revision is None else f"{url}?revision={revision}"


@pytest.fixture
def revisions_on():
    """Articles under revision control, as the revisions module sets it up."""
    registered = []
    for model, options in (
        (Article, {"exclude": ("authors", "tags"), "follow": ("bylines", "resources")}),
        (ArticleAuthor, {}),
        (Resource, {}),
    ):
        if not reversion.is_registered(model):
            reversion.register(model, **options)
            registered.append(model)
    yield
    for model in registered:
        reversion.unregister(model)


def save_revision(article, tags=()):
    """Save ``article`` in a revision of its own; its Version row."""
    with reversion.create_revision():
        article.save()
        reversion.add_to_revision(article)
        reversion.add_meta(ArticleRevisionInfo, tags=list(tags))
    return Version.objects.get_for_object(article).order_by("-pk").first()


@pytest.fixture
def draft(make_article, journalist):
    return make_article(
        title="Brouillon confidentiel sur le PLFSS", status=Status.DRAFT, created_by=journalist
    )


def test_editor_previews_a_draft_with_the_public_template(client, editor, draft):
    client.force_login(editor)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article__title">Brouillon confidentiel sur le PLFSS</h1>' in html
    assert "Claire Dubois" in html  # The byline, as on the public page.
    assert BANNER in html
    assert NOINDEX_META in html
    assert "Statut : Brouillon" in html
    assert f'href="/admin/articles/article/{draft.pk}/change/"' in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    # Readers still get a 404 for the same article.
    client.logout()
    assert client.get(f"/{draft.section.path}/{draft.slug}/").status_code == 404


def test_public_article_page_has_no_banner_nor_noindex(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert BANNER not in html
    assert 'name="robots"' not in html


def test_journalist_previews_own_draft(client, journalist, draft):
    client.force_login(journalist)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert BANNER in response.content.decode()


def test_journalist_cannot_preview_another_journalists_draft(client, other_journalist, draft):
    client.force_login(other_journalist)
    response = client.get(preview_url(draft))
    # Another journalist's draft does not exist for them: neither its preview nor its page.
    assert response.status_code == 404
    assert "Brouillon confidentiel" not in response.content.decode()
    change_page = client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert change_page.status_code == 404
    assert "Brouillon confidentiel" not in change_page.content.decode()


def test_journalist_may_preview_a_published_article(client, other_journalist, make_article):
    article = make_article(title="Article déjà publié")
    client.force_login(other_journalist)
    assert client.get(preview_url(article)).status_code == 200


def test_change_page_offers_the_preview(client, editor, draft):
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert preview_url(draft) in html
    assert "Prévisualiser" in html


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_reader_without_admin_access_is_sent_to_login(client, reader, draft):
    client.force_login(reader)
    response = client.get(preview_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("object_id", ["999999", "abc", "1.5"])
def test_unknown_article_is_404(client, editor, draft, object_id):
    client.force_login(editor)
    response = client.get(f"/admin/articles/article/{object_id}/apercu/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html and BANNER not in html
    assert "Brouillon confidentiel sur le PLFSS" not in html


def test_revision_preview_shows_the_old_content(client, editor, draft, revisions_on):
    old = save_revision(draft, tags=["PLFSS"])
    draft.title = "Titre réécrit après relecture"
    draft.save()
    newcomer = Author.objects.create(name="Paul Martin")
    draft.bylines.all().delete()
    ArticleAuthor.objects.create(article=draft, author=newcomer)
    draft.tags.set(["Ondam"])
    save_revision(draft, tags=["Ondam"])

    client.force_login(editor)
    response = client.get(preview_url(draft, old.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brouillon confidentiel sur le PLFSS" in html
    assert "Titre réécrit" not in html
    assert "Claire Dubois" in html and "Paul Martin" not in html
    assert ">PLFSS</a>" in html and "Ondam" not in html
    assert "Révision du" in html and BANNER in html
    assert "no-store" in response["Cache-Control"]
    # Rendering a revision changes nothing in the database.
    draft.refresh_from_db()
    assert draft.title == "Titre réécrit après relecture"
    assert list(draft.authors.all()) == [newcomer]


def test_foreign_revision_is_404(client, editor, draft, make_article, revisions_on):
    other = make_article(title="Un autre article")
    foreign = save_revision(other)
    save_revision(draft)
    client.force_login(editor)
    response = client.get(preview_url(draft, foreign.pk))
    assert response.status_code == 404
    assert "Un autre article" not in response.content.decode()


@pytest.mark.parametrize("revision", ["999999", "abc", ""])
def test_unknown_revision_is_404(client, editor, draft, revisions_on, revision):
    save_revision(draft)
    client.force_login(editor)
    response = client.get(preview_url(draft, revision))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html and BANNER not in html
    assert "Brouillon confidentiel sur le PLFSS" not in html


def test_journalist_cannot_preview_old_revisions_of_someone_elses_article(
    client, other_journalist, make_article, revisions_on
):
    article = make_article(title="Publié par un collègue")
    version = save_revision(article)
    client.force_login(other_journalist)
    response = client.get(preview_url(article, version.pk))
    assert response.status_code == 403
    assert BANNER not in response.content.decode()
    assert "Révision du" not in response.content.decode()


def _count(client, url):
    client.get(url)  # Warm the content type cache.
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_preview_query_count_is_bounded(client, editor, draft, revisions_on):
    client.force_login(editor)
    first = save_revision(draft, tags=["PLFSS"])
    small = _count(client, preview_url(draft))
    small_revision = _count(client, preview_url(draft, first.pk))

    for i in range(8):
        author = Author.objects.create(name=f"Co-auteur {i}")
        ArticleAuthor.objects.create(article=draft, author=author, position=i + 1)
        Resource.objects.create(article=draft, title=f"Doc {i}", url=f"https://example.org/{i}")
    tags = [f"mot-clé {i}" for i in range(8)]
    draft.tags.add(*tags)
    second = save_revision(draft, tags=tags)

    assert _count(client, preview_url(draft)) == small <= MAX_PREVIEW_QUERIES
    large_revision = _count(client, preview_url(draft, second.pk))
    assert large_revision == small_revision <= MAX_REVISION_PREVIEW_QUERIES
