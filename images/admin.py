import re
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from access import staff
from images import renditions
from images.embed import display_url
from images.forms import ImageForm
from images.models import Image
from images.usage import usages


class OrientationFilter(admin.SimpleListFilter):
    title = "orientation"
    parameter_name = "orientation"

    def lookups(self, request, model_admin):
        return [("paysage", "Paysage"), ("portrait", "Portrait"), ("carre", "Carrée")]

    def queryset(self, request, queryset):
        from django.db.models import F

        shapes = {
            "paysage": Q(width__gt=F("height")),
            "portrait": Q(height__gt=F("width")),
            "carre": Q(width=F("height")),
        }
        return queryset.filter(shapes[self.value()]) if self.value() in shapes else queryset


class FocalPointFilter(admin.SimpleListFilter):
    title = "point focal"
    parameter_name = "point_focal"

    def lookups(self, request, model_admin):
        return [("oui", "Défini"), ("non", "Non défini")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(focal_x__isnull=False)
        if self.value() == "non":
            return queryset.filter(focal_x__isnull=True)
        return queryset


# The picker opened by the editor's "Parcourir..." button (see articles.sanitize).
PICKER_PER_PAGE = 24
# The editor numbers its callbacks -1, -2…: anything else is ignored, never echoed.
FUNC_NUM = re.compile(r"-?\d{1,9}")


def _func_num(request):
    value = request.GET.get("CKEditorFuncNum", "")
    return value if FUNC_NUM.fullmatch(value) else ""


READ_ONLY_NOTICE = (
    "Cette image est en lecture seule pour vous : seules les images que vous avez "
    "importées et qu'aucun article programmé ou publié ni aucune page d'auteur "
    "n'affiche restent modifiables par leur auteur ; les autres relèvent des éditeurs."
)


def smallest_rendition(image, variant="default"):
    """(url, width, height) of the smallest JPEG rendition, named, not generated."""
    planned = renditions.renditions_of(image, variants=(variant,))[variant]
    jpegs = [r for r in planned if r.mime == "image/jpeg"]
    return (jpegs[0].url, jpegs[0].width, jpegs[0].height) if jpegs else None


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "dimensions", "is_decorative",
                    "uploader", "uploaded_at"]  # fmt: skip
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["uploader"]
    list_filter = ["is_decorative", OrientationFilter, FocalPointFilter, "uploaded_at",
                   ("uploader", admin.RelatedOnlyFieldListFilter)]  # fmt: skip
    search_fields = ["alt_text", "caption", "credit"]
    search_help_text = "Recherche dans le texte alternatif, la légende et le crédit."
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["preview", "dimensions", "uploader", "uploaded_at", "where_used"]
    fieldsets = [
        (None, {"fields": ["preview", "file"]}),
        ("Description", {"fields": ["alt_text", "is_decorative", "caption", "credit"]}),
        (
            "Recadrage",
            {
                "fields": ["focal_x", "focal_y"],
                "description": "Cliquez sur l'aperçu pour placer le point focal : les "
                "vignettes au format 3:2 sont recadrées autour de lui.",
            },
        ),
        ("Informations", {"fields": ["dimensions", "uploader", "uploaded_at", "where_used"]}),
    ]

    class Media:
        js = ["images/admin/focal-point.js"]
        css = {"all": ["images/admin/focal-point.css"]}

    # -- Who may change what: access/staff.py decides -------------------------------

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or staff.can_change_image(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or staff.can_delete_image(request.user, obj))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # where_used() lists only the articles this user may see (no request there).
            obj.viewer = request.user
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original")
        if (
            request.method == "GET"
            and obj is not None
            and not self.has_change_permission(request, obj)
        ):
            messages.info(request, READ_ONLY_NOTICE)
        return response

    @admin.display(description="aperçu")
    def thumbnail(self, obj):
        found = smallest_rendition(obj, "card")
        if not found:
            return "—"
        url, width, height = found
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy" class="image-thumb">',
            url, 96, round(96 * height / width),
        )  # fmt: skip

    @admin.display(description="aperçu")
    def preview(self, obj):
        if not obj.pk:
            return "L'aperçu apparaît une fois l'image enregistrée."
        planned = renditions.renditions_of(obj, variants=("default",))["default"]
        jpegs = [r for r in planned if r.mime == "image/jpeg"]
        chosen = [r for r in jpegs if r.width <= 640] or jpegs
        if not chosen:
            return "—"
        rendition = chosen[-1]
        return format_html(
            '<div class="focal-preview" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" width="{}" height="{}" alt="">'
            '<span class="focal-preview__marker" hidden></span></div>',
            "" if obj.focal_x is None else obj.focal_x,
            "" if obj.focal_y is None else obj.focal_y,
            rendition.url, rendition.width, rendition.height,
        )  # fmt: skip

    @admin.display(description="dimensions")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height} px" if obj.width else "—"

    @admin.display(description="utilisations")
    def where_used(self, obj):
        found = usages(obj, viewer=getattr(obj, "viewer", None)) if obj.pk else []
        if not found:
            return "Cette image n'est utilisée nulle part."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((usage.admin_url or usage.public_url or "#", usage.label) for usage in found),
            ),
        )

    # -- Picker for the body editor ------------------------------------------------

    def get_urls(self):
        picker = path(
            "choisir/",
            self.admin_site.admin_view(self.picker_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_picker",
        )
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """The photothèque in the editor's popup: a click places the image in the body.

        Opened as ``choisir/?CKEditorFuncNum=N`` by django-prose-editor's figure dialog;
        calls back ``window.opener.CKEDITOR.tools.callFunction(N, url, {id, …})``
        (images/static/images/admin/picker.js). Three queries whatever the library's
        size: session user, count, one page of images; thumbnails are named, not made.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = " ".join(request.GET.get("q", "").split())[:200]
        images = self.get_queryset(request)
        if query:
            images, _duplicates = self.get_search_results(request, images, query)
        page = Paginator(images, PICKER_PER_PAGE).get_page(request.GET.get("page"))
        func_num = _func_num(request)
        items = []
        for image in page:
            thumb = smallest_rendition(image, "card")
            items.append({"image": image, "url": display_url(image), "thumb": thumb})
        keep = {"q": query, "CKEditorFuncNum": func_num}
        context = {
            **self.admin_site.each_context(request),
            "title": "Choisir une image",
            "opts": self.opts,
            "is_popup": True,
            "query": query,
            "func_num": func_num,
            "items": items,
            "page_obj": page,
            "page_query": urlencode({k: v for k, v in keep.items() if v}),
            "add_url": (
                reverse("admin:images_image_add")
                + (f"?{urlencode({'CKEditorFuncNum': func_num})}" if func_num else "")
                if self.has_add_permission(request)
                else ""
            ),
        }
        return TemplateResponse(request, "images/admin/picker.html", context)

    def response_add(self, request, obj, post_url_continue=None):
        """Imported from the picker: back to it, the new image first in the list."""
        func_num = _func_num(request)
        if func_num and not {"_continue", "_addanother"} & request.POST.keys():
            self.message_user(request, f"L'image « {obj} » a été importée : choisissez-la.")
            picker = reverse("admin:images_image_picker")
            return HttpResponseRedirect(f"{picker}?{urlencode({'CKEditorFuncNum': func_num})}")
        return super().response_add(request, obj, post_url_continue)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploader = request.user
        super().save_model(request, obj, form, change)
