"""Hostile files on both image paths: the library upload and the author photo.

An author photo is a library image (``Author.photo``), imported with the « + » of the
author form, i.e. the library's form in a popup: the same checks (format read from the
content, size and pixel caps), the same cleaning (orientation applied, EXIF/GPS
stripped, generated names, renditions). The files are built in memory, with Pillow or
raw bytes (hostile_files.py). A refused file gives a form error and saves nothing (no
row, no file); an accepted one is stored re-encoded, without what it carried.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from images.models import Image
from newsroom import roles
from tests.security.hostile_files import (
    PAYLOAD,
    SERIAL,
    fits,
    gif_bomb,
    noisy_jpeg,
    phone_photo,
    pillow_file,
    png_bomb,
    png_chunk,
    psd,
)

REFUSED = {
    # name: (file name sent, bytes, French error expected)
    "eps": ("portrait.jpg", lambda: pillow_file("EPS"), "pas une image acceptée"),
    "psd": ("portrait.psd", psd, "pas une image acceptée"),
    "tiff": ("portrait.png", lambda: pillow_file("TIFF"), "pas une image acceptée"),
    "fits": ("portrait.jpg", fits, "pas une image acceptée"),
    "svg": (
        "portrait.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + PAYLOAD + b"</svg>",
        "SVG ne sont pas acceptées",
    ),
    "html_behind_jpeg_magic": (
        "portrait.jpg",
        lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<html>" + PAYLOAD,
        "pas une image acceptée",
    ),
    "png_bomb": ("portrait.png", png_bomb, "trop grande"),
    "gif_bomb": ("portrait.gif", gif_bomb, "trop grande"),
    "oversize": ("portrait.jpg", noisy_jpeg, "la limite est de 1 Mo"),
    "empty": ("portrait.jpg", lambda: b"", "vide"),
}


@pytest.fixture
def chief(editor):
    """An editor as the roles make them (library and authors)."""
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    return editor


@pytest.fixture
def staff_client(client, chief, media_root):
    client.force_login(chief)
    return client


LIBRARY_ADD = "/admin/images/image/add/"
# The « + » next to the author form's photo field opens the library form in a popup.
AUTHOR_PHOTO_ADD = "/admin/images/image/add/?_to_field=id&_popup=1"
PATHS = {"library": LIBRARY_ADD, "author_photo": AUTHOR_PHOTO_ADD}


def upload(client, url, name, content):
    return client.post(
        url,
        {"file": SimpleUploadedFile(name, content, "image/jpeg"), "alt_text": "Un portrait",
         "credit": "Rédaction", "caption": "", **({"_popup": "1"} if "_popup" in url else {})},
    )  # fmt: skip


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("kind", REFUSED)
def test_refused_files_give_a_form_error_and_save_nothing(
    staff_client, media_root, settings, author, path, kind
):
    name, build, message = REFUSED[kind]
    content = build()
    if kind == "oversize":
        settings.IMAGE_MAX_UPLOAD_BYTES = 1024 * 1024
        assert len(content) > settings.IMAGE_MAX_UPLOAD_BYTES
    if kind == "gif_bomb":
        settings.IMAGE_MAX_PIXELS = 5_000_000
        assert len(content) < 100_000
    response = upload(staff_client, PATHS[path], name, content)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors["file"]), errors
    assert not Image.objects.exists()
    assert stored_files(media_root) == []
    author.refresh_from_db()
    assert author.photo is None


def test_the_author_form_stores_no_file_of_its_own(staff_client, media_root, author):
    """A file forged into the author form's photo field is not stored anywhere."""
    response = staff_client.post(
        f"/admin/authors/author/{author.pk}/change/",
        {"name": author.name, "slug": author.slug, "job_title": "", "bio": "",
         "photo": SimpleUploadedFile("x.tif", pillow_file("TIFF"), "image/tiff")},
    )  # fmt: skip
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.photo is None
    assert stored_files(media_root) == []


def test_the_author_form_offers_the_library_and_its_upload(staff_client, author):
    page = staff_client.get(f"/admin/authors/author/{author.pk}/change/").content.decode()
    assert '<div class="related-widget-wrapper" data-model-ref="image">' in page
    assert 'class="admin-autocomplete"' in page  # searched in the library
    assert "/admin/images/image/add/?_to_field=id&amp;_popup=1" in page


def exif_of(path):
    with PILImage.open(path) as img:
        exif = img.getexif()
        return dict(exif), dict(exif.get_ifd(0x8825)), img.info.get("exif"), img.size


@pytest.mark.parametrize("path", PATHS)
def test_a_phone_photo_loses_gps_and_serial_and_is_turned_upright(staff_client, media_root, path):
    response = upload(staff_client, PATHS[path], "IMG_0042.JPG", phone_photo())
    assert response.status_code in (200, 302)
    image = Image.objects.get()
    assert "IMG_0042" not in image.file.name and image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (200, 300)  # orientation applied
    files = stored_files(media_root)
    assert len(files) > 1  # the original and its renditions
    for file in files:
        data = file.read_bytes()
        assert SERIAL.encode() not in data and b"iPhone" not in data, file.name
        tags, gps, raw_exif, _size = exif_of(file)
        assert tags == {} and gps == {} and raw_exif is None, file.name


def test_public_author_page_shows_a_photo_without_gps(
    staff_client, client, media_root, author, make_article
):
    make_article()  # the author signs a published article: their page is public
    upload(staff_client, AUTHOR_PHOTO_ADD, "IMG_0042.JPG", phone_photo())
    image = Image.objects.get()
    response = staff_client.post(
        f"/admin/authors/author/{author.pk}/change/",
        {"name": author.name, "slug": author.slug, "job_title": "", "bio": "",
         "photo": str(image.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    form = staff_client.get(f"/admin/authors/author/{author.pk}/change/").content.decode()
    assert "/media/images/renditions/" in form  # the chosen photo, previewed
    page = client.get(author.get_absolute_url()).content.decode()
    urls = set()
    for attribute in ("src", "srcset"):
        for value in re.findall(rf'{attribute}="([^"]+)"', page):
            urls |= {part.split()[0] for part in value.split(",") if "/media/" in part}
    portraits = [url for url in urls if url.startswith("/media/images/renditions/")]
    assert portraits, page
    for url in portraits:
        tags, gps, raw_exif, _size = exif_of(media_root / url.removeprefix("/media/"))
        assert tags == {} and gps == {} and raw_exif is None, url


@pytest.mark.parametrize("path", PATHS)
def test_polyglots_are_stored_re_encoded_without_their_payload(staff_client, media_root, path):
    """Valid pictures that also carry markup (a GIF comment, bytes after a JPEG's end,
    a PNG text chunk): accepted as pictures, stored without the markup."""
    jpeg = pillow_file("JPEG") + b"<html><body>" + PAYLOAD
    gif = pillow_file("GIF", mode="P", comment=PAYLOAD)
    png = pillow_file("PNG")
    png = png[:-12] + png_chunk(b"tEXt", b"Comment\0" + PAYLOAD) + png[-12:]
    for name, content in [("a.jpg", jpeg), ("b.gif", gif), ("c.png", png)]:
        assert PAYLOAD in content
        response = upload(staff_client, PATHS[path], name, content)
        assert response.status_code in (200, 302)
        assert "errornote" not in response.content.decode()
    assert Image.objects.count() == 3
    for file in stored_files(media_root):
        data = file.read_bytes()
        assert b"<script" not in data and b"<html" not in data, file.name
        assert file.suffix in {".jpg", ".png", ".webp"}, file.name
