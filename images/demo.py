"""Demo illustrations drawn with Pillow: no download, same seed → same picture."""

import io
import random
import textwrap

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps

DEMO_SIZE = (1600, 1000)
DEMO_CREDIT = "Illustration générée / Rédaction Santé Politique"

# Calm editorial palettes: (dark, light, accent).
PALETTES = [
    ("#0b3954", "#bfd7ea", "#ff5a5f"),
    ("#1d3557", "#a8dadc", "#e63946"),
    ("#264653", "#e9c46a", "#f4a261"),
    ("#2b2d42", "#8d99ae", "#ef233c"),
    ("#013a63", "#a9d6e5", "#f6bd60"),
    ("#3d405b", "#f2cc8f", "#81b29a"),
    ("#22577a", "#c7f9cc", "#57cc99"),
    ("#463f3a", "#e0afa0", "#bcb8b1"),
]


def _subject_position(seed):
    rng = random.Random(f"subject-{seed}")
    return rng.uniform(0.2, 0.8), rng.uniform(0.25, 0.6)


def draw_demo_image(title, seed, *, size=DEMO_SIZE):
    """A JPEG (ContentFile) with a gradient, shapes, a "subject" disc and the title.

    The subject sits at ``demo_focal_point(seed)``: use it as the focal point.
    """
    rng = random.Random(seed)
    width, height = size
    dark, light, accent = rng.choice(PALETTES)

    gradient = PILImage.linear_gradient("L").rotate(rng.choice([0, 30, 45, 90, 135]))
    gradient = gradient.resize(size)
    img = ImageOps.colorize(gradient, black=dark, white=light).convert("RGBA")

    overlay = PILImage.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(6, 11)):
        x, y = rng.randrange(-200, width), rng.randrange(-200, height)
        w, h = rng.randrange(120, 700), rng.randrange(120, 500)
        colour = PILImage.new("RGB", (1, 1), rng.choice([dark, light, accent])).getpixel((0, 0))
        fill = (*colour, rng.randrange(40, 120))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + w), fill=fill)
        else:
            draw.rounded_rectangle((x, y, x + w, y + h), radius=rng.randrange(0, 60), fill=fill)
    for _ in range(rng.randint(3, 6)):  # thin lines, like a chart
        points = [(i * width // 8, rng.randrange(height // 5, height * 3 // 4)) for i in range(9)]
        draw.line(points, fill=(255, 255, 255, 110), width=rng.randrange(3, 9), joint="curve")

    # The "subject": what a crop must keep.
    sx, sy = _subject_position(seed)
    radius = min(size) // 7
    cx, cy = round(sx * width), round(sy * height)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius),
                 fill=(*PILImage.new("RGB", (1, 1), accent).getpixel((0, 0)), 235),
                 outline=(255, 255, 255, 255), width=10)  # fmt: skip
    img = PILImage.alpha_composite(img, overlay)

    # A caption band with the title.
    band = PILImage.new("RGBA", size, (0, 0, 0, 0))
    band_draw = ImageDraw.Draw(band)
    band_top = height - 230
    band_draw.rectangle((0, band_top, width, height), fill=(0, 0, 0, 150))
    img = PILImage.alpha_composite(img, band)
    text_draw = ImageDraw.Draw(img)
    font, small, title = _fonts(title)
    lines = textwrap.wrap(title, width=48)[:2]
    for index, line in enumerate(lines):
        text_draw.text((70, band_top + 28 + index * 64), line, font=font, fill="white")
    text_draw.text((70, height - 50), "Illustration", font=small, fill=(230, 230, 230))

    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=88)
    return ContentFile(out.getvalue(), name=f"demo-{seed}.jpg")


def _fonts(title):
    """DejaVu Sans where the system has it (accents); else Pillow's font, in ASCII."""
    try:
        return (
            ImageFont.truetype("DejaVuSans-Bold.ttf", 50),
            ImageFont.truetype("DejaVuSans.ttf", 28),
            title,
        )
    except OSError:
        from unidecode import unidecode

        return ImageFont.load_default(size=54), ImageFont.load_default(size=30), unidecode(title)


def demo_focal_point(seed):
    return _subject_position(seed)


def create_demo_image(title, seed, *, credit=DEMO_CREDIT, caption="", uploader=None):
    """Draw, check and store a credited library image (renditions included)."""
    from images.models import Image

    focal_x, focal_y = demo_focal_point(seed)
    image = Image(
        file=draw_demo_image(title, seed),
        alt_text=_alt(title),
        caption=caption,
        credit=credit,
        focal_x=round(focal_x, 3),
        focal_y=round(focal_y, 3),
        uploader=uploader,
    )
    image.full_clean(exclude=["file", "width", "height"])
    image.save()
    return image


def get_or_create_demo_image(title, seed, **fields):
    """Idempotent ``create_demo_image``, for seed commands run more than once."""
    from images.models import Image

    existing = Image.objects.filter(credit=fields.get("credit", DEMO_CREDIT), alt_text=_alt(title))
    return existing.first() or create_demo_image(title, seed, **fields)


def _alt(title):
    return f"Illustration abstraite : « {title} »"[:300]
