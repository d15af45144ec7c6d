"""Editors see every redirect and add their own (permissions on Redirect required)."""

from urllib.parse import unquote

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from redirects.models import Kind, Redirect, is_absolute_url, normalise_path, normalise_target
from redirects.services import leads_back, save_manual

SITE_PATH_HELP = "Indiquez un chemin du site, ex. : /rubrique/article/"


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "is_prefix"]

    def clean_old_path(self):
        value = self.cleaned_data["old_path"].strip()
        if is_absolute_url(value) or value.startswith("//"):
            raise ValidationError(f"{SITE_PATH_HELP} (sans https:// ni nom de domaine).")
        if any(char.isspace() for char in value):
            raise ValidationError("L'adresse ne peut pas contenir d'espace.")
        # Requests are looked up by their decoded path: "/caf%C3%A9/" is "/café/".
        path = normalise_path(unquote(value))
        if path == "/":
            raise ValidationError("La page d'accueil ne peut pas être redirigée.")
        return path

    def clean_new_path(self):
        value = self.cleaned_data["new_path"].strip()
        if any(char.isspace() for char in value):
            raise ValidationError("L'adresse ne peut pas contenir d'espace.")
        if is_absolute_url(value):
            try:
                URLValidator(schemes=["https"])(value)
            except ValidationError:
                raise ValidationError(
                    "Une adresse externe doit être complète et commencer par https://."
                ) from None
            return value
        return normalise_target(value)

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_path"), cleaned.get("new_path")
        is_prefix = cleaned.get("is_prefix", False)
        if not old or not new:
            return cleaned
        if is_prefix and "?" in new:
            self.add_error(
                "new_path", "La redirection de toute une rubrique ne peut pas avoir de paramètres."
            )
            return cleaned
        if is_prefix and not new.endswith("/"):
            new = cleaned["new_path"] = f"{new}/"
        if not is_absolute_url(new) and new.split("?", 1)[0] == old:
            self.add_error("new_path", "La nouvelle adresse doit différer de l'ancienne.")
        elif is_prefix and not is_absolute_url(new) and new.startswith(old):
            self.add_error(
                "new_path", "La nouvelle adresse ne peut pas se trouver sous l'ancienne rubrique."
            )
        elif leads_back(old, new, is_prefix=is_prefix, exclude_pk=self.instance.pk):
            self.add_error(
                "new_path",
                "Cette redirection formerait une boucle avec les redirections existantes.",
            )
        return cleaned


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "kind", "is_prefix", "created_at", "created_by"]
    list_filter = ["kind", "is_prefix"]
    list_select_related = ["created_by"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["kind", "created_at", "created_by"]
    fields = ["old_path", "new_path", "is_prefix", "kind", "created_at", "created_by"]
    ordering = ["-created_at", "-pk"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.kind = Kind.MANUAL
            obj.created_by = request.user
        save_manual(obj)
