"""Editorial calendar: month and week views of scheduled and published articles.

Everyone who may view articles sees the newsroom's calendar, narrowed by the staff
access policy (a journalist: what is published and their own work). Links and
reschedule forms are only offered where the server would accept them, and the
reschedule endpoint checks everything again: a forged POST changes nothing.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Prefetch, Value, When, prefetch_related_objects
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from access import staff
from articles import calendar as cal
from articles import notifications, revisions, workflow
from articles.admin.routes import admin_paths, admin_reverse
from articles.models import ArticleAuthor, StaleArticleError, Status

# In the grid: what has (or had) a place on the site at a given time.
GRID_STATUSES = (Status.SCHEDULED, Status.PUBLISHED, Status.UNPUBLISHED)
# Beside the grid, in this order: what waits for an editor, then what waits for its author.
SIDE_STATUSES = (Status.REVIEW, Status.CHANGES_REQUESTED, Status.DRAFT)
# What may be (re)scheduled from the calendar: what waits for a date, and what is
# still to come (moving a live article would pull it off the site).
WAITING = frozenset({Status.DRAFT, Status.REVIEW, Status.CHANGES_REQUESTED})

RESCHEDULE_COMMENT = "Reprogrammé depuis le calendrier"
EXPIRED = "expired"
STATUS_LABELS = {EXPIRED: "Expiré", **dict(Status.choices)}


def status_key(article, now):
    """The status as readers experience it at ``now`` (mirrors Article.effective_status)."""
    if article.status in (Status.SCHEDULED, Status.PUBLISHED) and article.published_at:
        if article.unpublish_at and article.unpublish_at <= now:
            return EXPIRED
        return Status.PUBLISHED if article.published_at <= now else Status.SCHEDULED
    return article.status


def is_reschedulable(article, now):
    if article.status in WAITING:
        return True
    # Scheduled, or "published" with a future date (set in the form): not live yet.
    return status_key(article, now) == Status.SCHEDULED


@dataclass
class Entry:
    """One article as the calendar shows it to one user."""

    article: object
    status: str
    url: str | None  # change page (read-only for users who may only view it)
    can_edit: bool
    reschedule_url: str | None  # only for users who may publish

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def time(self):
        published_at = self.article.published_at
        return cal.format_time(published_at) if published_at else ""

    @property
    def when(self):
        published_at = self.article.published_at
        return cal.format_datetime(published_at) if published_at else ""

    @property
    def input_value(self):
        published_at = self.article.published_at
        return cal.to_local_input(published_at) if published_at else ""

    @property
    def authors(self):
        return ", ".join(byline.author.name for byline in self.article.bylines.all())


class RescheduleForm(forms.Form):
    published_at = forms.DateTimeField(
        label="Nouvelle date de publication",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    # The version the calendar showed: a change made since then is never overwritten.
    version = forms.IntegerField(min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, now, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.now, self.article = now, article

    def full_clean(self):
        # The datetime-local input is in Paris time, whatever the active time zone.
        with timezone.override(cal.PARIS):
            super().full_clean()

    def clean_published_at(self):
        value = self.cleaned_data["published_at"]
        if value <= self.now:
            raise forms.ValidationError("La nouvelle date doit être dans le futur.")
        if timezone.localtime(value, cal.PARIS).year > cal.MAX_YEAR:
            raise forms.ValidationError("Cette date est trop lointaine.")
        unpublish_at = self.article.unpublish_at
        if unpublish_at and value >= unpublish_at:
            raise forms.ValidationError(
                "La nouvelle date doit précéder la dépublication prévue le "
                f"{cal.format_datetime(unpublish_at)}."
            )
        return value


class CalendarAdminMixin:
    """Mixed into ArticleAdmin; call super() in every override."""

    calendar_side_limit = 40  # beyond that, a link to the filtered change list
    calendar_month_day_limit = 6  # articles per day in the month grid; the rest in the week

    def get_urls(self):
        routes = [
            ("calendrier/", self.calendar_view, "calendar"),
            (
                "calendrier/<str:object_id>/reprogrammer/",
                self.calendar_reschedule_view,
                "calendar_reschedule",
            ),
        ]
        return admin_paths(self, routes) + super().get_urls()

    # URLs

    def _reverse(self, suffix, *args):
        return admin_reverse(self, suffix, *args)

    def _calendar_url(self, period=None):
        url = self._reverse("calendar")
        return f"{url}?{urlencode([period.param])}" if period is not None else url

    def _admin_url(self, suffix, article):
        return self._reverse(suffix, quote(article.pk))

    # Calendar page

    def calendar_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        now = timezone.now()
        today = cal.paris_today(now)
        period, error = cal.period_from_query(request.GET, today)
        if error:
            messages.warning(request, error)

        grid, side, side_more = self._calendar_articles(request, period)
        may_publish = staff.is_editor(request.user)

        def entry(article):
            return self._calendar_entry(request, article, now, may_publish)

        days = cal.build_days(
            period,
            [entry(a) for a in grid],
            today,
            moment=lambda e: e.article.published_at,
            limit=self.calendar_month_day_limit if period.kind == cal.MONTH else None,
        )
        previous, following = period.previous(), period.next()
        context = {
            **self.admin_site.each_context(request),
            # The grid needs the width more than the app list does.
            "is_nav_sidebar_enabled": False,
            "opts": self.opts,
            "title": "Calendrier éditorial",
            "period": period,
            "is_month": period.kind == cal.MONTH,
            "days": days,
            "weeks": cal.weeks(days),
            "weekdays": cal.DAYS,
            "today": today,
            "today_in_period": period.contains(today),
            "previous_url": self._calendar_url(previous) if previous.in_range() else None,
            "next_url": self._calendar_url(following) if following.in_range() else None,
            "today_url": self._calendar_url(
                (cal.month_period if period.kind == cal.MONTH else cal.week_period)(today)
            ),
            "month_url": self._calendar_url(
                period if period.kind == cal.MONTH else cal.switch_kind(period, today)
            ),
            "week_url": self._calendar_url(
                period if period.kind == cal.WEEK else cal.switch_kind(period, today)
            ),
            "side": [entry(a) for a in side],
            "side_more_url": self._side_more_url() if side_more else None,
            "may_publish": may_publish,
            "now_input": cal.to_local_input(now),
            "back": request.get_full_path(),
        }
        template = "month.html" if period.kind == cal.MONTH else "week.html"
        return TemplateResponse(request, f"admin/articles/calendar/{template}", context)

    def _calendar_articles(self, request, period):
        """The period's articles and the side column: a fixed number of queries."""
        # The admin's queryset, narrowed to what this user may see (access.staff),
        # without its list prefetches.
        base = self.get_queryset(request).prefetch_related(None).select_related("section")
        start, end = period.bounds()
        grid = list(
            base.filter(
                published_at__gte=start, published_at__lt=end, status__in=GRID_STATUSES
            ).order_by("published_at", "pk")
        )
        rank = Case(
            *[When(status=s, then=Value(i)) for i, s in enumerate(SIDE_STATUSES)],
            output_field=IntegerField(),
        )
        side = list(
            base.filter(status__in=SIDE_STATUSES)
            .annotate(side_rank=rank)
            .order_by("side_rank", "-modified", "-pk")[: self.calendar_side_limit + 1]
        )
        side_more = len(side) > self.calendar_side_limit
        side = side[: self.calendar_side_limit]
        bylines = ArticleAuthor.objects.select_related("author").order_by("position", "pk")
        prefetch_related_objects(grid + side, Prefetch("bylines", queryset=bylines))
        return grid, side, side_more

    def _side_more_url(self):
        # The change list's own status filter (arbitrary lookups are refused there).
        from articles.admin.articles import StatusFilter  # that module imports this one

        url = self._reverse("changelist")
        return f"{url}?{urlencode({StatusFilter.parameter_name: StatusFilter.WAITING})}"

    def _calendar_entry(self, request, article, now, may_publish):
        can_edit = self.has_change_permission(request, article)
        can_view = can_edit or self.has_view_permission(request, article)
        reschedulable = may_publish and can_edit and is_reschedulable(article, now)
        return Entry(
            article=article,
            status=status_key(article, now),
            url=self._admin_url("change", article) if can_view else None,
            can_edit=can_edit,
            reschedule_url=self._admin_url("calendar_reschedule", article)
            if reschedulable
            else None,
        )

    # Rescheduling

    def calendar_reschedule_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # An article this user may not see is a 404, like an id that never existed.
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("Aucun article ne correspond à cet identifiant.")
        if not staff.is_editor(request.user) or not self.has_change_permission(request, article):
            raise PermissionDenied

        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = self._calendar_url()
        now = timezone.now()
        if not is_reschedulable(article, now):
            label = STATUS_LABELS.get(status_key(article, now), article.status)
            messages.error(
                request,
                f"« {article} » ne peut pas être reprogrammé depuis le calendrier "
                f"(statut : {label}). Modifiez sa date depuis sa fiche.",
            )
            return HttpResponseRedirect(back)

        form = RescheduleForm(request.POST, now=now, article=article)
        if not form.is_valid():
            errors = " ".join(e for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, f"« {article} » n'a pas été reprogrammé : {errors}")
            return HttpResponseRedirect(back)

        when = form.cleaned_data["published_at"]
        try:
            self._reschedule(request, article, when, form.cleaned_data["version"], now)
        except StaleArticleError:
            messages.error(
                request,
                f"« {article} » a été modifié depuis l'affichage du calendrier : "
                "rien n'a été changé. Vérifiez sa date et réessayez.",
            )
            return HttpResponseRedirect(back)
        except workflow.WorkflowError as error:
            messages.error(request, f"« {article} » n'a pas été reprogrammé : {error.message}")
            return HttpResponseRedirect(back)
        messages.success(request, f"« {article} » est programmé le {cal.format_datetime(when)}.")
        return HttpResponseRedirect(back)

    def _reschedule(self, request, article, when, version, now):
        """Through the workflow: one revision, one line of editorial history, an e-mail.

        The version is the one the calendar showed: Article.save() refuses the UPDATE
        if anyone saved the article since (StaleArticleError), so nothing is overwritten.
        """
        article.version = version
        article.published_at = when
        user = request.user
        with revisions.article_revision(article, user, RESCHEDULE_COMMENT):
            if article.status in WAITING:
                workflow.perform(article, "schedule", user, comment=RESCHEDULE_COMMENT, now=now)
                return
            # Already approved and still to come: the workflow has no transition for a
            # new date, but the change is recorded all the same and the author told.
            from_status = article.status
            article.status = Status.SCHEDULED
            article.save()
            entry = workflow.record(
                article, from_status, Status.SCHEDULED, user, RESCHEDULE_COMMENT, now
            )
            notifications.notify_on_commit(entry)
