"""Posted ids a relation cannot hold are form errors, never 500s.

Two places of Django query the database with posted ids unchecked:

- the admin's autocomplete widgets, when a form comes back with errors, re-render the
  selected options with ``pk__in=<posted values>``: "abc" raises ValueError;
- ModelMultipleChoiceField (related articles) checks each id alone, then runs
  ``pk__in=<posted values>``, which on SQLite raises OverflowError for an id beyond
  64-bit integers (PostgreSQL refuses it too).

Every autocomplete field and every multiple choice of every form goes through these two
methods, hence one wrapper for each, installed at start-up (ArticlesConfig.ready()),
rather than a widget or a clean method per field. Values are checked with the target
field itself (its type and its range), as Django does for a single choice.
"""

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.forms.models import ModelMultipleChoiceField

_django_optgroups = AutocompleteMixin.optgroups
_django_check_values = ModelMultipleChoiceField._check_values


def _holds(field, value):
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def optgroups(self, name, value, attr=None):
    remote = self.field.remote_field
    opts = remote.model._meta
    target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
    return _django_optgroups(self, name, [v for v in value if _holds(target, v)], attr)


def check_values(self, value):
    opts = self.queryset.model._meta
    target = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
    try:
        values = list(value)
    except TypeError:
        return _django_check_values(self, value)  # Django's own "enter a list" error
    for pk in values:
        # Posted values are strings; model instances (set in code) are left to Django.
        if isinstance(pk, str | int) and not _holds(target, pk):
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
            )
    return _django_check_values(self, value)


def install():
    AutocompleteMixin.optgroups = optgroups
    ModelMultipleChoiceField._check_values = check_values
