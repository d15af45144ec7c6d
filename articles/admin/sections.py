from django import forms
from django.contrib import admin

from articles.admin.articles import FRENCH_SLUG_JS, URL_FIELD_OVERRIDES
from articles.models import CallToAction, Section
from articles.plaintext import validate_single_line_text

# --- Sections and call to action ---------------------------------------------------------


class SectionAdminForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["name", "slug", "parent", "position", "access", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The name reaches breadcrumbs, <title>, feeds and sitemaps: one line.
        if "name" in self.fields:  # absent from a read-only view
            self.fields["name"].validators.append(validate_single_line_text)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionAdminForm
    list_display = ["name", "path", "parent", "position", "resolved_access"]
    list_select_related = ["parent"]
    search_fields = ["name", "path"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = [
        "name", "slug", "parent", "position", "access", "resolved_access", "description", "path",
    ]  # fmt: skip
    readonly_fields = ["path", "resolved_access"]
    ordering = ["path"]

    class Media:
        js = FRENCH_SLUG_JS


@admin.register(CallToAction)
class CallToActionAdmin(admin.ModelAdmin):
    list_display = ["text", "link_label", "link_url", "is_active", "modified"]
    list_filter = ["is_active"]
    search_fields = ["text", "link_label"]
    formfield_overrides = URL_FIELD_OVERRIDES
