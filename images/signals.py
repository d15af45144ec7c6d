"""Files go with their row: deleting an image removes its original and renditions."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from images.models import Image, delete_image_files


@receiver(post_delete, sender=Image, dispatch_uid="images_delete_files")
def delete_files_with_row(sender, instance, **kwargs):
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        # Only once the deletion is committed: a rolled-back delete keeps its files.
        transaction.on_commit(lambda: delete_image_files(storage, name))
