"""Mass assignment: fields a journalist's form does not have, posted anyway.

Every POST starts from what the admin page itself would send (its form read back from
the HTML), plus one forged field. Whatever the answer (a form error or a save that
ignores the field), the forged value never reaches the database, and never a 500.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticleUpdate, Resource, ShareLink, Status
from authors.models import Author
from tests.helpers import ADD_URL, change_url, form_values, logged_in_reporting_500s

# A 500 comes back as a response: each assertion below names the forged field at fault.
pytestmark = pytest.mark.reporting_500s


def forged_publication(other_user):
    """Each a POST of its own: (label, extra fields)."""
    future = timezone.localtime() + timedelta(days=2)
    return [
        ("status", {"status": Status.PUBLISHED}),
        ("published_at", {"published_at_0": "01/01/2026", "published_at_1": "08:00:00"}),
        ("published_at en un champ", {"published_at": "2026-01-01 08:00:00"}),
        (
            "unpublish_at",
            {"unpublish_at_0": future.strftime("%d/%m/%Y"), "unpublish_at_1": "08:00:00"},
        ),  # fmt: skip
        ("featured", {"featured": "on"}),
        ("home_position", {"home_position": "1"}),
        ("created_by", {"created_by": str(other_user.pk)}),
        ("version", {"version": "999"}),
        (
            "updated_at",
            {
                "updated_at_0": "01/01/2026",
                "updated_at_1": "09:00:00",
                "updated_at": "2026-01-01 09:00:00",
            },
        ),  # fmt: skip
        ("signal_update", {"signal_update": "on"}),
        ("transition publish", {"_transition": "publish"}),
        (
            "transition schedule",
            {
                "_transition": "schedule",
                "published_at_0": future.strftime("%d/%m/%Y"),
                "published_at_1": "08:00:00",
            },
        ),  # fmt: skip
        (
            "public_updates inline",
            {
                "public_updates-TOTAL_FORMS": "1",
                "public_updates-INITIAL_FORMS": "0",
                "public_updates-0-kind": "correction",
                "public_updates-0-note": "Correction forgée",
            },
        ),  # fmt: skip
    ]


def assert_never_published(article, journalist, version=None):
    article.refresh_from_db()
    assert article.status in (Status.DRAFT, Status.REVIEW)
    assert article.published_at is None
    assert article.unpublish_at is None
    assert article.updated_at is None
    assert (article.featured, article.home_position) == (False, 0)
    assert article.created_by == journalist
    if version is not None:
        assert article.version == version
    assert not ArticleUpdate.objects.filter(article=article).exists()


def test_forged_publication_fields_on_add(journalist_client, journalist, editor, sections):
    base = form_values(journalist_client, ADD_URL) | {
        "title": "Article forgé", "standfirst": "Chapô.", "section": str(sections["politique"].pk),
    }  # fmt: skip
    # The same POST without a forged field saves: the refusals below are about the field.
    assert journalist_client.post(ADD_URL, base).status_code == 302
    Article.objects.all().delete()
    for label, forged in forged_publication(editor):
        response = journalist_client.post(ADD_URL, base | forged)
        assert response.status_code in (200, 302), (label, response.status_code)
        for article in Article.objects.all():
            assert_never_published(article, journalist, version=1)
        Article.objects.all().delete()


def test_forged_publication_fields_on_own_draft(journalist_client, journalist, editor,
                                                make_article):  # fmt: skip
    draft = make_article(title="Mon brouillon", status=Status.DRAFT, created_by=journalist)
    clean = form_values(journalist_client, change_url(draft))
    assert journalist_client.post(change_url(draft), clean).status_code == 302
    for label, forged in forged_publication(editor):
        version = Article.objects.get(pk=draft.pk).version
        base = form_values(journalist_client, change_url(draft)) | {"title": "Titre modifié"}
        response = journalist_client.post(change_url(draft), base | forged)
        assert response.status_code in (200, 302), (label, response.status_code)
        saved = response.status_code == 302
        assert_never_published(draft, journalist, version=version + 1 if saved else version)


def test_editor_cannot_forge_server_fields_either(editor_client, editor, journalist,
                                                  make_article):  # fmt: skip
    article = make_article(title="Relu", status=Status.REVIEW, created_by=journalist)
    forged_fields = [
        {"status": Status.PUBLISHED},
        {"created_by": str(editor.pk)},
        {"updated_at": "2026-01-01 09:00:00"},
        {"version": "999"},
    ]
    for forged in forged_fields:
        version = Article.objects.get(pk=article.pk).version
        base = form_values(editor_client, change_url(article))
        response = editor_client.post(change_url(article), base | forged)
        assert response.status_code in (200, 302), (forged, response.status_code)
        article.refresh_from_db()
        assert article.status == Status.REVIEW
        assert article.created_by == journalist
        assert article.updated_at is None
        assert article.version in (version, version + 1)


# --- Inlines: bylines and resources of another article ----------------------------------


@pytest.fixture
def two_drafts(make_article, journalist, other_journalist, author):
    mine = make_article(title="Le mien", status=Status.DRAFT, created_by=journalist)
    theirs = make_article(title="Le sien", status=Status.DRAFT, created_by=other_journalist)
    Resource.objects.create(article=theirs, title="Rapport", url="https://example.org/rapport")
    return mine, theirs


def test_inline_rows_cannot_point_at_another_article(journalist_client, two_drafts, author):
    mine, theirs = two_drafts
    newcomer = Author.objects.create(name="Nouvelle Plume")
    their_byline = theirs.bylines.get()
    their_resource = theirs.resources.get()

    def attempts(b, r):
        """Forged rows, for the page's extra row indexes ``b`` (bylines), ``r`` (resources)."""
        return [
            # A new row whose parent id is forged: the formset's own article wins.
            {f"bylines-{b}-author": str(newcomer.pk), f"bylines-{b}-position": "3",
             f"bylines-{b}-article": str(theirs.pk)},
            {f"resources-{r}-title": "Forgé", f"resources-{r}-url": "https://example.org/f",
             f"resources-{r}-position": "0", f"resources-{r}-article": str(theirs.pk)},
            # An existing row of the other article, by id: outside the formset's queryset.
            {f"bylines-{b}-id": str(their_byline.pk), f"bylines-{b}-author": str(newcomer.pk),
             f"bylines-{b}-position": "0"},
            {f"resources-{r}-id": str(their_resource.pk), f"resources-{r}-title": "Écrasé",
             f"resources-{r}-url": "https://evil.example/", f"resources-{r}-position": "0",
             f"resources-{r}-DELETE": "on"},
        ]  # fmt: skip

    clean = form_values(journalist_client, change_url(mine))
    assert journalist_client.post(change_url(mine), clean).status_code == 302
    for i in range(4):
        base = form_values(journalist_client, change_url(mine))
        extra_byline = int(base["bylines-TOTAL_FORMS"][0]) - 1
        extra_resource = int(base["resources-TOTAL_FORMS"][0]) - 1
        forged = attempts(extra_byline, extra_resource)[i]
        response = journalist_client.post(change_url(mine), base | forged)
        assert response.status_code in (200, 302), (forged, response.status_code)
        their_byline.refresh_from_db()
        their_resource.refresh_from_db()
        assert (their_byline.article_id, their_byline.author.name) == (theirs.pk, "Claire Dubois")
        assert (their_resource.article_id, their_resource.title) == (theirs.pk, "Rapport")
        assert theirs.bylines.count() == 1 and theirs.resources.count() == 1
    # What did land, landed on the journalist's own article.
    assert set(ArticleAuthor.objects.filter(author=newcomer).values_list("article", flat=True)) <= {
        mine.pk
    }
    assert set(Resource.objects.filter(title="Forgé").values_list("article", flat=True)) <= {
        mine.pk
    }


# --- Editors' tools, forged by a journalist ---------------------------------------------


def test_journalist_cannot_reach_editors_tools_by_posting(journalist_client, journalist,
                                                          make_article):  # fmt: skip
    draft = make_article(title="Brouillon", status=Status.DRAFT, created_by=journalist)
    published = make_article(title="En ligne")
    for article in (draft, published):
        base = f"/admin/articles/article/{article.pk}"
        posts = [
            (f"{base}/liens-apercu/", {"duration": "30", "note": "Pour moi"}),
            (
                f"/admin/articles/article/calendrier/{article.pk}/reprogrammer/",
                {"published_at": "2030-01-01T08:00", "version": str(article.version)},
            ),  # fmt: skip
        ]
        for url, data in posts:
            response = journalist_client.post(url, data)
            assert response.status_code in (403, 404), (url, response.status_code)
    assert not ShareLink.objects.exists()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.published_at is None
    assert published.published_at < timezone.now()


def test_forged_uploader_and_dimensions_of_an_image_are_ignored(journalist, editor,
                                                               media_root):  # fmt: skip
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from images.models import Image

    client = logged_in_reporting_500s(journalist)
    out = io.BytesIO()
    PILImage.new("RGB", (60, 40), "teal").save(out, "JPEG")
    response = client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile("photo.jpg", out.getvalue(), "image/jpeg"),
            "alt_text": "Un couloir",
            "credit": "Rédaction",
            "caption": "",
            "uploader": str(editor.pk),
            "width": "9999",
            "height": "1",
            "uploaded_at": "2001-01-01 00:00:00",
        },  # fmt: skip
    )
    assert response.status_code == 302, response.status_code
    image = Image.objects.get()
    assert image.uploader == journalist
    assert (image.width, image.height) == (60, 40)
    assert image.uploaded_at.year == timezone.now().year
