from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Photothèque"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from PIL import Image as PILImage

        # Pillow's own decompression-bomb guard (per frame) follows our cap: above it
        # Pillow warns, above twice it refuses. Uploads treat the warning as an error
        # (images/validation.py), so no oversized image is ever decoded.
        PILImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS

        from images import signals  # noqa: F401
