"""French alphabetical order for what readers see sorted (tags, names).

Python's order puts every capital before every lower-case letter and accented letters
after "z" ("ONDAM, budget, Éthique, économie"); French readers expect "budget, économie,
Éthique, ONDAM". Lists sorted for readers are small (an article's tags, a section's
subsections): sorting them in Python works on SQLite and PostgreSQL alike.
"""

import unicodedata

# Letters NFKD does not decompose but French alphabetises as two.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def french_sort_key(value):
    """Sort key: letters first without accents nor case, then accents, then case
    (ties broken by the string itself, so the order is always the same)."""
    text = str(value or "")
    folded = text.casefold().translate(_LIGATURES)
    base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return (base, folded, text)


def sorted_fr(items, attribute=None):
    """``items`` in French order, of themselves or of one of their attributes."""
    if attribute is None:
        return sorted(items, key=french_sort_key)
    return sorted(items, key=lambda item: french_sort_key(getattr(item, attribute)))
