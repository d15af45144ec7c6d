"""Who may change a library image (access/staff.py), on every surface that changes one.

A journalist adds images and changes those they uploaded while no scheduled or
published article (nor an author page) shows them; every other image is the editors'.
The table below crosses role × image state on the change view (read-only or not), the
change POST (file, caption, focal point: the crop) and deletion; forged POSTs change
nothing, neither the file on disk nor the caption readers see.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Status
from authors.models import Author
from images.embed import editor_figure
from images.models import Image
from newsroom import roles

CHANGEABLE_BY_UPLOADER = {"own_unused", "own_hero_of_draft", "own_figure_in_review"}
STATES = [
    "own_unused",
    "own_hero_of_draft",
    "own_figure_in_review",
    "own_hero_published",
    "own_figure_published",
    "own_figure_scheduled",
    "own_author_photo",
    "editors",
    "no_uploader",
]


@pytest.fixture
def uploader(journalist):
    journalist.groups.add(Group.objects.get(name=roles.JOURNALIST))
    return journalist


@pytest.fixture
def colleague(other_journalist):
    other_journalist.groups.add(Group.objects.get(name=roles.JOURNALIST))
    return other_journalist


@pytest.fixture
def chief(editor):
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    return editor


@pytest.fixture
def image_in(make_library_image, make_article, uploader, chief):
    """The image in one of STATES."""

    def make(state):
        owner = {"editors": chief, "no_uploader": None}.get(state, uploader)
        image = make_library_image(size=(480, 320), uploader=owner, caption="Légende d'origine")
        soon = timezone.now() + timedelta(days=1)
        if state == "own_hero_of_draft":
            make_article(status=Status.DRAFT, hero_image=image, created_by=uploader)
        elif state == "own_figure_in_review":
            make_article(status=Status.REVIEW, body=editor_figure(image), created_by=uploader)
        elif state == "own_hero_published":
            make_article(hero_image=image, created_by=uploader)
        elif state == "own_figure_published":
            make_article(body=f"<p>Texte.</p>{editor_figure(image)}")
        elif state == "own_figure_scheduled":
            make_article(status=Status.SCHEDULED, published_at=soon, body=editor_figure(image))
        elif state == "own_author_photo":
            Author.objects.create(name="Paul Martin", photo=image)
        return image

    return make


def role_user(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def expected_change(role, state):
    if role == "chief":
        return True
    return role == "uploader" and state in CHANGEABLE_BY_UPLOADER


def jpeg(size=(640, 480), colour="orange"):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, "JPEG")
    return SimpleUploadedFile("remplacement.jpg", out.getvalue(), "image/jpeg")


def change_url(image):
    return f"/admin/images/image/{image.pk}/change/"


def snapshot(image):
    image.refresh_from_db()
    with image.file.open("rb") as f:
        content = f.read()
    return (image.file.name, content, image.caption, image.width, image.focal_x)


STAFF_ROLES = ["chief", "uploader", "colleague"]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_change_view_is_editable_or_read_only(client, request, image_in, role, state):
    image = image_in(state)
    client.force_login(role_user(request, role))
    response = client.get(change_url(image))
    assert response.status_code == 200
    page = response.content.decode()
    editable = expected_change(role, state)
    assert ('name="file"' in page) is editable
    assert ('name="caption"' in page) is editable
    assert ("lecture seule" in page) is not editable
    assert response.context["has_change_permission"] is editable


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_change_post_replaces_file_and_caption_only_when_allowed(
    client, request, image_in, role, state
):
    image = image_in(state)
    before = snapshot(image)
    client.force_login(role_user(request, role))
    response = client.post(
        change_url(image),
        {"file": jpeg(), "alt_text": image.alt_text, "credit": image.credit,
         "caption": "Légende détournée", "focal_x": "0.9", "focal_y": "0.1"},
    )  # fmt: skip
    after = snapshot(image)
    if expected_change(role, state):
        assert response.status_code == 302
        assert after[0] != before[0] and after[2] == "Légende détournée"
        assert after[3] == 640 and after[4] == 0.9
    else:
        assert response.status_code == 403
        assert after == before


@pytest.mark.parametrize("state", ["own_hero_published", "editors"])
def test_focal_point_alone_cannot_be_moved_by_a_journalist(client, uploader, image_in, state):
    """The crop of the home page's cards: a forged POST without a file changes nothing."""
    image = image_in(state)
    before = snapshot(image)
    client.force_login(uploader)
    response = client.post(
        change_url(image),
        {"alt_text": image.alt_text, "credit": image.credit, "caption": image.caption,
         "focal_x": "0", "focal_y": "0"},
    )  # fmt: skip
    assert response.status_code == 403
    assert snapshot(image) == before


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ["uploader", "colleague"])
def test_journalists_delete_no_image(client, request, image_in, role, state):
    image = image_in(state)
    client.force_login(role_user(request, role))
    delete = f"/admin/images/image/{image.pk}/delete/"
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    # The list's bulk action, forged: not offered, nothing deleted.
    client.post(
        "/admin/images/image/",
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )
    assert Image.objects.filter(pk=image.pk).exists()


def test_editors_delete_an_unused_image(
    client, chief, image_in, django_capture_on_commit_callbacks
):
    image = image_in("own_unused")
    client.force_login(chief)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_outsiders_reach_no_image_surface(client, request, image_in, who):
    image = image_in("own_unused")
    before = snapshot(image)
    user = role_user(request, who)
    if user is not None:
        client.force_login(user)
    for url in [change_url(image), "/admin/images/image/", "/admin/images/image/choisir/",
                "/admin/images/image/add/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    response = client.post(change_url(image), {"file": jpeg(), "caption": "Défiguré"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert snapshot(image) == before


def test_guessed_ids_are_not_found(client, uploader):
    client.force_login(uploader)
    for pk in ["999999", "abc", "-1"]:
        response = client.post(f"/admin/images/image/{pk}/change/", {"caption": "x"})
        assert response.status_code in (302, 404)  # the admin redirects unknown ids home
        assert not Image.objects.exists()


@pytest.mark.parametrize("role", ["uploader", "colleague"])
def test_journalists_still_add_and_pick_images(db, client, request, role, media_root):
    client.force_login(role_user(request, role))
    response = client.post(
        "/admin/images/image/add/",
        {"file": jpeg(), "alt_text": "Une ambulance", "credit": "SAMU 44", "caption": ""},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploader == role_user(request, role)
    picker = client.get("/admin/images/image/choisir/", {"CKEditorFuncNum": "1"})
    assert picker.status_code == 200 and f'data-image-id="{image.pk}"' in picker.content.decode()


def test_a_journalist_loses_an_image_to_the_editors_once_it_is_published(
    client, uploader, image_in, make_article
):
    """The edit page opened before publication does not let a later POST through."""
    image = image_in("own_unused")
    client.force_login(uploader)
    assert 'name="file"' in client.get(change_url(image)).content.decode()
    make_article(hero_image=image)  # an editor publishes an article with it meanwhile
    before = snapshot(image)
    response = client.post(
        change_url(image),
        {"file": jpeg(), "alt_text": image.alt_text, "credit": image.credit,
         "caption": "Trop tard"},
    )  # fmt: skip
    assert response.status_code == 403 and snapshot(image) == before


def test_usages_only_name_articles_the_viewer_may_see(
    client, uploader, colleague, chief, image_in, make_article
):
    image = image_in("editors")
    secret = make_article(
        title="Enquête sous embargo", status=Status.DRAFT, hero_image=image, created_by=colleague
    )
    public = make_article(title="Article déjà publié", body=editor_figure(image))
    client.force_login(uploader)
    page = client.get(change_url(image)).content.decode()
    assert public.title in page and secret.title not in page
    assert f"/articles/article/{secret.pk}/" not in page
    for who in (colleague, chief):
        client.force_login(who)
        assert secret.title in client.get(change_url(image)).content.decode()
