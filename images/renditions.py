"""Responsive renditions, made by django-imagekit and stored through Django's storage.

Two variants of every library image, each in WebP and JPEG:

- ``default``: the whole picture at several widths (``WIDTHS``, never upscaled);
- ``card``: a 3:2 crop centred on the focal point (``CARD_WIDTHS``) for lists.

Renditions are generated once, when the image is saved (``generate_renditions``), or
by ``manage.py generate_renditions`` for older images. Pages only *name* them:
``picture_data`` computes file names and URLs (no storage read, no generation),
using imagekit's *Optimistic* strategy, which assumes files generated on save exist.
A file name holds a hash of its source name, processors and options, so a new focal
point or new settings give new names, never a stale cached file.
"""

import contextlib
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import File
from imagekit.cachefiles import ImageCacheFile
from imagekit.specs import ImageSpec
from imagekit.utils import process_image
from PIL import Image as PILImage
from pilkit.processors import Resize

WIDTHS = (320, 640, 960, 1280, 1920)
CARD_WIDTHS = (320, 640, 960)
CARD_RATIO = (3, 2)
# The plain <img> (browsers without srcset support) takes the widest one up to this.
FALLBACK_WIDTH = 960
RENDITIONS_DIR = "images/renditions"

# (imagekit format, MIME type, extension, encoder options); WebP first in <picture>.
FORMATS = (
    ("WEBP", "image/webp", "webp", {"quality": 80, "method": 4}),
    ("JPEG", "image/jpeg", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
)
VARIANTS = ("default", "card")


class CropBox:
    """Crop to a box computed beforehand (see ``card_box``)."""

    def __init__(self, left, top, right, bottom):
        self.left, self.top, self.right, self.bottom = left, top, right, bottom

    def process(self, img):
        return img.crop((self.left, self.top, self.right, self.bottom))


class Downscale(Resize):
    """pilkit's exact Resize, with Pillow's reducing gap: a cheap integer reduction
    first, then Lanczos (visually the same, several times faster on big originals)."""

    def process(self, img):
        return img.resize((self.width, self.height), self.LANCZOS, reducing_gap=3.0)


class StripMetadata:
    """Drop whatever metadata the image still carries (the source has none already)."""

    def process(self, img):
        img.info = {}
        return img


# Rendition names by (source name, spec parameters): a name is a pure function of them.
_NAMES = {}
_NAMES_MAX = 20_000


class RenditionSpec(ImageSpec):
    """One rendition: optional crop, exact resize, format."""

    cachefile_strategy = "imagekit.cachefiles.strategies.Optimistic"

    def __init__(self, source, *, variant, width, height, format, options, box=None):
        self.variant, self.width, self.height = variant, width, height
        self.format, self.options = format, options
        self.processors = [
            *([CropBox(*box)] if box else []),
            Downscale(width, height),
            StripMetadata(),
        ]
        self.decoded = None
        # Everything get_hash() depends on besides the source's name (processors come
        # from box and size): names are memoised per process on it (see cachefile_name).
        self._name_key = (variant, width, height, format, repr(options), box)
        super().__init__(source)

    @property
    def cachefile_name(self):
        # get_hash() pickles and hashes the spec (~1 ms): pages naming dozens of
        # renditions of the same few images spent more time there than in SQL.
        key = (self.source.name, *self._name_key)
        name = _NAMES.get(key)
        if name is None:
            if len(_NAMES) >= _NAMES_MAX:
                _NAMES.clear()
            stem = PurePosixPath(self.source.name).stem
            extension = "webp" if self.format == "WEBP" else "jpg"
            file_name = f"{self.variant}-{self.width}w-{self.get_hash()[:12]}.{extension}"
            name = _NAMES[key] = f"{RENDITIONS_DIR}/{stem}/{file_name}"
        return name

    def generate(self):
        # Reuse one decoded original for all renditions of an image, when given.
        if self.decoded is None:
            return super().generate()
        return process_image(
            self.decoded.copy(),
            processors=self.processors,
            format=self.format,
            autoconvert=self.autoconvert,
            options=self.options,
        )


@dataclass(frozen=True)
class Rendition:
    variant: str
    width: int
    height: int
    mime: str
    spec: RenditionSpec

    @property
    def file(self):
        return ImageCacheFile(self.spec)

    @property
    def name(self):
        return self.spec.cachefile_name

    @property
    def url(self):
        # Optimistic strategy: no existence check, no generation.
        return self.file.url


def scaled_height(width, height, new_width):
    return max(1, round(height * new_width / width))


def default_widths(width):
    return [w for w in WIDTHS if w <= width] or [width]


def card_box(width, height, focal_x=None, focal_y=None):
    """Largest 3:2 box inside the image, centred on the focal point as far as possible."""
    rw, rh = CARD_RATIO
    if width * rh > height * rw:  # wider than 3:2: full height
        box_w, box_h = max(1, round(height * rw / rh)), height
    else:
        box_w, box_h = width, max(1, round(width * rh / rw))
    fx = 0.5 if focal_x is None else focal_x
    fy = 0.5 if focal_y is None else focal_y
    left = min(max(round(fx * width - box_w / 2), 0), width - box_w)
    top = min(max(round(fy * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def card_widths(box_width):
    return [w for w in CARD_WIDTHS if w <= box_width] or [box_width]


def plan(source, width, height, focal_x=None, focal_y=None, variants=VARIANTS):
    """Every rendition of an original, by variant: {variant: [Rendition, ...]}.

    ``source`` only needs a ``name`` (the stored original's), which is what names are
    derived from: no file is opened here.
    """
    result = {}
    if not (source and width and height):
        return {variant: [] for variant in variants}
    for variant in variants:
        if variant == "card":
            box = card_box(width, height, focal_x, focal_y)
            box_w, box_h = box[2] - box[0], box[3] - box[1]
            sizes = [(w, scaled_height(box_w, box_h, w)) for w in card_widths(box_w)]
        else:
            box = None
            sizes = [(w, scaled_height(width, height, w)) for w in default_widths(width)]
        result[variant] = [
            Rendition(
                variant, w, h, mime,
                RenditionSpec(source, variant=variant, width=w, height=h, format=fmt,
                              options=options, box=box),
            )
            for fmt, mime, _ext, options in FORMATS
            for w, h in sizes
        ]  # fmt: skip
    return result


def renditions_of(image, variants=VARIANTS):
    return plan(image.file, image.width, image.height, image.focal_x, image.focal_y, variants)


def share_rendition(image, max_width=1280):
    """The JPEG rendition to hand to feeds and social networks (og:image, enclosures)."""
    jpegs = [r for r in renditions_of(image, ("default",))["default"] if r.mime == "image/jpeg"]
    fitting = [r for r in jpegs if r.width <= max_width]
    if fitting:
        return max(fitting, key=lambda r: r.width)
    return min(jpegs, key=lambda r: r.width, default=None)


def generate_renditions(image, *, content=None, force=False):
    """Write every missing rendition of ``image`` (all of them with ``force``).

    ``content`` (bytes of the stored original) spares a download from the storage and
    decodes the original once for all renditions. Returns the number of files written.
    """
    source, decoded = image.file, None
    if content is not None:
        source = File(None, name=image.file.name)
        decoded = PILImage.open(io.BytesIO(content))
        decoded.load()
    written = 0
    for renditions in plan(
        source, image.width, image.height, image.focal_x, image.focal_y
    ).values():
        for rendition in renditions:
            cachefile = rendition.file
            # Our own existence check rather than imagekit's cached state, which could
            # stay "generating" forever after a failed attempt.
            if force or not cachefile.storage.exists(cachefile.name):
                rendition.spec.decoded = decoded
                cachefile.generate(force=True)
                written += 1
    return written


def rendition_names(name, width, height, focal_x=None, focal_y=None, variants=VARIANTS):
    """Names of the renditions an original of that name and geometry has."""
    planned = plan(File(None, name=name), width, height, focal_x, focal_y, variants)
    return [rendition.name for renditions in planned.values() for rendition in renditions]


def delete_files(storage, names):
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)


def delete_all_renditions(storage, original_name):
    """Remove the folder of renditions of one original (works on S3 too)."""
    folder = f"{RENDITIONS_DIR}/{PurePosixPath(original_name).stem}"
    try:
        _dirs, files = storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    delete_files(storage, [f"{folder}/{name}" for name in files])


def prune_renditions(image):
    """Delete the files of the image's rendition folder that its plan no longer names."""
    storage = image.file.storage
    folder = f"{RENDITIONS_DIR}/{PurePosixPath(image.file.name).stem}"
    try:
        _dirs, files = storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return 0
    current = set(
        rendition_names(image.file.name, image.width, image.height, image.focal_x, image.focal_y)
    )
    stale = [f"{folder}/{name}" for name in files if f"{folder}/{name}" not in current]
    delete_files(storage, stale)
    return len(stale)
