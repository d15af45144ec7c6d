"""The photothèque in the admin: list with thumbnails, search, filters, change page."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from images.models import Image

# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def make_image(size, **fields):
    out = io.BytesIO()
    PILImage.new("RGB", size, "maroon").save(out, "JPEG")
    image = Image(file=ContentFile(out.getvalue(), name="p.jpg"), **fields)
    image.save()
    return image


@pytest.fixture
def library(db):
    return [
        make_image((900, 600), alt_text="Façade de l'hôpital", credit="AP-HP", focal_x=0.2,
                   focal_y=0.3),
        make_image((600, 900), alt_text="Pharmacienne", caption="Officine", credit="Reuters"),
        make_image((500, 500), is_decorative=True, credit="Rédaction"),
    ]  # fmt: skip


def test_list_shows_thumbnails_and_searches_alt_caption_credit(
    admin_client, library, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = admin_client.get("/admin/images/image/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="image-thumb"') == 3
    for term, expected in [("hôpital", 1), ("officine", 1), ("reuters", 1), ("zzz", 0)]:
        response = admin_client.get("/admin/images/image/", {"q": term})
        assert response.context["cl"].result_count == expected, term


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"orientation": "paysage"}, 1), ({"orientation": "portrait"}, 1),
     ({"orientation": "carre"}, 1), ({"point_focal": "oui"}, 1), ({"point_focal": "non"}, 2),
     ({"is_decorative__exact": "1"}, 1)],
)  # fmt: skip
def test_filters(admin_client, library, params, expected):
    response = admin_client.get("/admin/images/image/", params)
    assert response.context["cl"].result_count == expected


def test_change_page_has_preview_focal_point_and_usages(admin_client, library):
    response = admin_client.get(f"/admin/images/image/{library[0].pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="focal-preview" data-focal-x="0.2" data-focal-y="0.3"' in page
    assert "n&#x27;est utilisée nulle part" in page or "n'est utilisée nulle part" in page
    assert "900 × 600 px" in page


def test_change_without_new_file_keeps_the_file(admin_client, library):
    image = library[0]
    name = image.file.name
    response = admin_client.post(
        f"/admin/images/image/{image.pk}/change/",
        {"alt_text": "Nouvelle description", "credit": "AP-HP", "caption": "",
         "focal_x": "0.5", "focal_y": "0.5"},
    )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name == name and image.alt_text == "Nouvelle description"


def test_focal_point_needs_both_coordinates_in_range(admin_client, library):
    image = library[0]
    data = {"alt_text": "x", "credit": "AP-HP", "caption": ""}
    response = admin_client.post(
        f"/admin/images/image/{image.pk}/change/", {**data, "focal_x": "0.5"}
    )
    assert "les deux coordonnées" in response.content.decode()
    response = admin_client.post(
        f"/admin/images/image/{image.pk}/change/", {**data, "focal_x": "1.5", "focal_y": "0.5"}
    )
    assert response.status_code == 200 and "inférieure ou égale à 1" in response.content.decode()


def test_replacing_the_file_removes_the_old_one(
    admin_client, library, settings, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    image = library[0]
    old = Path(settings.MEDIA_ROOT) / image.file.name
    out = io.BytesIO()
    PILImage.new("RGB", (1200, 800), "navy").save(out, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/images/image/{image.pk}/change/",
            {"alt_text": "Façade", "credit": "AP-HP", "caption": "", "focal_x": "",
             "focal_y": "", "file": SimpleUploadedFile("nouvelle.png", out.getvalue())},
        )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (1200, 800) and image.file.name.endswith(".png")
    old_renditions = old.parent.parent / "renditions" / old.stem
    assert not old.exists()
    assert not old_renditions.exists() or not list(old_renditions.iterdir())
    assert (Path(settings.MEDIA_ROOT) / image.file.name).is_file()
