"""Author photos uploaded before they became library images (authors 0002-0004).

The migration runs each stored photo through the library's safe path: a phone photo
becomes a library image without its GPS position or serial number, EPS and TIFF files
are dropped, and the uploaded files, still public under /media/auteurs/, are deleted.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from tests.security.hostile_files import SERIAL, phone_photo, pillow_file

BEFORE = ("authors", "0002_author_library_photo")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# Migrations run outside a test transaction; serialized_rollback puts back what the
# flush afterwards would remove (the roles, groups created by migrations).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def before_the_move(media_root):
    apps = migrate([BEFORE])
    yield apps
    migrate(latest())  # leave the database as every other test expects it


def test_uploaded_photos_become_clean_library_images(before_the_move, media_root):
    Author = before_the_move.get_model("authors", "Author")
    phone = Author.objects.create(
        name="Jeanne Martin", slug="jeanne-martin",
        photo=ContentFile(phone_photo(), name="IMG_0042.JPG"),
    )  # fmt: skip
    eps = Author.objects.create(
        name="Paul Petit", slug="paul-petit", photo=ContentFile(pillow_file("EPS"), name="p.jpg")
    )
    tiff = Author.objects.create(
        name="Léa Roux", slug="lea-roux", photo=ContentFile(pillow_file("TIFF"), name="l.png")
    )
    gone = Author.objects.create(name="Marc Blanc", slug="marc-blanc", photo="auteurs/perdu.jpg")
    none = Author.objects.create(name="Anne Noir", slug="anne-noir")
    uploaded = [media_root / a.photo.name for a in (phone, eps, tiff)]
    assert all(path.exists() for path in uploaded)

    apps = migrate(latest())
    Author = apps.get_model("authors", "Author")
    photos = dict(Author.objects.values_list("slug", "photo"))
    assert photos["paul-petit"] is photos["lea-roux"] is photos["marc-blanc"] is None
    assert photos["anne-noir"] is None
    image = apps.get_model("images", "Image").objects.get()
    assert photos["jeanne-martin"] == image.pk
    assert image.alt_text == "Portrait de Jeanne Martin" and image.credit
    assert (image.width, image.height) == (200, 300)  # turned upright
    assert image.file.name.startswith("images/originals/")
    # The uploaded files are gone; what is stored carries no metadata.
    assert not any(path.exists() for path in uploaded)
    assert not (media_root / "auteurs").exists() or not any((media_root / "auteurs").iterdir())
    stored = [p for p in media_root.rglob("*") if p.is_file()]
    assert len(stored) > 1  # original and renditions
    for path in stored:
        assert SERIAL.encode() not in path.read_bytes()
        with PILImage.open(path) as img:
            assert not img.getexif() and "exif" not in img.info, path
    assert none.pk and gone.pk


def test_migrating_back_restores_an_uploaded_photo_from_the_clean_file(before_the_move, media_root):
    Author = before_the_move.get_model("authors", "Author")
    Author.objects.create(
        name="Jeanne Martin", slug="jeanne-martin",
        photo=ContentFile(phone_photo(), name="IMG_0042.JPG"),
    )  # fmt: skip
    migrate(latest())
    apps = migrate([BEFORE])
    author = apps.get_model("authors", "Author").objects.get()
    assert author.photo.name.startswith("auteurs/") and author.library_photo_id
    with author.photo.open("rb") as f:
        data = f.read()
    assert SERIAL.encode() not in data
    assert PILImage.open(io.BytesIO(data)).size == (200, 300)
