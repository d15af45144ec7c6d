"""The pre-publication checklist: what an article needs before readers see it.

Computed on the server from plain values (``Values``), whoever asks: the side column of
the change form, its live refresh, and the workflow, which refuses to schedule or
publish while an item is blocking unless an editor overrides it (articles.workflow).
Where the values come from (a saved article, a form): articles.checklist_sources.
"""

from dataclasses import dataclass
from datetime import datetime

from articles.checklist_body import read_body
from articles.checklist_links import check_links
from articles.seo import DESCRIPTION_MAX_LENGTH

OK, WARNING, BLOCKING = "ok", "warning", "blocking"
STATE_LABELS = {OK: "OK", WARNING: "À vérifier", BLOCKING: "À corriger"}

# Search engines show about 60–70 characters of a title; under 20 it says little.
TITLE_MIN_CHARS = 20
TITLE_MAX_CHARS = 70
# The standfirst is the meta description (articles.seo): cut beyond 160 characters.
STANDFIRST_MIN_CHARS = 50
STANDFIRST_MAX_CHARS = DESCRIPTION_MAX_LENGTH
# Problems named in an explanation; the rest are counted.
EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    state: str
    explanation: str

    @property
    def blocking(self):
        return self.state == BLOCKING

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class HeroImage:
    alt_text: str = ""
    is_decorative: bool = False
    credit: str = ""

    @classmethod
    def of(cls, image):
        if image is None:
            return None
        return cls(image.alt_text or "", image.is_decorative, image.credit or "")


@dataclass(frozen=True)
class Values:
    title: str = ""
    standfirst: str = ""
    section: str | None = None  # its name
    author_count: int = 0
    tag_names: tuple = ()
    hero: HeroImage | None = None
    body: str = ""
    # Internal links must lead to what readers will see then (None: now).
    links_at: datetime | None = None


def _count(count, word):
    """« 1 lien », « 3 liens »."""
    return f"{count} {word}{'s' if count > 1 else ''}"


def _chars(count):
    return _count(count, "caractère")


def _numbers(numbers):
    """« n° 1, n° 4 », the first few, then how many more."""
    shown = ", ".join(f"n° {n}" for n in numbers[:EXAMPLES_SHOWN])
    more = len(numbers) - EXAMPLES_SHOWN
    return f"{shown} et {_count(more, 'autre')}" if more > 0 else shown


def _examples(problems):
    shown = " ; ".join(str(p) for p in problems[:EXAMPLES_SHOWN])
    more = len(problems) - EXAMPLES_SHOWN
    return f"{shown} (et {_count(more, 'autre')})" if more > 0 else shown


def _title(title):
    label, n = "Titre", len(" ".join(title.split()))
    if not n:
        return Item("title", label, BLOCKING, "Le titre est vide.")
    if n > TITLE_MAX_CHARS:
        limit = f"{TITLE_MAX_CHARS} au plus pour les moteurs de recherche"
        why = f"Le titre fait {_chars(n)} : {limit}."
        return Item("title", label, WARNING, why)
    if n < TITLE_MIN_CHARS:
        why = f"Le titre fait {_chars(n)} : {TITLE_MIN_CHARS} au moins pour être explicite."
        return Item("title", label, WARNING, why)
    return Item("title", label, OK, f"{_chars(n)} (entre {TITLE_MIN_CHARS} et {TITLE_MAX_CHARS}).")


def _standfirst(standfirst):
    label = "Chapô (description pour les moteurs de recherche)"
    n = len(" ".join(standfirst.split()))
    bounds = f"entre {STANDFIRST_MIN_CHARS} et {STANDFIRST_MAX_CHARS}"
    if not n:
        return Item("standfirst", label, BLOCKING, "Le chapô est vide : écrivez-en un.")
    if n < STANDFIRST_MIN_CHARS or n > STANDFIRST_MAX_CHARS:
        cut = " ; au-delà, il est coupé" if n > STANDFIRST_MAX_CHARS else ""
        why = f"Le chapô fait {_chars(n)} : {bounds} pour la description{cut}."
        return Item("standfirst", label, WARNING, why)
    return Item("standfirst", label, OK, f"{_chars(n)} ({bounds}).")


def _section(section):
    if not section:
        return Item("section", "Rubrique", BLOCKING, "Choisissez une rubrique.")
    return Item("section", "Rubrique", OK, section)


def _authors(count):
    if count < 1:
        why = "Ajoutez au moins un auteur dans les signatures."
        return Item("authors", "Signature", BLOCKING, why)
    return Item("authors", "Signature", OK, f"{_count(count, 'auteur')}.")


def _tags(names):
    if not names:
        return Item("tags", "Mots-clés", WARNING, "Aucun mot-clé : ajoutez-en au moins un.")
    return Item("tags", "Mots-clés", OK, ", ".join(names))


def _hero(hero):
    if hero is None:
        why = "Pas d'image principale : les cartes et les partages s'afficheront sans image."
        return [Item("hero_image", "Image principale", WARNING, why)]
    items = [Item("hero_image", "Image principale", OK, "Choisie dans la photothèque.")]
    label = "Texte alternatif de l'image principale"
    if hero.alt_text.strip():
        items.append(Item("hero_alt", label, OK, hero.alt_text.strip()))
    elif hero.is_decorative:
        why = "Image marquée décorative : vérifiez qu'elle n'apporte aucune information."
        items.append(Item("hero_alt", label, WARNING, why))
    else:
        why = "Décrivez l'image dans la photothèque (texte alternatif)."
        items.append(Item("hero_alt", label, BLOCKING, why))
    if hero.credit.strip():
        items.append(Item("hero_credit", "Crédit de l'image principale", OK, hero.credit.strip()))
    else:
        why = "Indiquez l'auteur et l'ayant droit dans la photothèque (crédit)."
        items.append(Item("hero_credit", "Crédit de l'image principale", WARNING, why))
    return items


def _body_images(images):
    label = "Texte alternatif des images du texte"
    if not images:
        return Item("body_images", label, OK, "Aucune image dans le texte.")
    # A library image without a typed text gets the library's, which the library
    # requires (or the image is decorative, or gone: readers then see nothing).
    missing = [
        number
        for number, image in enumerate(images, start=1)
        if image.library_id is None and not image.alt.strip()
    ]
    if missing:
        why = f"Sans texte alternatif : image {_numbers(missing)} (dans l'ordre du texte)."
        return Item("body_images", label, BLOCKING, why)
    return Item("body_images", label, OK, f"{_count(len(images), 'image')}, décrite(s).")


def _links(hrefs, at):
    report = check_links(hrefs, at)
    items = []
    for code, label, count, problems in (
        ("internal_links", "Liens internes", report.internal, report.internal_problems),
        ("external_links", "Liens externes", report.external, report.external_problems),
    ):
        if problems:
            items.append(Item(code, label, BLOCKING, f"À corriger : {_examples(problems)}."))
        elif count:
            items.append(Item(code, label, OK, f"{_count(count, 'lien')}, valide(s)."))
        else:
            items.append(Item(code, label, OK, "Aucun lien."))
    if report.unchecked:
        why = f"{report.unchecked} adresse(s) de plus n'ont pas été vérifiées : trop de liens."
        items.append(Item("unchecked_links", "Liens non vérifiés", WARNING, why))
    return items


def _headings(headings):
    label = "Intertitres"
    empty = [n for n, (_, text) in enumerate(headings, start=1) if not text]
    if empty:
        why = f"Intertitre vide ({_numbers(empty)}) : écrivez-le ou supprimez-le."
        return Item("headings", label, BLOCKING, why)
    if not headings:
        return Item("headings", label, OK, "Aucun intertitre.")
    return Item("headings", label, OK, f"{len(headings)} intertitre(s), tous remplis.")


def evaluate(values):
    """The checklist's items, in display order (a constant number of queries)."""
    body = read_body(values.body)
    return [
        _title(values.title or ""),
        _standfirst(values.standfirst or ""),
        _section(values.section),
        _authors(values.author_count),
        _tags(tuple(values.tag_names)),
        *_hero(values.hero),
        _body_images(body.images),
        *_links(body.links, values.links_at),
        _headings(body.headings),
    ]


def blocking(items):
    return [item for item in items if item.blocking]


def describe(items):
    """« Rubrique (Choisissez une rubrique.) ; Signature (…) », for messages and history."""
    return " ; ".join(f"{item.label} ({item.explanation.rstrip('.')})" for item in items)
