"""What a revision changed on the article row, said the timeline's way: « Titre modifié »."""

from datetime import datetime

# What a revision may change on the article row, as the timeline names it, with the
# gender and number the past participle agrees with (m, f, mp, fp).
FIELDS = [
    ("title", "Titre", "m"),
    ("slug", "Identifiant d'URL", "m"),
    ("standfirst", "Chapô", "m"),
    ("body", "Texte", "m"),
    ("hero_image_id", "Image principale", "f"),
    ("hero_caption", "Légende", "f"),
    ("section_id", "Rubrique", "f"),
    ("related_articles", "Articles liés", "mp"),
    ("published_at", "Date de publication", "f"),
    ("unpublish_at", "Date de dépublication", "f"),
    ("featured", "Mise à la une", "f"),
    ("home_position", "Position à la une", "f"),
    ("access", "Accès", "m"),
]
TAGS = ("Mots-clés", "mp")
PARTICIPLE = {"m": "modifié", "f": "modifiée", "mp": "modifiés", "fp": "modifiées"}


def _differs(name, fields, previous):
    old, new = previous.get(name), fields.get(name)
    if name == "related_articles":  # pks, in no particular order
        return {str(pk) for pk in old or ()} != {str(pk) for pk in new or ()}
    if isinstance(old, datetime) and isinstance(new, datetime):
        # To the minute, as the form shows them: a save drops the seconds of a date set by code.
        return old.replace(second=0, microsecond=0) != new.replace(second=0, microsecond=0)
    return old != new


def changed_labels(fields, previous, tags, previous_tags):
    """The labels of what changed between two revisions of the article row."""
    labels = [(label, gender) for name, label, gender in FIELDS if _differs(name, fields, previous)]
    # Compared as sets of names: the order they were stored in changed with the collation.
    if tags is not None and previous_tags is not None and sorted(tags) != sorted(previous_tags):
        labels.append(TAGS)
    return labels


def describe_changes(labels):
    """[("Titre", "m"), ("Chapô", "m")] -> "Titre, Chapô modifiés"."""
    if not labels:
        return ""
    if len(labels) == 1:
        label, gender = labels[0]
        return f"{label} {PARTICIPLE[gender]}"
    feminine = all(gender.startswith("f") for _, gender in labels)
    return f"{', '.join(label for label, _ in labels)} {PARTICIPLE['fp' if feminine else 'mp']}"
