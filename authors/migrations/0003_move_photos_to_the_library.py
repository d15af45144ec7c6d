"""Uploaded author photos become library images, through the library's safe upload path.

Hand-written data migration. Each photo is checked and re-encoded by images.validation
(format read from the content, size and pixel caps, orientation applied, every piece of
metadata, GPS and serial numbers included, dropped), stored as a library image with its
renditions; the uploaded file, which still carries its metadata and stays reachable
under /media/auteurs/, is deleted once the migration is committed. A file the library
refuses (EPS, TIFF, PSD, FITS…) or a missing one is dropped: the author shows no photo
until an editor picks one. Its own schema changes are in 0002 and 0004: PostgreSQL
refuses to alter a table with row updates pending in the same transaction.
"""

import contextlib
import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import migrations, transaction

from images.renditions import generate_renditions
from images.validation import process_upload

logger = logging.getLogger(__name__)

# The uploaded photos had no credit: editors see this one in the library and fix it.
CREDIT = "Crédit à préciser"


def library_image(Image, using, photo, author_name):
    """The cleaned library image of an uploaded photo, or None if the library refuses it."""
    try:
        with photo.open("rb"):
            clean = process_upload(photo)
    except (ValidationError, OSError) as error:
        logger.warning("Photo of author %r dropped: %s", author_name, error)
        return None
    image = Image(
        file=clean,
        width=clean.width,
        height=clean.height,
        alt_text=f"Portrait de {author_name}"[:300],
        credit=CREDIT,
    )
    image.save(using=using)
    try:
        generate_renditions(image, content=clean.data)
    except Exception:
        # The row is saved; `manage.py generate_renditions` makes what is missing.
        logger.exception("Renditions of image %s could not be generated", image.pk)
    return image


def move_photos(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    Image = apps.get_model("images", "Image")
    using = schema_editor.connection.alias
    uploaded = []
    for author in Author.objects.using(using).exclude(photo="").order_by("pk"):
        photo = author.photo
        uploaded.append((photo.storage, photo.name))
        image = library_image(Image, using, photo, author.name)
        Author.objects.using(using).filter(pk=author.pk).update(photo="", library_photo=image)

    def delete_uploaded():
        for storage, name in uploaded:
            with contextlib.suppress(OSError):
                storage.delete(name)

    transaction.on_commit(delete_uploaded, using=using)


def copy_photos_back(apps, schema_editor):
    """Backwards: the cleaned library file, copied to where uploaded photos lived."""
    Author = apps.get_model("authors", "Author")
    using = schema_editor.connection.alias
    for author in Author.objects.using(using).filter(library_photo__isnull=False):
        source = author.library_photo.file
        try:
            with source.open("rb"):
                content = source.read()
        except OSError:
            continue
        extension = source.name.rsplit(".", 1)[-1]
        author.photo.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
        Author.objects.using(using).filter(pk=author.pk).update(photo=author.photo.name)


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0002_author_library_photo"),
        ("images", "0003_upgrade_body_figures"),
    ]

    operations = [migrations.RunPython(move_photos, copy_photos_back)]
