"""The reader's search form: a query and optional filters.

Nothing a reader types may break the page: the query is cleaned and capped, and a
filter value that is unknown or invalid gets a French error next to its field and is
left out of the search (the other filters still apply).
"""

from django import forms
from django.db.models import OuterRef, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag

from articles.collation import sorted_fr
from articles.models import Section, any_published
from authors.public import public_authors
from search.engines import DATE, RELEVANCE, SearchParams
from search.normalize import MAX_QUERY_LENGTH, clean_query, is_too_long

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# Outside these years a date is a typo (and far years overflow time zone arithmetic).
FIRST_YEAR, LAST_YEAR = 1900, 2200


class QueryField(forms.CharField):
    """Control characters dropped, spaces collapsed, cut at MAX_QUERY_LENGTH: never an
    error (the form's ``query_was_cut`` tells the page to say so)."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        super().__init__(input_formats=DATE_FORMATS, required=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError("Saisissez une date entre 1900 et 2200.")


class SelectBoundField(forms.BoundField):
    """A select whose <option> list is written here, not by a template loop (several
    template nodes per option: most of the form's rendering time).

    Same markup as the loop it replaces: values and labels escaped, the submitted
    value selected."""

    @property
    def options(self):
        current = self.value() or ""
        return mark_safe(  # noqa: S308  (values and labels escaped)
            "".join(
                f'<option value="{escape(value)}"{" selected" if value == current else ""}>'
                f"{escape(label)}</option>"
                for value, label in self.field.choices
            )
        )


class SelectField(forms.ChoiceField):
    bound_field_class = SelectBoundField


class SearchForm(forms.Form):
    q = QueryField(
        label="Rechercher",
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH, "placeholder": "Mots-clés"}
        ),
    )
    rubrique = SelectField(label="Rubrique", required=False)
    tag = forms.CharField(label="Mot-clé", required=False, max_length=200)
    auteur = SelectField(label="Auteur", required=False)
    du = SearchDateField(label="Publié depuis le")
    au = SearchDateField(label="Publié jusqu'au")
    tri = SelectField(
        label="Trier par",
        required=False,
        choices=[(RELEVANCE, "Pertinence"), (DATE, "Date (plus récents d'abord)")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query_was_cut = False
        # One query each, whatever is selected; only the columns used.
        # (pk, path, depth, name) of every section, by path.
        self.sections = list(
            Section.objects.order_by("path").values_list("pk", "path", "depth", "name")
        )
        # Only authors readers may know of (embargo): one who only signs unpublished
        # articles is not offered, and their slug is refused like an unknown one.
        self.authors = sorted_fr(public_authors().only("pk", "name", "slug"), "name")
        self.fields["rubrique"].choices = [("", "Toutes les rubriques")] + [
            (path, f"{'— ' * depth}{name}") for _, path, depth, name in self.sections
        ]
        self.fields["auteur"].choices = [("", "Tous les auteurs")] + [
            (a.slug, a.name) for a in self.authors
        ]

    def clean_q(self):
        # Never a silent cut: the results page tells the reader what was searched.
        self.query_was_cut = is_too_long(str(self.data.get("q") or ""))
        return self.cleaned_data["q"]

    def clean_tag(self):
        value = self.cleaned_data["tag"].strip()
        if not value:
            return None
        # A tag page's slug, or the tag's name as readers see it. A tag only used on
        # unpublished articles is unknown (embargo): the same error as a tag that does
        # not exist, so the answer says nothing of drafts. Still one query.
        tag = (
            Tag.objects.filter(Q(slug=value) | Q(slug=Tag().slugify(value)) | Q(name__iexact=value))
            .filter(any_published(tags=OuterRef("pk")))
            .first()
        )
        if tag is None:
            raise forms.ValidationError("Aucun mot-clé ne porte ce nom.")
        return tag

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and start > end:
            self.add_error("au", "Cette date précède la date de début.")
        # Valid dates are shown back as the date inputs expect them (2025-01-31).
        self.data = self.data.copy()
        for name in ("du", "au"):
            if self.cleaned_data.get(name):
                self.data[name] = self.cleaned_data[name].isoformat()
        return cleaned

    def params(self):
        """SearchParams from the valid fields only (call after is_valid())."""
        data = getattr(self, "cleaned_data", {})
        section_ids = []
        if data.get("rubrique"):
            path = data["rubrique"]
            section_ids = [
                pk
                for pk, s_path, _, _ in self.sections
                if s_path == path or s_path.startswith(f"{path}/")
            ]
        author = None
        if data.get("auteur"):
            author = next((a for a in self.authors if a.slug == data["auteur"]), None)
        return SearchParams(
            q=data.get("q") or "",
            section_ids=section_ids,
            tag=data.get("tag"),
            author=author,
            date_from=data.get("du"),
            date_to=data.get("au"),
            sort=data.get("tri") or RELEVANCE,
        )
