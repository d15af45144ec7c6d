"""Image uploads: bad files get a French form error, good ones are cleaned and renamed."""

import io
import resource
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageCms

from images.forms import ImageForm
from images.models import Image

DESCRIPTION = {"alt_text": "Une infirmière dans un couloir", "credit": "Jeanne Martin / ASP"}


# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


def jpeg_bytes(size=(640, 480), colour="teal", **save_options):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, "JPEG", **save_options)
    return out.getvalue()


def png_declaring(width, height):
    """A tiny PNG whose header claims width × height pixels (a decompression bomb)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def gif_with_frames(count, size=(1000, 1000)):
    frames = [PILImage.new("P", size, index % 2) for index in range(count)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=50)
    return out.getvalue()


def submit(name, content, **data):
    form = ImageForm(
        data={**DESCRIPTION, **data},
        files={"file": SimpleUploadedFile(name, content, content_type="image/jpeg")},
    )
    return form


def only_error(form):
    assert not form.is_valid()
    return " ".join(form.errors["file"])


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
  <script>alert(document.cookie)</script><rect width="100" height="100"/>
</svg>"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("coupee.jpg", jpeg_bytes()[:1500], "incomplète ou endommagée"),
        ("notes.jpg", b"Simple fichier texte.\n" * 20, "JPEG, PNG, WebP et GIF"),
        ("bombe.png", png_declaring(20_000, 20_000), "trop grande"),
        ("animation.gif", gif_with_frames(50), "animation"),
        ("logo.svg", SVG, "SVG"),
        ("logo.jpg", SVG, "SVG"),
        ("page.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "JPEG, PNG"),
        ("vide.jpg", b"", "vide"),
    ],
    ids=["truncated", "text-named-jpg", "png-20000x20000", "many-frame-gif", "svg", "svg-as-jpg",
         "html-as-png", "empty"],
)  # fmt: skip
def test_bad_files_get_a_french_form_error_and_nothing_is_saved(
    db, media_root, name, content, message
):
    form = submit(name, content)
    assert message in only_error(form)
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_decompression_bomb_is_refused_from_its_header_without_decoding(db):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    form = submit("bombe.png", png_declaring(20_000, 20_000))
    assert "trop grande" in only_error(form)
    # Decoding 20 000 × 20 000 RGB pixels would take 1.2 GB.
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 150 * 1024


def test_pixel_cap_between_pillow_warning_and_error_is_refused_too(db):
    # 7000 × 7000 = 49 Mpx: above the 40 Mpx cap, below Pillow's own hard limit.
    assert "trop grande" in only_error(submit("grande.png", png_declaring(7000, 7000)))


def test_pixel_cap_counts_every_frame(db, settings):
    settings.IMAGE_MAX_PIXELS = 3_000_000
    assert "animation" in only_error(submit("anim.gif", gif_with_frames(4)))
    assert submit("anim.gif", gif_with_frames(2)).is_valid()


def gif_of_tiny_frames(count):
    """A 1×1 GIF of ``count`` frames: tiny pixels, but endless to walk."""
    header = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    frame = (b"\x21\xf9\x04\x00\x00\x00\x00\x00" + b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
             + b"\x02\x02\x44\x01\x00")  # fmt: skip
    return header + frame * count + b"\x3b"


def test_frame_count_is_capped_without_walking_the_whole_file(db):
    import time

    started = time.monotonic()
    error = only_error(submit("spam.gif", gif_of_tiny_frames(400_000)))
    assert "trop d'images" in error
    assert time.monotonic() - started < 5
    assert submit("ok.gif", gif_of_tiny_frames(20)).is_valid()


def test_size_cap_is_checked_first(db, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    error = only_error(submit("photo.jpg", jpeg_bytes()))
    assert "la limite est de" in error


def test_formats_other_than_the_four_are_refused(db):
    out = io.BytesIO()
    PILImage.new("RGB", (50, 50)).save(out, "BMP")
    assert "JPEG, PNG, WebP et GIF" in only_error(submit("photo.jpg", out.getvalue()))


def test_uploaded_path_is_never_used(db, media_root):
    form = submit("../../../etc/passwd.jpg", jpeg_bytes())
    assert form.is_valid(), form.errors
    image = form.save()
    assert image.file.name.startswith("images/originals/")
    stem = Path(image.file.name).stem
    assert len(stem) == 32 and "passwd" not in image.file.name
    assert image.file.name.endswith(".jpg")
    assert all(path.startswith("images/") for path in stored_files(media_root))
    assert (Path(media_root) / image.file.name).is_file()


def test_format_comes_from_content_not_name(db):
    out = io.BytesIO()
    PILImage.new("RGBA", (40, 30), (255, 0, 0, 128)).save(out, "PNG")
    image = submit("photo.jpg", out.getvalue()).save()
    assert image.file.name.endswith(".png")
    with PILImage.open(image.file.path) as stored:
        assert stored.format == "PNG" and stored.mode == "RGBA"


def exif_with_gps(orientation=1):
    exif = PILImage.Exif()
    exif[0x010F] = "Appareil Espion"  # Make
    exif[0x0110] = "Modèle X"  # Model
    exif[0x0112] = orientation
    gps = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    exif[0x8825] = gps
    return exif


def assert_no_metadata(path):
    data = Path(path).read_bytes()
    with PILImage.open(path) as stored:
        assert not stored.getexif(), path
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Description"):
            assert key not in stored.info, (path, key)
    assert b"Exif" not in data and b"Espion" not in data and b"secret" not in data


def test_exif_gps_xmp_icc_and_comments_are_stripped_from_original_and_renditions(db, media_root):
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo = jpeg_bytes(
        (1400, 900),
        exif=exif_with_gps(),
        icc_profile=icc,
        comment=b"secret comment",
        xmp=b"<x:xmpmeta>secret location</x:xmpmeta>",
    )
    with PILImage.open(io.BytesIO(photo)) as original:  # the test file does carry all that
        assert original.getexif().get_ifd(0x8825)
        assert "icc_profile" in original.info and "comment" in original.info

    submit("IMG_0001.jpg", photo).save()
    files = stored_files(media_root)
    renditions = [f for f in files if f.startswith("images/renditions/")]
    assert len(renditions) >= 10
    for name in files:
        assert_no_metadata(Path(media_root) / name)


def test_png_text_and_exif_chunks_are_stripped(db, media_root):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "secret")
    out = io.BytesIO()
    PILImage.new("RGB", (400, 300), "navy").save(out, "PNG", pnginfo=info, exif=exif_with_gps())
    submit("carte.png", out.getvalue()).save()
    for name in stored_files(media_root):
        assert_no_metadata(Path(media_root) / name)


def test_exif_orientation_is_applied(db, media_root):
    # Stored sideways by the camera: left half red, right half blue, "rotate 90° CW" tag.
    raw = PILImage.new("RGB", (300, 200), "red")
    raw.paste((0, 0, 255), (150, 0, 300, 200))
    out = io.BytesIO()
    raw.save(out, "JPEG", exif=exif_with_gps(orientation=6), quality=95)

    image = submit("portrait.jpg", out.getvalue()).save()
    assert (image.width, image.height) == (200, 300)
    with PILImage.open(image.file.path) as stored:
        assert stored.size == (200, 300)
        top, bottom = stored.getpixel((100, 20)), stored.getpixel((100, 280))
    assert top[0] > 200 and top[2] < 60  # red on top
    assert bottom[2] > 200 and bottom[0] < 60  # blue below


def test_huge_originals_are_stored_at_a_web_size(db):
    image = submit("panorama.jpg", jpeg_bytes((4400, 1100))).save()
    assert (image.width, image.height) == (4000, 1000)


def test_unchecked_files_are_checked_on_save_too(db, media_root):
    image = Image(file=SimpleUploadedFile("x.jpg", b"pas une image"), **DESCRIPTION)
    with pytest.raises(ValidationError):
        image.save()
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_file_is_removed_when_the_row_is_not_saved(db, media_root):
    from django.db import IntegrityError

    # No alt text and not decorative: the database refuses the row.
    image = Image(file=SimpleUploadedFile("x.jpg", jpeg_bytes()), credit="AFP")
    with pytest.raises(IntegrityError):
        image.save()
    assert Image.objects.count() == 0
    assert [f for f in stored_files(media_root) if "originals" in f] == []


def test_admin_upload_sets_uploader_and_survives_bad_input(admin_client, media_root):
    response = admin_client.post(
        "/admin/images/image/add/",
        {**DESCRIPTION, "file": SimpleUploadedFile("bombe.png", png_declaring(20_000, 20_000))},
    )
    assert response.status_code == 200
    assert "trop grande" in response.content.decode()
    assert Image.objects.count() == 0

    response = admin_client.post(
        "/admin/images/image/add/",
        {**DESCRIPTION, "file": SimpleUploadedFile("photo.jpg", jpeg_bytes())},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploader.username == "admin"
    assert (image.width, image.height) == (640, 480)
