"""French-aware slugs.

Django's slugify folds accents but deletes apostrophes, gluing words together
("s’ancre" → "sancre"). French titles need apostrophes to separate words.
"""

import re

from django.utils.text import slugify
from unidecode import unidecode

APOSTROPHES = re.compile(r"['’ʼ‘`´]")
FALLBACK_SLUG = "article"


def french_slugify(text, *, max_length=200, fallback=FALLBACK_SLUG):
    # unidecode keeps ligatures (cœur → coeur) that Unicode normalisation would drop.
    slug = slugify(unidecode(APOSTROPHES.sub(" ", text or "")))[:max_length].strip("-")
    return slug or fallback


def unique_slug(base, is_taken, *, max_length=200):
    """Return ``base`` or ``base-2``, ``base-3``… — the first one ``is_taken`` refuses.

    ``is_taken(candidates)`` receives a list and returns the subset already used,
    so the whole check costs one query.
    """
    base = base[:max_length].strip("-")
    candidates = [base] + [
        f"{base[: max_length - len(str(n)) - 1].strip('-')}-{n}" for n in range(2, 52)
    ]
    taken = set(is_taken(candidates))
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    # Fifty homonyms: fall back to a suffix that cannot have been tried above.
    return unique_slug(f"{base[: max_length - 9]}-{len(taken)}x", is_taken, max_length=max_length)
