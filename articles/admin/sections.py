from django.contrib import admin

from articles.admin.articles import FRENCH_SLUG_JS, URL_FIELD_OVERRIDES
from articles.models import CallToAction, Section

# --- Sections and call to action ---------------------------------------------------------


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "path", "parent", "position"]
    list_select_related = ["parent"]
    search_fields = ["name", "path"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fields = ["name", "slug", "parent", "position", "description", "path"]
    readonly_fields = ["path"]
    ordering = ["path"]

    class Media:
        js = FRENCH_SLUG_JS


@admin.register(CallToAction)
class CallToActionAdmin(admin.ModelAdmin):
    list_display = ["text", "link_label", "link_url", "is_active", "modified"]
    list_filter = ["is_active"]
    search_fields = ["text", "link_label"]
    formfield_overrides = URL_FIELD_OVERRIDES
