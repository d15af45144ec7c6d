"""Each rule caught where it lives (issue 13): a test per layer, that fails without it.

scripts/mutate.py breaks these rules one at a time; every test here kills at least one of
its mutants that the rest of the suite let through (docs/mutation-testing.md).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.db.models.signals import pre_save
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Resource, StaleArticleError, Status
from tests.helpers import change_url, delete_url, logged_in
from tests.test_admin_articles import form_errors
from tests.test_images_uploads import jpeg_bytes, only_error, submit
from tests.test_revisions import editor_data

STALE = "Cet article a été modifié par"


# --- The version lock: two layers, each tested without the other ---------------------


@pytest.fixture
def article(make_article):
    return make_article(title="Titre d'origine", body="<p>Le texte d'origine.</p>")


@pytest.fixture
def article_saves():
    """Every Article.save() that reaches the database layer (pre_save), in order."""
    saves = []

    def record(sender, instance, **kwargs):
        saves.append(instance.pk)

    pre_save.connect(record, sender=Article, weak=False)
    yield saves
    pre_save.disconnect(record, sender=Article)


def test_the_form_refuses_a_stale_version_before_anything_is_written(
    editor_client, article, article_saves
):
    """The fast check in clean(): a form built from an older version never reaches
    Article.save(); the UPDATE guard would show the same page, but only after trying."""
    form = editor_data(article, title="Titre périmé")
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1)

    response = editor_client.post(change_url(article), form)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert article_saves == [], "the stale form went as far as Article.save()"
    article.refresh_from_db()
    assert article.title == "Titre d'origine"


def test_the_update_guard_refuses_what_changed_after_the_form_check(
    editor_client, article, article_saves
):
    """A colleague saves between clean() (which saw no conflict) and the UPDATE: only the
    ``WHERE version = …`` of Article.save() can still refuse, and it must."""

    def colleague_saves_meanwhile(sender, instance, **kwargs):
        if instance.pk == article.pk and len(article_saves) == 1:
            Article.objects.filter(pk=article.pk).update(
                version=F("version") + 1, title="Titre du collègue"
            )

    pre_save.connect(colleague_saves_meanwhile, sender=Article, weak=False)
    try:
        response = editor_client.post(change_url(article), editor_data(article, title="Mien"))
    finally:
        pre_save.disconnect(colleague_saves_meanwhile, sender=Article)

    assert article_saves, "the form check let the (fresh) form through to Article.save()"
    assert response.status_code == 200, "the later save overwrote the colleague's"
    assert STALE in response.content.decode()
    # (The colleague's UPDATE ran in the same transaction here, rolled back with it.)
    article.refresh_from_db()
    assert article.title != "Mien"


def test_the_update_guard_on_its_own_refuses_an_older_copy(article):
    first, second = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    first.title = "Premier"
    first.save()
    second.title = "Second"
    with pytest.raises(StaleArticleError):
        second.save()
    article.refresh_from_db()
    assert article.title == "Premier"
    assert second.version == first.version - 1  # the refused copy keeps the version it read


# --- The project's pixel cap, with Pillow's own limit above it ----------------------


@pytest.fixture
def pillow_limit_far_above(monkeypatch, settings):
    """Pillow's decompression-bomb guard set 100× above the project's cap: only
    images.validation can refuse an image between the two."""
    settings.IMAGE_MAX_PIXELS = 1_000_000
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 100 * settings.IMAGE_MAX_PIXELS)


@pytest.mark.usefixtures("db", "media_root", "pillow_limit_far_above")
def test_the_pixel_cap_refuses_on_its_own_just_above_the_limit():
    assert "trop grande" in only_error(submit("grande.jpg", jpeg_bytes(size=(1001, 1000))))


@pytest.mark.usefixtures("db", "media_root", "pillow_limit_far_above")
def test_the_pixel_cap_accepts_an_image_exactly_at_the_limit():
    assert submit("juste.jpg", jpeg_bytes(size=(1000, 1000))).is_valid()


# --- Resource files: the validator, through the article admin's inline ----------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.pdf", b"<html><script>alert(1)</script></html>", "n&#x27;est pas un document"),
        ("rapport.docx", b"%PDF-1.7\n%%EOF\n", "renommez-le"),
    ],
)
def test_the_resource_inline_refuses_a_bad_file(
    editor_client, article, media_root, name, content, message
):
    data = editor_data(article) | {
        "resources-TOTAL_FORMS": "1",
        "resources-0-title": "Le rapport",
        "resources-0-url": "",
        "resources-0-position": "0",
        "resources-0-file": SimpleUploadedFile(name, content),
    }
    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200, "the article was saved with its bad resource"
    assert message in response.content.decode()
    assert not Resource.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*")) if media_root.exists() else 1


def test_the_resource_inline_accepts_a_real_pdf(editor_client, article, media_root):
    data = editor_data(article) | {
        "resources-TOTAL_FORMS": "1",
        "resources-0-title": "Le rapport",
        "resources-0-url": "",
        "resources-0-position": "0",
        "resources-0-file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.7\n%%EOF\n"),
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    assert Resource.objects.get().file.name.endswith(".pdf")


# --- Every public surface, with a featured draft, scheduled and expired article --------

HIDDEN = {
    "draft": "Zephyrine brouillon",
    "scheduled": "Zephyrine programme",
    "expired": "Zephyrine expire",
    "review": "Zephyrine relecture",
}


@pytest.fixture
def newsroom(make_article, sections, author):
    """One featured published article, and featured ones readers must never see."""
    now = timezone.now()
    common = {"featured": True, "tags": ["zephyrine"], "section": sections["politique"]}
    visible = make_article(title="Zephyrine visible", **common)
    hidden = [
        # A draft with a past publication date: only its status keeps it hidden.
        make_article(title=HIDDEN["draft"], status=Status.DRAFT,
                     published_at=now - timedelta(hours=2), **common),
        make_article(title=HIDDEN["scheduled"], status=Status.SCHEDULED,
                     published_at=now + timedelta(hours=2), **common),
        make_article(title=HIDDEN["expired"], status=Status.PUBLISHED,
                     published_at=now - timedelta(days=2),
                     unpublish_at=now - timedelta(hours=1), **common),
        make_article(title=HIDDEN["review"], status=Status.REVIEW,
                     published_at=now - timedelta(hours=3), **common),
    ]  # fmt: skip
    return visible, hidden


def public_surfaces(visible, author):
    section = visible.section
    tag = visible.tags.get()
    return [
        "/",
        section.get_absolute_url(),
        section.parent.get_absolute_url(),
        f"/tags/{tag.slug}/",
        author.get_absolute_url(),
        "/flux/",
        f"/flux/rubriques/{section.path}/",
        f"/flux/rubriques/{section.parent.path}/",
        f"/flux/tags/{tag.slug}/",
        f"/flux/auteurs/{author.slug}/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/recherche/?q=zephyrine",
    ]


def test_no_public_surface_shows_a_featured_draft_scheduled_or_expired_article(
    client, newsroom, author
):
    visible, hidden = newsroom
    for url in public_surfaces(visible, author):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert visible.slug in page, f"{url} does not show the published article"
        for article in hidden:
            assert article.slug not in page, f"{url} shows {article.title}"
            assert article.title not in page, f"{url} shows {article.title}"


def test_the_home_page_features_the_published_article_only(client, newsroom):
    visible, hidden = newsroom
    response = client.get("/")
    featured = [article.pk for article in response.context["featured"]]
    assert featured == [visible.pk]
    in_blocks = [article.pk for _, articles in response.context["blocks"] for article in articles]
    assert not set(in_blocks) & {article.pk for article in hidden}


def test_hidden_articles_have_no_page(client, newsroom):
    _, hidden = newsroom
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404, article.title


def test_an_article_is_public_from_its_exact_minute_until_its_exact_end(make_article):
    now = timezone.now()
    starts = make_article(title="Commence maintenant", published_at=now)
    ends = make_article(title="Finit maintenant", published_at=now - timedelta(hours=1),
                        unpublish_at=now)  # fmt: skip
    shown = set(Article.objects.published(now).values_list("pk", flat=True))
    assert starts.pk in shown
    assert ends.pk not in shown
    assert starts.is_public_at(now)
    assert not ends.is_public_at(now)


# --- The staff access policy: a creator deletes drafts only -------------------------


@pytest.fixture
def journalist_who_may_delete(journalist):
    """The journalist, with the model's delete permission: only the policy narrows it."""
    from django.contrib.auth.models import Permission

    journalist.user_permissions.add(Permission.objects.get(codename="delete_article"))
    return journalist


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(Status.DRAFT, True), (Status.REVIEW, False), (Status.CHANGES_REQUESTED, False)],
)
def test_a_creator_deletes_their_draft_but_not_once_submitted(
    journalist_who_may_delete, make_article, status, allowed
):
    from access import staff

    article = make_article(status=status, published_at=None, created_by=journalist_who_may_delete)
    assert staff.can_delete_article(journalist_who_may_delete, article) is allowed
    client = logged_in(journalist_who_may_delete)
    response = client.post(delete_url(article), {"post": "yes"})
    assert (response.status_code == 302) is allowed, response.status_code
    assert Article.objects.filter(pk=article.pk).exists() is not allowed


# --- The sanitiser: link schemes and image addresses ---------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="data:text/html;base64,PHNjcmlwdD4=">lien</a></p>',
        '<p><a href="DATA:text/html,x">lien</a></p>',
        '<p><a href="javascript:alert(1)">lien</a></p>',
    ],
)
def test_the_sanitiser_drops_data_and_script_links(html):
    from articles.sanitize import sanitize_body

    cleaned = sanitize_body(html)
    assert "href" not in cleaned and "lien" in cleaned


@pytest.mark.parametrize("src", ["//evil.example/x.png", " //evil.example/x.png", "x.png"])
def test_the_sanitiser_drops_protocol_relative_and_relative_images(src):
    from articles.sanitize import sanitize_body

    assert "<img" not in sanitize_body(f'<figure><img src="{src}" alt="a"></figure>')
    assert '<img src="/media/a.png"' in sanitize_body('<p><img src="/media/a.png" alt="a"></p>')
