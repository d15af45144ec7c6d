"""Demo illustrations are drawn locally, credited, and seeded once."""

import io

import pytest
from PIL import Image as PILImage

from images.demo import DEMO_CREDIT, draw_demo_image, get_or_create_demo_image
from images.models import Image

# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def test_drawing_is_a_deterministic_jpeg():
    first = draw_demo_image("Le PLFSS 2026 adopté en première lecture", seed=3).read()
    again = draw_demo_image("Le PLFSS 2026 adopté en première lecture", seed=3).read()
    other = draw_demo_image("Le PLFSS 2026 adopté en première lecture", seed=4).read()
    assert first == again != other
    with PILImage.open(io.BytesIO(first)) as img:
        assert (img.format, img.size) == ("JPEG", (1600, 1000))


def test_demo_images_are_credited_stored_and_created_once(db):
    image = get_or_create_demo_image("Télémédecine : le remboursement élargi", seed=7)
    assert image.credit == DEMO_CREDIT and image.alt_text and image.focal_x is not None
    assert (image.width, image.height) == (1600, 1000)
    assert get_or_create_demo_image("Télémédecine : le remboursement élargi", seed=7) == image
    assert Image.objects.count() == 1
