from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from articles.admin.articles import FRENCH_SLUG_JS
from articles.forms import lenient_slug_field
from articles.plaintext import validate_single_line_text
from articles.slugs import french_slugify, unique_slug
from authors.models import Author
from images.admin import smallest_rendition

SLUG_FIELD = Author._meta.get_field("slug")


class AuthorAdminForm(forms.ModelForm):
    # Normalised rather than rejected, and made unique rather than refused (see clean_slug).
    slug = lenient_slug_field(SLUG_FIELD)

    class Meta:
        model = Author
        fields = ["name", "slug", "job_title", "bio", "photo", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bylines, the author page's <title>, feeds: one line.
        for name in ("name", "job_title"):
            if name in self.fields:  # absent from a read-only view
                self.fields[name].validators.append(validate_single_line_text)

    def clean_slug(self):
        typed = self.cleaned_data.get("slug")
        wanted = french_slugify(typed, max_length=SLUG_FIELD.max_length, fallback="")
        if not wanted:
            return ""  # Author.save() derives it from the name.

        def taken(candidates):
            others = Author.objects.filter(slug__in=candidates).exclude(pk=self.instance.pk)
            return others.values_list("slug", flat=True)

        return unique_slug(wanted, taken, max_length=SLUG_FIELD.max_length)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "job_title", "photo_thumbnail", "account"]
    list_select_related = ["user", "photo"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    # Picked in the photothèque (its search), or imported with « + » through the
    # library's own form: the one safe upload path, nothing stored here.
    autocomplete_fields = ["photo"]
    fields = ["name", "slug", "job_title", "bio", "photo", "current_photo", "user"]
    readonly_fields = ["current_photo"]

    class Media:
        js = FRENCH_SLUG_JS
        css = {"all": ["authors/admin/authors.css"]}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Only newsroom accounts can sign; readers' accounts are not offered.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(Q(is_staff=True, is_active=True) | Q(author_profile__isnull=False))
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_display(self, request):
        # A link to the account only for those who may open it.
        if request.user.has_perm("auth.view_user"):
            return self.list_display
        return [*self.list_display[:-1], "account_name"]

    @admin.display(description="photo")
    def photo_thumbnail(self, obj):
        found = smallest_rendition(obj.photo, "card") if obj.photo else None
        if not found:
            return None
        return format_html(
            '<img src="{}" alt="" width="40" height="40" class="author-thumb">',
            found[0],
        )

    @admin.display(description="photo actuelle")
    def current_photo(self, obj):
        found = smallest_rendition(obj.photo, "card") if obj.photo else None
        if not found:
            return "Aucune photo."
        url, width, height = found
        return format_html('<img src="{}" width="{}" height="{}" alt="">', url, width, height)

    @admin.display(description="compte utilisateur", ordering="user__username")
    def account(self, obj):
        if obj.user is None:
            return None
        url = reverse("admin:auth_user_change", args=[obj.user.pk])
        return format_html('<a href="{}">{}</a>', url, obj.user.get_username())

    @admin.display(description="compte utilisateur", ordering="user__username")
    def account_name(self, obj):
        return obj.user.get_username() if obj.user else None
