"""Demo illustrations are drawn locally, without text, one style per seed, credited,
and seeded once."""

import io
from itertools import pairwise
from unittest import mock

import pytest
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageStat

from images.demo import (
    COMPOSITIONS,
    DEMO_CREDIT,
    PALETTES,
    STYLES,
    demo_alt_text,
    demo_style,
    draw_demo_image,
    get_or_create_demo_image,
)
from images.models import Image

# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def _open(seed):
    return PILImage.open(io.BytesIO(draw_demo_image(seed).read()))


def test_drawing_is_a_deterministic_jpeg():
    first = draw_demo_image(3).read()
    assert first == draw_demo_image(3).read() != draw_demo_image(4).read()
    with PILImage.open(io.BytesIO(first)) as img:
        # 3:2, like the cards: their crop cuts nothing.
        assert (img.format, img.size) == ("JPEG", (960, 640))


def test_no_text_is_drawn_in_any_composition():
    def no_text(*args, **kwargs):
        raise AssertionError("text drawn in a demo picture")

    with (
        mock.patch.object(ImageDraw.ImageDraw, "text", no_text),
        mock.patch.object(ImageDraw.ImageDraw, "multiline_text", no_text),
    ):
        for seed in range(len(COMPOSITIONS)):
            draw_demo_image(seed)


def test_each_seed_has_its_own_style_and_description():
    styles = [demo_style(seed) for seed in range(STYLES)]
    assert len(set(styles)) == STYLES == len(COMPOSITIONS) * len(PALETTES) >= 75
    for (composition, palette), (next_composition, next_palette) in pairwise(styles):
        assert composition != next_composition and palette != next_palette
    alts = [demo_alt_text(seed) for seed in range(2 * STYLES)]
    assert len(set(alts)) == len(alts)
    assert demo_alt_text(0).startswith("Illustration abstraite : ")


def test_pictures_of_neighbouring_seeds_look_different():
    thumbs = [_open(seed).resize((48, 32)) for seed in range(len(COMPOSITIONS) + 2)]
    for index, thumb in enumerate(thumbs):
        for other in thumbs[index + 1 :]:
            difference = ImageStat.Stat(ImageChops.difference(thumb, other)).mean
            assert sum(difference) / 3 > 12


def test_demo_images_are_credited_stored_and_created_once(db):
    image = get_or_create_demo_image(7)
    assert image.credit == DEMO_CREDIT and image.focal_x is not None
    assert image.alt_text == demo_alt_text(7)
    assert (image.width, image.height) == (960, 640)
    assert get_or_create_demo_image(7) == image
    assert Image.objects.count() == 1
