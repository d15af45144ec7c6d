"""An author's photo, as an editor sets it: from the author's change page, « + » opens
the photothèque's upload form in a popup; the file is posted there (multipart), the popup
hands the new image back, and the author form is saved with it.

The file is checked on its content (images/validation.py), whatever its name says: a
refused file gives the French error in the popup's page, stores nothing, and the author
keeps the photo they had. (Every hostile format on this path: tests/security/
test_upload_abuse.py; the pixel cap on its own: tests/test_rules_caught.py.)
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from authors.models import Author
from images.models import Image
from tests.helpers import form_values
from tests.security.payloads import live_markup, parse_html


def picture(fmt, size=(320, 400), colour="teal"):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()


def author_change_url(author):
    return f"/admin/authors/author/{author.pk}/change/"


@pytest.fixture
def portrayed(author, make_article, make_library_image):
    """The author, signing a published article (their page is public), with a photo."""
    make_article()
    author.photo = make_library_image(size=(300, 300), alt_text="Ancien portrait")
    author.save()
    return author


def import_link(editor_client, author):
    """The « + » of the author form's photo field: the popup it opens."""
    page = editor_client.get(author_change_url(author))
    assert page.status_code == 200
    return parse_html(page.content).get_element_by_id("add_id_photo").get("href")


def upload(editor_client, author, name, content, content_type="image/jpeg"):
    """What the popup's form posts once the editor picked ``name`` and described it."""
    url = import_link(editor_client, author)
    data = form_values(editor_client, url, form_id="image_form")
    data |= {"alt_text": ["Portrait de Claire Dubois"], "credit": ["Rédaction"]}
    data["file"] = SimpleUploadedFile(name, content, content_type)
    return editor_client.post(url, data)


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- Accepted ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("portrait.jpg", "JPEG"), ("portrait.png", "PNG")])
def test_a_real_photo_is_imported_and_shown_on_the_author_page(
    editor_client, client, portrayed, media_root, name, fmt
):
    response = upload(editor_client, portrayed, name, picture(fmt))

    assert response.status_code == 200  # the popup's answer to the author form
    handed_back = parse_html(response.content).get_element_by_id(
        "django-admin-popup-response-constants"
    )
    new_pk = int(json.loads(handed_back.get("data-popup-response"))["value"])
    image = Image.objects.get(pk=new_pk)
    assert image.file.name.endswith(".jpg" if fmt == "JPEG" else ".png")

    data = form_values(editor_client, author_change_url(portrayed), form_id="author_form")
    data["photo"] = [str(new_pk)]
    saved = editor_client.post(author_change_url(portrayed), data)
    assert saved.status_code == 302
    portrayed.refresh_from_db()
    assert portrayed.photo_id == new_pk

    page = client.get(portrayed.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in html, "the new photo is not on the author page"
    assert live_markup(html) == []


@pytest.mark.parametrize(
    ("name", "fmt", "stored"), [("portrait.jpg", "PNG", ".png"), ("portrait.html", "JPEG", ".jpg")]
)
def test_the_content_not_the_name_decides_the_stored_type(
    editor_client, portrayed, media_root, name, fmt, stored
):
    response = upload(editor_client, portrayed, name, picture(fmt), "text/html")
    assert response.status_code == 200
    image = Image.objects.exclude(pk=portrayed.photo_id).get()
    assert image.file.name.endswith(stored) and "portrait" not in image.file.name
    assert not any(path.suffix == ".html" for path in stored_files(media_root))


# --- Refused: the French error in the popup, nothing stored, the author unchanged ------

DISGUISED_HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

REFUSED = {
    # case: (file name, bytes, IMAGE_MAX_PIXELS or None, French error as the page shows it)
    "html_renamed_jpg": ("portrait.jpg", DISGUISED_HTML, None,
                         "Ce fichier n&#x27;est pas une image acceptée"),
    "too_many_pixels": ("portrait.png", picture("PNG", size=(1200, 1000)), 1_000_000,
                        "L&#x27;image est trop grande : 1,2 mégapixels pour une limite de 1 "
                        "mégapixels"),
    "bmp_not_accepted": ("portrait.bmp", picture("BMP"), None,
                         "Ce fichier n&#x27;est pas une image acceptée"),
}  # fmt: skip


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_file_shows_the_french_error_and_changes_nothing(
    editor_client, portrayed, media_root, settings, case
):
    name, content, max_pixels, message = REFUSED[case]
    if max_pixels is not None:
        settings.IMAGE_MAX_PIXELS = max_pixels
    row_before = Author.objects.filter(pk=portrayed.pk).values().get()
    images_before = set(Image.objects.values_list("pk", flat=True))
    files_before = stored_files(media_root)

    response = upload(editor_client, portrayed, name, content)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page
    errors = parse_html(page).find_class("errorlist")
    assert errors, "no form error shown"
    assert "django-admin-popup-response-constants" not in page  # nothing handed back
    assert set(Image.objects.values_list("pk", flat=True)) == images_before
    assert stored_files(media_root) == files_before
    assert Author.objects.filter(pk=portrayed.pk).values().get() == row_before
