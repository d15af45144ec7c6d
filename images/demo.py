"""Demo illustrations drawn with Pillow: abstract, without text, one look per seed.

No download, same seed → same picture. A seed picks one of ``len(COMPOSITIONS) *
len(PALETTES)`` styles (composition × palette), each used once by the first seeds, so
a demo that gives every article its own seed shows no picture, nor style, twice.
"""

import io
import math
import random

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageColor, ImageDraw, ImageOps

# 3:2 like the cards: their crop keeps the whole picture. 960 px wide gives the same
# renditions as 1200 (the widest, 960, serves the 42rem hero and the cards) for a
# third less work: each picture's renditions cost more than drawing it.
DEMO_SIZE = (960, 640)
DEMO_CREDIT = "Illustration : rédaction Santé Politique"
# Drawn at twice the size then halved: Pillow's shapes have no anti-aliasing.
SUPERSAMPLE = 2

# (French description for the alt text, background from → to, accents): calm colours.
PALETTES = [
    ("bleu nuit et turquoise", ("#0b2545", "#134074"), ("#1fb5ac", "#8ecae6", "#eef4ed")),
    ("vert d'eau et bleu marine", ("#d8f3ee", "#a8dadc"), ("#1d3557", "#457b9d", "#2a9d8f")),
    ("corail et bleu ardoise", ("#2b3a55", "#3f5277"), ("#ff7f6e", "#ffd6c9", "#9fb4d9")),
    ("vert sapin et ocre", ("#1b4332", "#2d6a4f"), ("#e9c46a", "#f4a261", "#b7e4c7")),
    ("lilas et prune", ("#f3eaf7", "#dcc6e8"), ("#5a2a5f", "#9b5fa8", "#e07a9b")),
    ("bleu clair et blanc", ("#e3f2fd", "#bbdefb"), ("#1565c0", "#42a5f5", "#ffffff")),
    ("sable et terre cuite", ("#f6ead8", "#ecd3b4"), ("#c2573a", "#7a4b3a", "#e9a06b")),
    ("vert menthe et gris anthracite", ("#263238", "#37474f"), ("#69f0ae", "#b9f6ca", "#90a4ae")),
    ("bleu pétrole et orange", ("#073b4c", "#0a5a70"), ("#ff9f1c", "#ffbf69", "#cbf3f0")),
    ("jaune doux et bleu", ("#fff6d5", "#ffe8a3"), ("#26547c", "#3c91e6", "#ef8354")),
    ("rose poudré et bordeaux", ("#fbe4e4", "#f5c6c6"), ("#7b1e3a", "#c44569", "#f78fb3")),
    ("gris perle et vert", ("#eceff1", "#cfd8dc"), ("#2e7d32", "#66bb6a", "#455a64")),
]


def _rgb(colour, alpha=255):
    return (*ImageColor.getrgb(colour)[:3], alpha)


# ---------------------------------------------------------------- compositions
# Each draws on ``draw`` (RGBA fills blended onto the picture) of size w × h, with its
# most visible element at (fx, fy), the focal point that crops keep.


def _circles(draw, rng, w, h, accents, fx, fy):
    for _ in range(rng.randint(9, 15)):
        r = rng.uniform(0.06, 0.4) * h
        x, y = rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h
        draw.ellipse(
            (x - r, y - r, x + r, y + r), fill=_rgb(rng.choice(accents), rng.randint(50, 140))
        )
    r = rng.uniform(0.16, 0.24) * h
    draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=_rgb(accents[0], 225))
    ring = r * 1.35
    draw.ellipse((fx - ring, fy - ring, fx + ring, fy + ring), outline=_rgb(accents[2], 200),
                 width=max(2, int(h / 160)))  # fmt: skip


def _data_lines(draw, rng, w, h, accents, fx, fy):
    for i in range(1, 8):  # a faint chart grid
        draw.line((0, i * h / 8, w, i * h / 8), fill=_rgb(accents[2], 45), width=max(1, h // 400))
    for index in range(rng.randint(3, 4)):
        phase, freq = rng.uniform(0, 6.3), rng.uniform(1.2, 3.2)
        base, amp = rng.uniform(0.3, 0.75) * h, rng.uniform(0.06, 0.18) * h
        points = [
            (
                x * w / 60,
                base + amp * (math.sin(phase + freq * x / 10) + 0.4 * math.sin(freq * x / 4)),
            )
            for x in range(61)
        ]
        colour = accents[index % len(accents)]
        if index == 0:  # an area under the first curve
            draw.polygon([*points, (w, h), (0, h)], fill=_rgb(colour, 70))
        draw.line(points, fill=_rgb(colour, 220), width=max(3, h // 130), joint="curve")
        for x, y in points[:: rng.choice((6, 10, 12))]:
            r = h / 110
            draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(colour, 255))
    for factor, alpha in ((0.09, 60), (0.05, 255)):  # the highlighted point
        r = factor * h
        draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=_rgb(accents[1], alpha))


def _tiles(draw, rng, w, h, accents, fx, fy):
    cols = rng.choice((6, 8, 9))
    size = w / cols
    colours = [*accents, None]
    for row in range(math.ceil(h / size)):
        for col in range(cols):
            x, y = col * size, row * size
            box = (x, y, x + size, y + size)
            focal = x <= fx < x + size and y <= fy < y + size
            colour = accents[0] if focal else rng.choice(colours)
            if colour is None:
                continue
            fill = _rgb(colour, 255 if focal else rng.randint(90, 230))
            shape = (
                "circle" if focal else rng.choice(("square", "circle", "quarter", "half", "tri"))
            )
            inset = size * 0.08
            if shape == "square":
                draw.rectangle(box, fill=fill)
            elif shape == "circle":
                draw.ellipse((x + inset, y + inset, x + size - inset, y + size - inset), fill=fill)
            elif shape == "quarter":
                # A quarter disc from one corner: (corner, angles that stay in the tile).
                (cx, cy), start = rng.choice(
                    (
                        ((x, y), 0),
                        ((x + size, y), 90),
                        ((x + size, y + size), 180),
                        ((x, y + size), 270),
                    )
                )
                draw.pieslice(
                    (cx - size, cy - size, cx + size, cy + size), start, start + 90, fill=fill
                )
            elif shape == "half":
                start = rng.choice((0, 90, 180, 270))
                draw.pieslice((x, y, x + size, y + size), start, start + 180, fill=fill)
            else:
                corners = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
                corners.pop(rng.randrange(4))
                draw.polygon(corners, fill=fill)


def _waves(draw, rng, w, h, accents, fx, fy):
    r = rng.uniform(0.12, 0.2) * h  # a sun, behind the waves
    draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=_rgb(accents[2], 235))
    layers = rng.randint(4, 6)
    for index in range(layers):
        base = h * (0.45 + 0.5 * index / layers)
        amp, freq, phase = rng.uniform(0.03, 0.08) * h, rng.uniform(1.5, 4), rng.uniform(0, 6.3)
        points = [(x * w / 48, base + amp * math.sin(phase + freq * x / 7.6)) for x in range(49)]
        colour = accents[index % 2]
        draw.polygon([*points, (w, h), (0, h)], fill=_rgb(colour, 110 + index * 20))


def _shapes(draw, rng, w, h, accents, fx, fy):
    for _ in range(rng.randint(5, 8)):
        colour = _rgb(rng.choice(accents), rng.randint(80, 200))
        x, y, s = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.15, 0.45) * h
        kind = rng.randrange(3)
        if kind == 0:  # a tilted square
            a = rng.uniform(0, math.pi / 2)
            turns = [a + k * math.pi / 2 for k in range(4)]
            draw.polygon([(x + s * math.cos(t), y + s * math.sin(t)) for t in turns], fill=colour)
        elif kind == 1:
            draw.polygon([(x, y - s), (x + s, y + s * 0.7), (x - s, y + s * 0.7)], fill=colour)
        else:
            draw.rounded_rectangle((x - s, y - s / 3, x + s, y + s / 3), radius=s / 3, fill=colour)
    r = rng.uniform(0.14, 0.2) * h
    draw.pieslice((fx - r, fy - r, fx + r, fy + r), 180, 360, fill=_rgb(accents[0], 240))
    draw.pieslice((fx - r, fy - r, fx + r, fy + r), 0, 180, fill=_rgb(accents[1], 240))


def _network(draw, rng, w, h, accents, fx, fy):
    nodes = [(rng.uniform(0, w), rng.uniform(0, h)) for _ in range(rng.randint(26, 38))]
    nodes.append((fx, fy))
    for x, y in nodes:  # each node to its nearest neighbours
        near = sorted(nodes, key=lambda n: (n[0] - x) ** 2 + (n[1] - y) ** 2)[1:3]
        for nx, ny in near:
            draw.line((x, y, nx, ny), fill=_rgb(accents[2], 110), width=max(2, h // 300))
    for x, y in nodes[:-1]:
        r = rng.uniform(0.008, 0.022) * h
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(rng.choice(accents[:2]), 230))
    for factor, alpha in ((0.16, 50), (0.1, 90), (0.05, 255)):
        r = factor * h
        draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=_rgb(accents[0], alpha))


def _bars(draw, rng, w, h, accents, fx, fy):
    count = rng.randint(10, 16)
    step = w / count
    level, tops = rng.uniform(0.3, 0.6), []
    focal_bar = min(count - 1, int(fx / step))
    for index in range(count):
        level = min(0.85, max(0.15, level + rng.uniform(-0.12, 0.14)))
        top = fy if index == focal_bar else h * (1 - level)
        x = index * step + step * 0.18
        colour = _rgb(accents[0], 245) if index == focal_bar else _rgb(accents[1], 150)
        draw.rounded_rectangle((x, top, x + step * 0.64, h + 20), radius=step * 0.2, fill=colour)
        tops.append((x + step * 0.32, top))
    draw.line(tops, fill=_rgb(accents[2], 230), width=max(3, h // 150), joint="curve")
    for x, y in tops:
        r = h / 90
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(accents[2], 255))


def _rings(draw, rng, w, h, accents, fx, fy):
    width = max(4, int(h / rng.choice((40, 60, 80))))
    for index, r in enumerate(range(int(1.3 * max(w, h)), 0, -int(width * 2.2))):
        if r < 0.06 * h:
            break
        colour = _rgb(accents[index % len(accents)], rng.randint(60, 200))
        box = (fx - r, fy - r, fx + r, fy + r)
        if rng.random() < 0.3:  # a broken ring
            start = rng.uniform(0, 360)
            draw.arc(box, start, start + rng.uniform(90, 270), fill=colour, width=width)
        else:
            draw.ellipse(box, outline=colour, width=width)
    r = 0.05 * h
    draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=_rgb(accents[0], 255))


COMPOSITIONS = [
    ("cercles superposés", _circles),
    ("courbes de données", _data_lines),
    ("mosaïque de carreaux", _tiles),
    ("vagues", _waves),
    ("formes géométriques", _shapes),
    ("réseau de points reliés", _network),
    ("histogramme stylisé", _bars),
    ("anneaux concentriques", _rings),
]
STYLES = len(COMPOSITIONS) * len(PALETTES)


def demo_style(seed):
    """(composition, palette) indexes: seeds 0 … STYLES - 1 each get their own pair, and
    consecutive seeds differ in both (neighbouring articles are often listed together)."""
    composition = seed % len(COMPOSITIONS)
    palette = (seed // len(COMPOSITIONS) % len(PALETTES) + 5 * composition) % len(PALETTES)
    return composition, palette


def demo_alt_text(seed):
    """What the picture shows, in French; unique per seed (the seed's identity in the library)."""
    composition, palette = demo_style(seed)
    text = f"Illustration abstraite : {COMPOSITIONS[composition][0]}, tons {PALETTES[palette][0]}"
    cycle = seed // STYLES
    return f"{text} (variante {cycle + 1})" if cycle else text


def demo_focal_point(seed):
    rng = random.Random(f"subject-{seed}")
    return rng.uniform(0.2, 0.8), rng.uniform(0.25, 0.6)


def _background(rng, size, colours):
    """A soft diagonal gradient between the palette's two background colours."""
    ramp = PILImage.linear_gradient("L").resize((512, 512)).rotate(rng.uniform(0, 360))
    ramp = ramp.crop((128, 128, 384, 384)).resize(size, PILImage.BILINEAR)
    return ImageOps.colorize(ramp, black=colours[0], white=colours[1])


def draw_demo_image(seed, *, size=DEMO_SIZE):
    """A JPEG (ContentFile): an abstract illustration, no text; its main element sits at
    ``demo_focal_point(seed)``, to be used as the image's focal point."""
    rng = random.Random(seed)
    composition, palette = demo_style(seed)
    _name, background, accents = PALETTES[palette]
    width, height = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    img = _background(rng, (width, height), background)
    fx, fy = demo_focal_point(seed)
    accents = list(accents)
    rng.shuffle(accents)  # which accent leads varies too
    draw = ImageDraw.Draw(img, "RGBA")
    COMPOSITIONS[composition][1](draw, rng, width, height, accents, fx * width, fy * height)
    img = img.reduce(SUPERSAMPLE)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=86, optimize=True)
    return ContentFile(out.getvalue(), name=f"demo-{seed}.jpg")


def create_demo_image(seed, *, credit=DEMO_CREDIT, caption="", uploader=None):
    """Draw, check and store a credited library image (renditions included)."""
    from images.models import Image

    focal_x, focal_y = demo_focal_point(seed)
    image = Image(
        file=draw_demo_image(seed),
        alt_text=demo_alt_text(seed),
        caption=caption,
        credit=credit,
        focal_x=round(focal_x, 3),
        focal_y=round(focal_y, 3),
        uploader=uploader,
    )
    image.full_clean(exclude=["file", "width", "height"])
    image.save()
    return image


def get_or_create_demo_image(seed, **fields):
    """Idempotent ``create_demo_image`` (keyed on credit and alt text), for seed commands
    run more than once."""
    from images.models import Image

    credit = fields.get("credit", DEMO_CREDIT)
    existing = Image.objects.filter(credit=credit, alt_text=demo_alt_text(seed))
    return existing.first() or create_demo_image(seed, **fields)
