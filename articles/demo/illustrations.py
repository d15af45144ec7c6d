"""The demo's pictures: one per article, so that no page shows a picture twice.

Article ``i``'s picture is drawn with seed ``i`` (its hero image, or the figure in its
body when it has no hero); an article with both gets a second picture for the figure,
with a seed after all the articles'. ``images.demo`` gives the first seeds a style each
(composition × palette) and keys pictures on their alt text, one per seed: re-seeding
finds them instead of drawing new ones.
"""

import contextlib

from django.db.models import ProtectedError, Q

from images.demo import STYLES, get_or_create_demo_image

# The earlier demo's pictures (the section's name printed in them), removed once unused.
LEGACY_CREDIT = "Illustration générée / Rédaction Santé Politique"
LEGACY_ALT_PREFIX = "Illustration abstraite : «"


def picture_seeds(wants):
    """``wants``: one (hero?, figure?) pair per article. Returns (hero seed, figure seed)
    pairs, None where no picture is wanted, each seed used once."""
    extra = len(wants)
    seeds = []
    for index, (hero, figure) in enumerate(wants):
        figure_seed = None
        if figure:
            figure_seed = extra if hero else index
            extra += hero
        seeds.append((index if hero else None, figure_seed))
    assert extra <= STYLES, "more pictures than styles: some would look alike"
    return seeds


def pictures(seeds):
    """{seed: library image} for every seed in ``seeds`` (pairs as above)."""
    wanted = sorted({seed for pair in seeds for seed in pair if seed is not None})
    return {seed: get_or_create_demo_image(seed) for seed in wanted}


def remove_legacy_pictures():
    """Delete the earlier demo's pictures that no article (trash included) nor author uses."""
    from articles.models import Article
    from images.models import Image

    for image in Image.objects.filter(credit=LEGACY_CREDIT, alt_text__startswith=LEGACY_ALT_PREFIX):
        in_body = Q(body__contains=f'data-file="{image.pk}"') | Q(
            body__contains=f'data-image="{image.pk}"'
        )
        used = (
            Article.all_objects.filter(Q(hero_image=image) | in_body).exists()
            or image.author_photos.exists()
        )
        if not used:
            with contextlib.suppress(ProtectedError):  # something else points at it: keep it
                image.delete()
