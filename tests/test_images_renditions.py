"""Responsive renditions: made once on save, named (never made) by the page."""

import io
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.template import Context, Template
from imagekit.cachefiles import ImageCacheFile
from PIL import Image as PILImage

from images.forms import ImageForm
from images.models import Image
from images.renditions import CARD_WIDTHS, WIDTHS

CREDIT = "Jeanne Martin / Agence Santé Presse"


# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def rendition_files(root):
    return sorted(Path(root).glob("images/renditions/*/*"))


def photo(size=(1600, 1000), dot=None):
    """A JPEG; ``dot`` puts a red disc at those (0..1) coordinates."""
    img = PILImage.new("RGB", size, (30, 90, 120))
    if dot:
        from PIL import ImageDraw

        x, y = round(dot[0] * size[0]), round(dot[1] * size[1])
        ImageDraw.Draw(img).ellipse((x - 60, y - 60, x + 60, y + 60), fill=(255, 0, 0))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=92)
    return ContentFile(out.getvalue(), name="photo.jpg")


def make_image(size=(1600, 1000), **fields):
    fields.setdefault("alt_text", "Le ministre de la Santé à l'Assemblée")
    fields.setdefault("credit", CREDIT)
    image = Image(file=photo(size, fields.pop("dot", None)), **fields)
    image.save()
    return image


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def srcset_widths(srcset):
    return [int(w) for w in re.findall(r" (\d+)w", srcset)]


def attr(html, tag, name):
    match = re.search(rf"<{tag}\b[^>]*\b{name}=\"([^\"]*)\"", html)
    return match.group(1) if match else None


def test_picture_has_webp_then_jpeg_at_several_widths_with_dimensions(db):
    image = make_image()
    html = render("{% picture image %}", image=image)

    assert html.startswith("<picture")
    assert attr(html, "source", "type") == "image/webp"
    webp = attr(html, "source", "srcset")
    jpeg = attr(html, "img", "srcset")
    expected = [w for w in WIDTHS if w <= 1600]
    assert srcset_widths(webp) == expected == srcset_widths(jpeg)
    assert all(url.endswith(".webp") for url in re.findall(r"(\S+) \d+w", webp))
    assert all(url.endswith(".jpg") for url in re.findall(r"(\S+) \d+w", jpeg))
    assert attr(html, "img", "src").endswith(".jpg")
    assert attr(html, "img", "sizes") and attr(html, "source", "sizes")
    # Explicit dimensions with the image's ratio: no layout shift.
    assert (attr(html, "img", "width"), attr(html, "img", "height")) == ("960", "600")
    assert attr(html, "img", "loading") == "lazy"
    assert attr(html, "img", "decoding") == "async"
    assert attr(html, "img", "alt") == "Le ministre de la Santé à l&#x27;Assemblée"


def test_every_url_in_the_markup_is_a_stored_file(db, media_root):
    image = make_image()
    html = render("{% picture image %}{% picture image variant='card' %}", image=image)
    urls = set(re.findall(r"(/media/\S+\.(?:webp|jpg))", html))
    assert len(urls) == 2 * (len(WIDTHS) - 1 + len(CARD_WIDTHS))
    for url in urls:
        stored = Path(media_root) / url.removeprefix("/media/")
        with PILImage.open(stored) as rendition:
            width = int(re.search(r"-(\d+)w-", url).group(1))
            assert rendition.width == width
            assert rendition.format == ("WEBP" if url.endswith(".webp") else "JPEG")


def test_hero_is_eager_with_high_priority(db):
    html = render("{% picture image eager=True %}", image=make_image())
    assert attr(html, "img", "loading") == "eager"
    assert attr(html, "img", "fetchpriority") == "high"


def test_small_images_are_never_upscaled(db):
    html = render("{% picture image %}", image=make_image(size=(200, 150)))
    assert srcset_widths(attr(html, "img", "srcset")) == [200]
    assert (attr(html, "img", "width"), attr(html, "img", "height")) == ("200", "150")


def test_card_variant_is_a_3_2_crop_around_the_focal_point(db, media_root):
    left = make_image(size=(2000, 1000), dot=(0.05, 0.5), focal_x=0.05, focal_y=0.5)
    html = render("{% picture image variant='card' %}", image=left)
    assert srcset_widths(attr(html, "img", "srcset")) == list(CARD_WIDTHS)
    width, height = int(attr(html, "img", "width")), int(attr(html, "img", "height"))
    assert width * 2 == height * 3

    src = Path(media_root) / attr(html, "img", "src").removeprefix("/media/")
    with PILImage.open(src) as card:
        assert card.size[0] * 2 == card.size[1] * 3
        # 2000×1000 → a 1500×1000 crop at the left edge keeps the dot (x=100 → 64 of 960).
        assert card.getpixel((64, card.height // 2))[0] > 200

    centred = make_image(size=(2000, 1000), dot=(0.05, 0.5))  # no focal point: centre crop
    html = render("{% picture image variant='card' %}", image=centred)
    src = Path(media_root) / attr(html, "img", "src").removeprefix("/media/")
    with PILImage.open(src) as card:
        assert max(card.getpixel((x, card.height // 2))[0] for x in range(0, card.width, 8)) < 120


def test_figure_has_caption_credit_and_a_caption_override(db):
    image = make_image(caption="Séance de questions au gouvernement.")
    html = render("{% figure image %}", image=image)
    assert "<figure" in html and "Séance de questions au gouvernement." in html
    assert f"© {CREDIT}" in html
    html = render("{% figure image caption='Légende propre à cet article' %}", image=image)
    assert "Légende propre à cet article" in html and "Séance" not in html


def test_decorative_image_has_empty_alt(db):
    image = make_image(alt_text="", is_decorative=True)
    html = render("{% picture image %}", image=image)
    assert ' alt="" ' in html


def test_alt_text_is_required_unless_decorative(db):
    content = photo().read()

    def form(**data):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return ImageForm(
            data={"credit": CREDIT, **data},
            files={"file": SimpleUploadedFile("p.jpg", content)},
        )

    refused = form(alt_text="  ")
    assert not refused.is_valid()
    assert "texte alternatif" not in refused.errors.get("file", [""])[0]
    assert "Décrivez l'image" in refused.errors["alt_text"][0]
    assert form(alt_text="", is_decorative="on").is_valid()
    assert form(alt_text="Un stéthoscope posé sur un bureau").is_valid()


def test_no_image_renders_nothing(db):
    assert render("{% picture image %}{% figure image %}", image=None) == ""


def test_rendering_reads_no_database_and_writes_no_file(db, media_root, django_assert_num_queries):
    images = [make_image() for _ in range(3)]
    before = {p: p.stat().st_mtime_ns for p in rendition_files(media_root)}
    source = (
        "{% for image in images %}{% figure image %}{% picture image variant='card' %}{% endfor %}"  # noqa: E501
    )
    with (
        mock.patch.object(ImageCacheFile, "generate") as generate,
        mock.patch.object(type(default_storage._wrapped), "save") as save,
        django_assert_num_queries(0),
    ):
        first = render(source, images=images)
        second = render(source, images=images)
    assert first == second
    generate.assert_not_called()
    save.assert_not_called()
    assert {p: p.stat().st_mtime_ns for p in rendition_files(media_root)} == before


def test_a_missing_rendition_is_not_made_by_a_page_but_by_the_command(db, media_root):
    image = make_image()
    files = rendition_files(media_root)
    files[0].unlink()
    render("{% picture image %}{% picture image variant='card' %}", image=image)
    assert len(rendition_files(media_root)) == len(files) - 1

    call_command("generate_renditions", stdout=io.StringIO())
    assert len(rendition_files(media_root)) == len(files)


def test_new_focal_point_gives_new_card_renditions_and_removes_stale_ones(
    db, media_root, django_capture_on_commit_callbacks
):
    image = make_image(size=(2000, 1000))
    old = render("{% picture image variant='card' %}", image=image)
    count = len(rendition_files(media_root))
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x, image.focal_y = 0.9, 0.5
        image.save()
    new = render("{% picture image variant='card' %}", image=image)
    assert attr(new, "img", "src") != attr(old, "img", "src")
    assert len(rendition_files(media_root)) == count
    assert not (Path(media_root) / attr(old, "img", "src").removeprefix("/media/")).exists()


def test_deleting_an_image_deletes_its_files(db, media_root, django_capture_on_commit_callbacks):
    image = make_image()
    assert rendition_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert [p for p in Path(media_root).rglob("*") if p.is_file()] == []


def test_everything_goes_through_the_configured_storage(db, settings, tmp_path):
    """As with django-storages (S3): no local path is assumed anywhere."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.InMemoryStorage",
            "OPTIONS": {"base_url": "https://cdn.example.test/media/"},
        },
    }
    image = make_image()
    html = render("{% figure image %}", image=image)
    assert attr(html, "img", "src").startswith("https://cdn.example.test/media/images/renditions/")
    assert default_storage.exists(image.file.name)
    _dirs, files = default_storage.listdir(f"images/renditions/{Path(image.file.name).stem}")
    assert len(files) == 2 * (len(WIDTHS) - 1 + len(CARD_WIDTHS))
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
