"""Subscriptions in the admin, for editors (journalists have no permission on them)."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils import timezone

from subscriptions.models import Domain, Membership, Network, Organisation, Subscription


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

    def get_queryset(self, request):
        # The list's « places prises » in the same query, not one per row.
        return super().get_queryset(request).annotate(members_count=Count("members"))

    @admin.display(description="places prises", ordering="members_count")
    def seats_taken(self, obj):
        return obj.members_count
