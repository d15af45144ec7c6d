"""An image of a published article in the trash stays the editors' until the purge.

Restoring brings the article back live, as it was: if its journalist could change or
delete the hero or a figure meanwhile (no live article showing it), an editor's restore
would publish the swapped image, or lose it, with no editor ever seeing it. Found by the
second tour.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles import trash
from articles.models import Status
from images.embed import editor_figure
from images.models import Image
from newsroom import roles
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader(journalist):
    journalist.groups.add(Group.objects.get(name=roles.JOURNALIST))
    return journalist


@pytest.fixture
def chief(editor):
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    return editor


def jpeg():
    out = io.BytesIO()
    PILImage.new("RGB", (640, 480), "orange").save(out, "JPEG")
    return SimpleUploadedFile("remplacement.jpg", out.getvalue(), "image/jpeg")


@pytest.fixture(params=["hero", "figure"])
def trashed_image(request, make_library_image, make_article, uploader, chief):
    image = make_library_image(uploader=uploader, caption="Légende d'origine")
    if request.param == "hero":
        article = make_article(status=Status.PUBLISHED, hero_image=image, created_by=uploader)
    else:
        body = f"<p>Texte.</p>{editor_figure(image)}"
        article = make_article(status=Status.PUBLISHED, body=body, created_by=uploader)
    trash.trash_articles([article], chief)
    return image


def test_the_uploader_cannot_change_it(uploader, trashed_image):
    before = (trashed_image.file.name, trashed_image.caption)
    response = logged_in(uploader).post(
        f"/admin/images/image/{trashed_image.pk}/change/",
        {"file": jpeg(), "alt_text": trashed_image.alt_text, "credit": trashed_image.credit,
         "caption": "Légende détournée", "focal_x": "0.5", "focal_y": "0.5"},
    )  # fmt: skip
    assert response.status_code == 403
    trashed_image.refresh_from_db()
    assert (trashed_image.file.name, trashed_image.caption) == before


def test_the_uploader_cannot_delete_it(uploader, trashed_image):
    client = logged_in(uploader)
    response = client.post(f"/admin/images/image/{trashed_image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    client.post(
        "/admin/images/image/",
        {"action": "delete_selected", "_selected_action": [trashed_image.pk], "post": "yes"},
    )
    assert Image.objects.filter(pk=trashed_image.pk).exists()


def test_a_trashed_draft_leaves_the_image_to_its_uploader(
    uploader, chief, make_library_image, make_article
):
    # A draft never was public: restoring it publishes nothing.
    image = make_library_image(uploader=uploader)
    article = make_article(status=Status.DRAFT, hero_image=image, created_by=uploader)
    trash.trash_articles([article], chief)
    response = logged_in(uploader).get(f"/admin/images/image/{image.pk}/change/")
    assert response.context["has_change_permission"] is True
