"""Where the checklist's values come from: a saved article, or an article form's data.

The form's data may be anything a journalist forged: each field is cleaned by the form's
own field (the same querysets and rules as a save), and a value that does not clean
counts as missing — never an error. Bylines are the inline formset's rows
(``bylines-N-author``), those ticked for deletion left out.
"""

import re

from django.core.exceptions import ValidationError

from articles.checklist import HeroImage, Values
from articles.sanitize import NUMBER

BYLINES_PREFIX = "bylines"
_BYLINE_AUTHOR = re.compile(rf"{BYLINES_PREFIX}-(\d{{1,4}})-author")
TRUE_VALUES = {"on", "true", "1", "yes"}


def values_of_article(article, at=None):
    """The checklist's values for a saved article (a few queries)."""
    hero = article.hero_image if article.hero_image_id else None
    return Values(
        title=article.title,
        standfirst=article.standfirst,
        section=article.section.name if article.section_id else None,
        author_count=article.bylines.count() if article.pk else 0,
        tag_names=tuple(article.tags.names()) if article.pk else (),
        hero=HeroImage.of(hero),
        body=article.body,
        links_at=at,
    )


def posted_author_ids(data):
    """The author ids of the posted bylines (None if the POST has no bylines formset)."""
    if f"{BYLINES_PREFIX}-TOTAL_FORMS" not in data:
        return None
    ids = []
    for key in data:
        row = _BYLINE_AUTHOR.fullmatch(key)
        if row is None:
            continue
        deleted = data.get(f"{BYLINES_PREFIX}-{row[1]}-DELETE", "")
        value = (data.get(key) or "").strip()
        if str(deleted).lower() not in TRUE_VALUES and NUMBER.fullmatch(value):
            ids.append(int(value))
    return ids


def count_authors(ids):
    from authors.models import Author

    return Author.objects.filter(pk__in=set(ids)).count() if ids else 0


def cleaned_value(form, name):
    """The field's value as the form would save it, or None if it does not clean."""
    cleaned = getattr(form, "cleaned_data", None)
    if cleaned is not None and name in cleaned:
        return cleaned[name]
    try:
        return form.fields[name].clean(form[name].data)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return None


def _text(form, name):
    # Typed text as posted: a title too long to save is still a title, not a missing one.
    value = form[name].data
    return value if isinstance(value, str) else ""


def _value(form, instance, name, stored, read=cleaned_value):
    """The form's value if the field is in this user's form, else the stored one."""
    if name in form.fields:
        return read(form, name)
    return stored() if instance is not None else None


def values_of_form(form, instance=None, at=None):
    """The checklist's values for a bound article form (saved or not, valid or not)."""
    article = instance if instance is not None and instance.pk else None
    section = _value(form, article, "section", lambda: article.section)
    hero = _value(form, article, "hero_image", lambda: article.hero_image)
    tags = _value(form, article, "tags", lambda: article.tags.names())
    ids = posted_author_ids(form.data)
    if ids is None:
        authors = article.bylines.count() if article is not None else 0
    else:
        authors = count_authors(ids)
    return Values(
        title=_value(form, article, "title", lambda: article.title, _text) or "",
        standfirst=_value(form, article, "standfirst", lambda: article.standfirst, _text) or "",
        section=section.name if section is not None else None,
        author_count=authors,
        tag_names=tuple(tags or ()),
        hero=HeroImage.of(hero),
        body=_value(form, article, "body", lambda: article.body, _text) or "",
        links_at=at,
    )
