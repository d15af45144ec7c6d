"""Safe image uploads: check, decode within limits, re-encode without metadata.

Whatever the browser sends (name, declared type), the server decides from the
content, in this order, so that nothing large is read or decoded before it is known
to fit:

1. size of the upload against ``IMAGE_MAX_UPLOAD_BYTES`` (known before reading);
2. the header, read by Pillow restricted to JPEG, PNG, WebP and GIF: format,
   dimensions and frame count; ``width × height × frames`` against
   ``IMAGE_MAX_PIXELS`` (Pillow's own decompression-bomb guard is turned into an
   error too);
3. ``verify()`` (structure, checksums), then a full decode of the first frame:
   truncated or corrupt files fail here;
4. EXIF orientation applied, colours converted to sRGB, the picture brought down to
   ``STORED_MAX_EDGE`` if larger, every piece of metadata (EXIF, GPS, XMP, ICC,
   comments) dropped, and the pixels re-encoded.

The result is a :class:`CleanImage`, the only kind of file ``images.Image`` stores.
Animated GIF/WebP/PNG keep their first frame only; GIFs are stored as PNG.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Stored format and file extension for each accepted input format.
STORED_AS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "GIF": ("PNG", "png"),
             "WEBP": ("WEBP", "webp")}  # fmt: skip
# Stored originals are kept up to this long edge (twice the widest rendition): plenty
# for the web, and renditions stay quick to make whatever the camera.
STORED_MAX_EDGE = 4000
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 90, "method": 4},
}

# Animated images keep their first frame, but are still checked in full.
MAX_FRAMES = 1000

MESSAGES = {
    "empty": "Le fichier est vide.",
    "too_big": "Le fichier pèse {size} : la limite est de {limit} par image.",
    "svg": "Les images SVG ne sont pas acceptées (elles peuvent contenir du code). "
    "Envoyez une image JPEG, PNG, WebP ou GIF.",
    "format": "Ce fichier n'est pas une image acceptée : seuls les formats JPEG, PNG, "
    "WebP et GIF sont pris en charge (le format est lu dans le contenu, pas dans le nom).",
    "pixels": "L'image est trop grande : {pixels} pour une limite de {limit} "
    "(toutes les images d'une animation comptent).",
    "frames": "L'animation compte trop d'images (plus de {limit}) : elle est refusée.",
    "bomb": "L'image est trop grande : ses dimensions dépassent la limite de {limit}.",
    "damaged": "L'image est incomplète ou endommagée : elle ne peut pas être lue.",
}


class CleanImage(ContentFile):
    """Re-encoded image bytes, free of metadata, ready to be stored."""

    def __init__(self, content, *, width, height, format):
        stored_format, extension = STORED_AS[format]
        super().__init__(content, name=f"image.{extension}")
        self.data = content
        self.width = width
        self.height = height
        self.format = stored_format


def megabytes(n):
    return f"{n / (1024 * 1024):.1f} Mo".replace(".", ",").replace(",0 Mo", " Mo")


def megapixels(n):
    return f"{n / 1_000_000:.1f} mégapixels".replace(".", ",").replace(",0 m", " m")


def _size_of(uploaded):
    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, io.SEEK_END)
        size = uploaded.tell()
    return size


def _looks_like_svg(head):
    return b"<svg" in head.lower()


def check_upload(uploaded):
    """Steps 1-3 above. Returns the format name; raises a French ValidationError."""
    size = _size_of(uploaded)
    if not size:
        raise ValidationError(MESSAGES["empty"], code="empty")
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            MESSAGES["too_big"].format(size=megabytes(size), limit=megabytes(limit)),
            code="too_big",
        )
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(0)

    with warnings.catch_warnings():
        # Above MAX_IMAGE_PIXELS Pillow only warns: make it refuse instead.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(uploaded, formats=ACCEPTED_FORMATS) as img:
                image_format = img.format
                width, height = img.size
                _check_pixels(width * height)
                frames = _frame_count(img, width * height)
                if frames > MAX_FRAMES:
                    raise ValidationError(MESSAGES["frames"].format(limit=MAX_FRAMES), "frames")
                _check_pixels(width * height * frames)
                img.verify()
        except ValidationError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            limit = megapixels(settings.IMAGE_MAX_PIXELS)
            raise ValidationError(MESSAGES["bomb"].format(limit=limit), code="pixels") from None
        except UnidentifiedImageError:
            code = "svg" if _looks_like_svg(head) else "format"
            raise ValidationError(MESSAGES[code], code=code) from None
        except Exception:  # Pillow raises many types for broken files.
            raise ValidationError(MESSAGES["damaged"], code="damaged") from None
    return image_format


def _frame_count(img, frame_pixels):
    """Frames of an animation, counting no further than the caps allow."""
    if img.format != "GIF":
        return getattr(img, "n_frames", 1)  # read from the header (APNG, WebP)
    # A GIF has no frame count: walk the frames, but stop as soon as a cap is passed
    # (n_frames would walk a file of a million tiny frames to the end).
    limit = min(MAX_FRAMES, settings.IMAGE_MAX_PIXELS // max(frame_pixels, 1)) + 1
    count = 1
    try:
        while count < limit:
            img.seek(count)
            count += 1
    except EOFError:
        pass
    img.seek(0)
    return count


def _check_pixels(pixels):
    limit = settings.IMAGE_MAX_PIXELS
    if pixels > limit:
        raise ValidationError(
            MESSAGES["pixels"].format(pixels=megapixels(pixels), limit=megapixels(limit)),
            code="pixels",
        )


def _to_srgb(img):
    """Apply an embedded ICC profile (so colours survive its removal), then drop it."""
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK"):
        out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                img, source, ImageCms.createProfile("sRGB"), outputMode=out_mode
            )
            if converted is not None:
                img = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # A broken profile: keep the pixels as they are.
    return img


def _normalise_mode(img):
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda value: value * (1 / 256)).convert("L")
    if "transparency" in img.info or img.mode in ("P", "PA"):
        has_alpha = "transparency" in img.info or img.mode == "PA"
        img = img.convert("RGBA" if has_alpha else "RGB")
    if img.mode == "1":
        img = img.convert("L")
    if img.mode == "LA":
        img = img.convert("RGBA")
    if img.mode not in ("RGB", "RGBA", "L"):
        img = img.convert("RGB")
    return img


def clean_image(uploaded, image_format):
    """Step 4: decode the first frame, orient, strip, re-encode."""
    uploaded.seek(0)
    try:
        with PILImage.open(uploaded, formats=(image_format,)) as img:
            img.load()
            ImageOps.exif_transpose(img, in_place=True)
            img = _to_srgb(img)
            img = _normalise_mode(img)
            stored_format = STORED_AS[image_format][0]
            if stored_format == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            if max(img.size) > STORED_MAX_EDGE:
                img.thumbnail(
                    (STORED_MAX_EDGE, STORED_MAX_EDGE),
                    PILImage.Resampling.LANCZOS,
                    reducing_gap=3.0,
                )
            # Nothing of the original's metadata goes on: EXIF, GPS, XMP, ICC, comments.
            img.info = {}
            out = io.BytesIO()
            img.save(out, stored_format, **SAVE_OPTIONS[stored_format])
            width, height = img.size
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(MESSAGES["damaged"], code="damaged") from None
    return CleanImage(out.getvalue(), width=width, height=height, format=image_format)


def process_upload(uploaded):
    """Check an uploaded file and return its clean re-encoding (CleanImage)."""
    if isinstance(uploaded, CleanImage):
        return uploaded
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        image_format = check_upload(uploaded)
        return clean_image(uploaded, image_format)
