"""Subscriptions in the admin, for editors (journalists have no permission on them)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from subscriptions import csv_io
from subscriptions.models import Domain, Membership, Network, Organisation, Subscription


class CsvUploadForm(forms.Form):
    file = forms.FileField(label="Fichier CSV", help_text="2 Mo au plus.")


def csv_import_view(model_admin, request, title, columns, run, back):
    """The import page: a form, then the report (nothing written if a row is refused)."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            count, refused = run(form.cleaned_data["file"])
        except csv_io.ImportRefused as error:
            form.add_error("file", str(error))
        else:
            if not refused and count:
                messages.success(request, f"{count} ligne(s) importée(s).")
                return redirect(back)
            report = refused or [(0, "aucune ligne à importer")]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "columns": columns,
        "report": report,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/subscriptions/csv_import.html", context)


class CurrentFilter(admin.SimpleListFilter):
    title = "état"
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [("en-cours", "En cours"), ("a-venir", "À venir"), ("termine", "Terminé")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "en-cours":
            return queryset.current(now)
        if self.value() == "a-venir":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "termine":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.display(description="en cours", boolean=True)
def is_current(obj):
    return obj.is_current()


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["reader_email", "starts_at", "ends_at", is_current, "note"]
    list_filter = [CurrentFilter]
    search_fields = ["reader__email", "note"]
    autocomplete_fields = ["reader"]
    fields = ["reader", "starts_at", "ends_at", "note"]
    list_select_related = ["reader"]
    ordering = ["-ends_at", "-pk"]
    actions = ["export_csv"]
    change_list_template = "admin/subscriptions/subscription/change_list.html"

    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_csv),
                name="subscriptions_subscription_import",
            ),
            *super().get_urls(),
        ]

    def import_csv(self, request):
        return csv_import_view(
            self, request, "Importer des abonnés individuels", "email;debut;fin",
            csv_io.import_subscriptions, "admin:subscriptions_subscription_changelist",
        )  # fmt: skip

    @admin.action(description="Exporter en CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_io.export_subscriptions(queryset)

    @admin.display(description="lecteur", ordering="reader__email")
    def reader_email(self, obj):
        return obj.reader.email or obj.reader.get_username()


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 1


class NetworkInline(admin.TabularInline):
    model = Network
    extra = 1


class SeatLimitFormSet(forms.BaseInlineFormSet):
    """Editors free seats by deleting members; adding beyond the seats is refused."""

    def clean(self):
        super().clean()
        seats = self.instance.seats if self.instance else None
        if seats is None:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if len(kept) > seats:
            raise forms.ValidationError(
                f"L'organisation a {seats} place(s) : retirez des membres ou ajoutez des places."
            )


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = SeatLimitFormSet
    extra = 0
    autocomplete_fields = ["reader"]
    fields = ["reader", "via", "joined_at"]
    readonly_fields = ["joined_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_at", "ends_at", is_current, "seats", "seats_taken"]
    list_filter = [CurrentFilter]
    search_fields = ["name", "domains__domain"]
    fields = ["name", "seats", "starts_at", "ends_at"]
    inlines = [DomainInline, NetworkInline, MembershipInline]
    ordering = ["name", "pk"]
    change_form_template = "admin/subscriptions/organisation/change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/membres/importer/",
                view(self.import_members),
                name="subscriptions_organisation_import_members",
            ),
            path(
                "<int:pk>/membres/exporter/",
                view(self.export_members),
                name="subscriptions_organisation_export_members",
            ),
            *super().get_urls(),
        ]

    def _organisation(self, request, pk, change):
        organisation = get_object_or_404(Organisation, pk=pk)
        allowed = (
            self.has_change_permission(request, organisation)
            if change
            else self.has_view_permission(request, organisation)
        )
        if not allowed:
            raise PermissionDenied
        return organisation

    def import_members(self, request, pk):
        organisation = self._organisation(request, pk, change=True)
        return csv_import_view(
            self, request, f"Importer des membres : {organisation.name}", "email",
            lambda upload: csv_io.import_members(upload, organisation),
            reverse("admin:subscriptions_organisation_change", args=[organisation.pk]),
        )  # fmt: skip

    def export_members(self, request, pk):
        return csv_io.export_members(self._organisation(request, pk, change=False))

    def get_queryset(self, request):
        # The list's « places prises » in the same query, not one per row.
        return super().get_queryset(request).annotate(members_count=Count("members"))

    @admin.display(description="places prises", ordering="members_count")
    def seats_taken(self, obj):
        return obj.members_count
