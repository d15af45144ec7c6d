"""The editorial calendar: the right articles on the right Paris day, the side column,
rescheduling by editors only, bad input never a 500, a fixed number of queries."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles import calendar as cal
from articles.models import Article, Status, Transition
from authors.models import Author
from tests.helpers import logged_in

CAL_URL = "/admin/articles/article/calendrier/"
PARIS = cal.PARIS
# Tuesday 1 December 2026, 10h00 in Paris.
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


def reschedule_url(article_or_id):
    pk = getattr(article_or_id, "pk", article_or_id)
    return f"{CAL_URL}{pk}/reprogrammer/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def day_ids(response, day):
    """Ids of the articles the calendar puts on ``day``."""
    for each in response.context["days"]:
        if each.date == day:
            return [entry.article.pk for entry in each.entries]
    raise AssertionError(f"{day} is not in the grid")


def grid_ids(response):
    return {entry.article.pk for day in response.context["days"] for entry in day.entries}


def side_ids(response):
    return [entry.article.pk for entry in response.context["side"]]


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Pure functions -------------------------------------------------------------------


def test_month_and_week_parameters():
    assert cal.parse_month("2026-12") == date(2026, 12, 1)
    assert cal.parse_month("2026-2") == date(2026, 2, 1)
    for bad in [
        "",
        "2026-13",
        "2026-00",
        "abc",
        "0000-01",
        "99999-01",
        "２０２６-12",
        "2026-12-01",
    ]:
        assert cal.parse_month(bad) is None, bad
    assert cal.parse_week("2026-W49") == date(2026, 11, 30)
    assert cal.parse_week("2026-W53") == date(2026, 12, 28)  # 2026 has 53 ISO weeks
    for bad in ["2027-W53", "2026-W00", "2026-W60", "2026-49", "W49", "1000-W01"]:
        assert cal.parse_week(bad) is None, bad
    assert cal.week_param(date(2027, 1, 1)) == "2026-W53"
    assert cal.month_param(date(2026, 3, 9)) == "2026-03"


def test_month_grid_is_whole_weeks_of_paris_days():
    period = cal.month_period(date(2026, 12, 17))
    assert (period.first, period.last) == (date(2026, 11, 30), date(2027, 1, 3))
    assert len(period.days) == 35 and period.first.weekday() == 0
    start, end = period.bounds()
    assert start == paris(2026, 11, 30, 0, 0) and end == paris(2027, 1, 4, 0, 0)
    assert period.label == "Décembre 2026"
    assert period.previous().anchor == date(2026, 11, 1)
    assert period.next().anchor == date(2027, 1, 1)


def test_week_bounds_follow_daylight_saving_time():
    # Week of the spring change (Sunday 29 March 2026, 2h → 3h).
    period = cal.week_period(date(2026, 3, 25))
    start, end = period.bounds()
    assert start.utcoffset() == timedelta(hours=1)
    assert end.utcoffset() == timedelta(hours=2)
    # A 167-hour week: the last Sunday has 23 hours.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=7, hours=-1)
    assert period.label == "Semaine 13 : du lundi 23 mars au dimanche 29 mars 2026"


def test_french_formatting():
    assert cal.format_day(date(2026, 12, 1)) == "mardi 1er décembre 2026"
    assert cal.format_time(paris(2026, 12, 5, 18, 7)) == "18h07"
    assert cal.paris_day(datetime.fromisoformat("2026-12-04T23:30+00:00")) == date(2026, 12, 5)


# --- Which article on which day ----------------------------------------------------


@pytest.mark.django_db
def test_month_view_puts_articles_on_their_paris_day(editor_client, make_article):
    just_after_midnight = make_article(
        title="Le PLFSS adopté", status=Status.SCHEDULED, published_at=paris(2026, 12, 5, 0, 30)
    )
    assert just_after_midnight.published_at.astimezone(cal.PARIS).day == 5
    evening = make_article(title="Soir", published_at=paris(2026, 11, 30, 23, 59))
    next_month = make_article(status=Status.SCHEDULED, published_at=paris(2027, 1, 3, 8, 0))
    outside = make_article(status=Status.SCHEDULED, published_at=paris(2027, 1, 4, 0, 0))

    response = editor_client.get(CAL_URL, {"mois": "2026-12"})

    assert response.status_code == 200
    assert day_ids(response, date(2026, 12, 5)) == [just_after_midnight.pk]
    assert day_ids(response, date(2026, 12, 4)) == []
    assert day_ids(response, date(2026, 11, 30)) == [evening.pk]
    # The grid's last row shows the first days of January, greyed.
    assert day_ids(response, date(2027, 1, 3)) == [next_month.pk]
    assert outside.pk not in grid_ids(response)
    html = response.content.decode()
    assert "0h30" in html and "Le PLFSS adopté" in html
    assert "Décembre 2026" in html and "Lundi" in html and "Dimanche" in html


@pytest.mark.django_db
def test_week_view_across_daylight_saving_change(editor_client, make_article):
    before_change = make_article(published_at=paris(2026, 3, 29, 1, 30))
    after_change = make_article(published_at=paris(2026, 3, 29, 23, 30))  # 21h30 UTC
    next_monday = make_article(published_at=paris(2026, 3, 30, 0, 30))  # 22h30 UTC on the 29th
    previous_sunday = make_article(published_at=paris(2026, 3, 22, 23, 59))

    response = editor_client.get(CAL_URL, {"semaine": "2026-W13"})

    assert response.status_code == 200
    assert day_ids(response, date(2026, 3, 29)) == [before_change.pk, after_change.pk]
    assert next_monday.pk not in grid_ids(response)
    assert previous_sunday.pk not in grid_ids(response)
    html = response.content.decode()
    assert "Dimanche 29 mars 2026" in html and "1h30" in html and "23h30" in html

    following = editor_client.get(CAL_URL, {"semaine": "2026-W14"})
    assert day_ids(following, date(2026, 3, 30)) == [next_monday.pk]


@pytest.mark.django_db
def test_autumn_change_in_month_view(editor_client, make_article):
    # Sunday 25 October 2026, 3h → 2h: 2h30 happens twice.
    first = make_article(published_at=datetime.fromisoformat("2026-10-25T02:30+02:00"))
    second = make_article(published_at=datetime.fromisoformat("2026-10-25T02:30+01:00"))
    late = make_article(published_at=paris(2026, 10, 25, 23, 30))  # 22h30 UTC
    response = editor_client.get(CAL_URL, {"mois": "2026-10"})
    assert day_ids(response, date(2026, 10, 25)) == [first.pk, second.pk, late.pk]


@pytest.mark.django_db
def test_grid_shows_live_and_unpublished_articles_with_their_effective_status(
    editor_client, make_article, author
):
    second_author = Author.objects.create(name="Marc Leroy")
    scheduled = make_article(
        title="Programmé ce soir",
        status=Status.SCHEDULED,
        published_at=paris(2026, 12, 1, 18, 7),
        authors=[author, second_author],
    )
    published = make_article(title="Déjà en ligne", published_at=paris(2026, 12, 1, 8, 0))
    expired = make_article(
        title="Embargo levé",
        published_at=paris(2026, 12, 1, 6, 0),
        unpublish_at=paris(2026, 12, 1, 9, 0),
    )
    unpublished = make_article(
        title="Retiré", status=Status.UNPUBLISHED, published_at=paris(2026, 12, 1, 7, 0)
    )
    draft_without_date = make_article(title="Brouillon", status=Status.DRAFT)
    in_review = make_article(title="À relire", status=Status.REVIEW)

    response = editor_client.get(CAL_URL)

    assert response.context["period"].anchor == date(2026, 12, 1)
    today = [e for d in response.context["days"] if d.is_today for e in d.entries]
    assert [(e.article.pk, e.status_label) for e in today] == [
        (expired.pk, "Expiré"),
        (unpublished.pk, "Dépublié"),
        (published.pk, "Publié"),
        (scheduled.pk, "Programmé"),
    ]
    assert draft_without_date.pk not in grid_ids(response)
    assert in_review.pk not in grid_ids(response)
    html = response.content.decode()
    assert "18h07" in html
    assert "Claire Dubois, Marc Leroy" in html
    assert scheduled.section.name in html
    assert f'href="/admin/articles/article/{scheduled.pk}/change/"' in html
    assert 'aria-current="date"' in html and "cal-today" in html


@pytest.mark.django_db
def test_side_column_lists_review_changes_requested_and_drafts(editor_client, make_article):
    review = make_article(title="Texte à relire", status=Status.REVIEW)
    changes = make_article(title="À reprendre", status=Status.CHANGES_REQUESTED)
    draft = make_article(title="Idée de sujet", status=Status.DRAFT)
    scheduled = make_article(status=Status.SCHEDULED, published_at=paris(2026, 12, 3, 9, 0))
    published = make_article()

    response = editor_client.get(CAL_URL, {"semaine": "2026-W49"})

    assert side_ids(response) == [review.pk, changes.pk, draft.pk]
    assert scheduled.pk not in side_ids(response) and published.pk not in side_ids(response)
    html = response.content.decode()
    assert "À relire / sans date" in html
    for article in (review, changes, draft):
        assert f'href="/admin/articles/article/{article.pk}/change/"' in html


@pytest.mark.django_db
def test_side_column_is_capped_with_a_link_to_the_rest(editor_client, make_article, monkeypatch):
    from articles.admin import ArticleAdmin

    monkeypatch.setattr(ArticleAdmin, "calendar_side_limit", 2)
    for _ in range(3):
        make_article(status=Status.REVIEW)
    response = editor_client.get(CAL_URL)
    assert len(side_ids(response)) == 2
    assert "Voir tous les articles en attente" in response.content.decode()
    more = editor_client.get(response.context["side_more_url"])
    assert more.status_code == 200 and more.context["cl"].result_count == 3


# --- Who sees what ----------------------------------------------------------------------


@pytest.mark.django_db
def test_journalist_sees_published_work_and_their_own_read_only(
    journalist_client, journalist, make_article
):
    mine = make_article(title="Mon brouillon", status=Status.DRAFT, created_by=journalist)
    theirs = make_article(title="Sujet d'un collègue", status=Status.REVIEW)
    mine_scheduled = make_article(
        status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0), created_by=journalist
    )
    their_scheduled = make_article(
        title="Exclusivité programmée", status=Status.SCHEDULED,
        published_at=paris(2026, 12, 3, 7, 0),
    )  # fmt: skip
    published = make_article(published_at=paris(2026, 12, 1, 7, 0))

    response = journalist_client.get(CAL_URL)

    assert response.status_code == 200
    # A colleague's unpublished work (in review, scheduled) is not theirs to see.
    assert set(grid_ids(response)) == {mine_scheduled.pk, published.pk}
    assert set(side_ids(response)) == {mine.pk}
    html = response.content.decode()
    assert theirs.title not in html and their_scheduled.title not in html
    assert "reprogrammer/" not in html and 'name="published_at"' not in html
    assert "Lecture seule" in html
    entries = {e.article.pk: e for e in response.context["side"]}
    assert entries[mine.pk].can_edit
    assert 'title="Consulter l’article (lecture seule)"' in html
    assert 'title="Modifier l’article"' in html


@pytest.mark.django_db
def test_editor_gets_a_reschedule_form_for_future_and_waiting_articles(editor_client, make_article):
    future = make_article(status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0))
    live = make_article(published_at=paris(2026, 12, 1, 7, 0))
    review = make_article(status=Status.REVIEW)
    html = editor_client.get(CAL_URL).content.decode()
    assert f'action="{reschedule_url(future)}"' in html
    assert f'action="{reschedule_url(review)}"' in html
    assert f'action="{reschedule_url(live)}"' not in html
    assert 'value="2026-12-02T07:00"' in html and "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_calendar_access(client, reader, django_user_model, make_article):
    assert client.get(CAL_URL).status_code == 302  # anonymous → login
    client.force_login(reader)
    assert client.get(CAL_URL).status_code == 302  # not staff → login
    staff = django_user_model.objects.create_user("stagiaire", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_section"))
    client.force_login(staff)
    assert client.get(CAL_URL).status_code == 403


@pytest.mark.django_db
def test_change_list_links_to_the_calendar(editor_client):
    html = editor_client.get("/admin/articles/article/").content.decode()
    assert f'<a href="{CAL_URL}">Calendrier éditorial</a>' in html


# --- Navigation and bad parameters ------------------------------------------------------


@pytest.mark.django_db
def test_navigation_links(editor_client):
    month = editor_client.get(CAL_URL, {"mois": "2027-01"})
    assert month.context["previous_url"] == f"{CAL_URL}?mois=2026-12"
    assert month.context["next_url"] == f"{CAL_URL}?mois=2027-02"
    assert month.context["today_url"] == f"{CAL_URL}?mois=2026-12"
    assert month.context["week_url"] == f"{CAL_URL}?semaine=2026-W53"
    assert "Janvier 2027" in month.content.decode()
    week = editor_client.get(CAL_URL, {"semaine": "2026-W53"})
    assert week.context["previous_url"] == f"{CAL_URL}?semaine=2026-W52"
    assert week.context["next_url"] == f"{CAL_URL}?semaine=2027-W01"
    assert week.context["today_url"] == f"{CAL_URL}?semaine=2026-W49"
    # ISO rule: a week belongs to the month of its Thursday (31 December).
    assert week.context["month_url"] == f"{CAL_URL}?mois=2026-12"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "kind", "anchor"),
    [
        ({"mois": "2026-13"}, "month", date(2026, 12, 1)),
        ({"mois": "n'importe quoi"}, "month", date(2026, 12, 1)),
        ({"mois": "0000-01"}, "month", date(2026, 12, 1)),
        ({"mois": "9" * 500}, "month", date(2026, 12, 1)),
        ({"semaine": "2027-W53"}, "week", date(2026, 11, 30)),
        ({"semaine": "2026-W99"}, "week", date(2026, 11, 30)),
        ({"semaine": "<script>"}, "week", date(2026, 11, 30)),
    ],
)
def test_invalid_period_falls_back_to_the_current_one(editor_client, params, kind, anchor):
    response = editor_client.get(CAL_URL, params)
    assert response.status_code == 200
    assert response.context["period"].kind == kind
    assert response.context["period"].anchor == anchor
    assert any("invalide" in m for m in messages_of(response))
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_navigation_stops_at_the_supported_years(editor_client):
    response = editor_client.get(CAL_URL, {"mois": "2999-12"})
    assert response.status_code == 200 and response.context["next_url"] is None
    response = editor_client.get(CAL_URL, {"semaine": "1900-W01"})
    assert response.status_code == 200 and response.context["previous_url"] is None


# --- Rescheduling ---------------------------------------------------------------------


def post_reschedule(client, article, when, **extra):
    data = {
        "published_at": when,
        "version": str(article.version),
        "next": CAL_URL + "?mois=2026-12",
    }
    return client.post(reschedule_url(article), data | extra)


@pytest.mark.django_db
def test_editor_reschedules_a_scheduled_article(editor_client, editor, make_article):
    article = make_article(
        title="Budget de la Sécu", status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0)
    )
    version = article.version

    response = post_reschedule(editor_client, article, "2026-12-05T18:07")

    assert response.status_code == 302
    assert response["Location"] == CAL_URL + "?mois=2026-12"
    article.refresh_from_db()
    assert article.published_at == paris(2026, 12, 5, 18, 7)
    assert article.status == Status.SCHEDULED
    assert article.version == version + 1
    transition = Transition.objects.get(article=article)
    assert (transition.from_status, transition.to_status) == (Status.SCHEDULED, Status.SCHEDULED)
    assert transition.by == editor
    assert transition.comment == "Reprogrammé depuis le calendrier"
    assert messages_of(response) == [
        "« Budget de la Sécu » est programmé le samedi 5 décembre 2026 à 18h07."
    ]
    # And the calendar now shows it on the 5th.
    calendar = editor_client.get(CAL_URL, {"mois": "2026-12"})
    assert day_ids(calendar, date(2026, 12, 5)) == [article.pk]


@pytest.mark.django_db
def test_editor_schedules_an_article_in_review(editor_client, make_article):
    article = make_article(status=Status.REVIEW)
    response = post_reschedule(editor_client, article, "2026-12-01T10:02")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.SCHEDULED, paris(2026, 12, 1, 10, 2))
    assert Transition.objects.get(article=article).from_status == Status.REVIEW
    assert not Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_reschedule_keeps_a_revision_and_tells_the_author(
    editor_client, journalist, make_article, django_capture_on_commit_callbacks, mailoutbox
):
    journalist.email = "claire@example.org"
    journalist.save()
    article = make_article(
        title="Déserts médicaux",
        status=Status.SCHEDULED,
        published_at=paris(2026, 12, 2, 7, 0),
        created_by=journalist,
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_reschedule(editor_client, article, "2026-12-05T18:07")
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert versions.get().revision.comment == "Reprogrammé depuis le calendrier"
    assert [m.to for m in mailoutbox] == [["claire@example.org"]]
    assert "Déserts médicaux" in mailoutbox[0].subject
    assert "18h07" in mailoutbox[0].body or "18:07" in mailoutbox[0].body


@pytest.mark.django_db
def test_published_with_a_future_date_counts_as_scheduled(editor_client, make_article):
    # Status "Publié" with a date to come, set in the form: not live yet, shown as Programmé.
    article = make_article(status=Status.PUBLISHED, published_at=paris(2026, 12, 2, 7, 0))
    calendar = editor_client.get(CAL_URL)
    assert f'action="{reschedule_url(article)}"' in calendar.content.decode()
    post_reschedule(editor_client, article, "2026-12-03T07:30")
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.SCHEDULED, paris(2026, 12, 3, 7, 30))
    transition = Transition.objects.get(article=article)
    assert (transition.from_status, transition.to_status) == (Status.PUBLISHED, Status.SCHEDULED)


def assert_unchanged(article):
    before = (article.status, article.published_at, article.version)
    article.refresh_from_db()
    assert (article.status, article.published_at, article.version) == before
    assert not Transition.objects.filter(article=article).exists()


@pytest.mark.django_db
def test_journalist_forged_reschedule_is_refused(journalist_client, journalist, make_article):
    own_draft = make_article(status=Status.DRAFT, created_by=journalist)
    scheduled = make_article(status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0))
    # Their own draft: the editors' decision. Someone else's scheduled article does not
    # exist for them, exactly like an unknown id.
    for article, refused in ((own_draft, 403), (scheduled, 404)):
        response = post_reschedule(journalist_client, article, "2026-12-05T18:07")
        assert response.status_code == refused
        assert_unchanged(article)
    assert journalist_client.post(reschedule_url(999999), {}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("object_id", ["999999", "abc", "99999999999999999999999", "-1"])
def test_unknown_article_is_a_404(editor_client, object_id):
    response = editor_client.post(
        reschedule_url(object_id), {"published_at": "2026-12-05T18:07", "version": "1"}
    )
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert not Article.objects.filter(published_at__date="2026-12-05").exists()


@pytest.mark.django_db
def test_reschedule_only_by_post_with_csrf(editor, make_article):
    article = make_article(status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0))
    client = logged_in(editor, enforce_csrf_checks=True)
    assert client.get(reschedule_url(article)).status_code == 405
    response = post_reschedule(client, article, "2026-12-05T18:07")
    assert response.status_code == 403
    assert_unchanged(article)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("demain matin", "Saisissez une date et une heure valides"),
        ("", "Ce champ est obligatoire"),
        ("2026-12-01T09:59", "La nouvelle date doit être dans le futur."),
        ("2026-12-01T10:00", "La nouvelle date doit être dans le futur."),
        ("2026-02-30T10:00", "Saisissez une date et une heure valides"),
        # 2h30 does not exist in Paris on 28 March 2027 (clocks go from 2h to 3h).
        ("2027-03-28T02:30", "Europe/Paris"),
        ("3500-01-01T10:00", "Cette date est trop lointaine."),
    ],
)
def test_invalid_new_date_is_refused_with_a_french_message(
    editor_client, make_article, when, message
):
    article = make_article(status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0))
    response = post_reschedule(editor_client, article, when)
    assert response.status_code == 302
    assert response["Location"] == CAL_URL + "?mois=2026-12"
    assert any(message in m for m in messages_of(response)), messages_of(response)
    assert_unchanged(article)


@pytest.mark.django_db
def test_new_date_must_precede_the_planned_unpublication(editor_client, make_article):
    article = make_article(
        status=Status.SCHEDULED,
        published_at=paris(2026, 12, 2, 7, 0),
        unpublish_at=paris(2026, 12, 10, 0, 0),
    )
    response = post_reschedule(editor_client, article, "2026-12-12T08:00")
    assert any("précéder la dépublication" in m for m in messages_of(response))
    assert_unchanged(article)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.PUBLISHED, "published_at": paris(2026, 11, 30, 8, 0)},
        # Scheduled but its time has come: it is live, moving it would pull it off the site.
        {"status": Status.SCHEDULED, "published_at": paris(2026, 12, 1, 9, 0)},
        {"status": Status.UNPUBLISHED, "published_at": paris(2026, 11, 30, 8, 0)},
    ],
)
def test_live_or_unpublished_articles_are_not_moved(editor_client, make_article, fields):
    article = make_article(**fields)
    response = post_reschedule(editor_client, article, "2026-12-05T18:07")
    assert response.status_code == 302
    assert any("ne peut pas être reprogrammé" in m for m in messages_of(response))
    assert_unchanged(article)


@pytest.mark.django_db
def test_stale_calendar_does_not_overwrite_a_newer_change(editor_client, make_article):
    article = make_article(status=Status.SCHEDULED, published_at=paris(2026, 12, 2, 7, 0))
    shown_version = article.version
    # Someone moves it after the calendar was displayed.
    article.published_at = paris(2026, 12, 3, 7, 0)
    article.save()
    response = post_reschedule(editor_client, article, "2026-12-05T18:07", version=shown_version)
    assert any("modifié depuis l'affichage" in m for m in messages_of(response))
    assert_unchanged(article)
    for bad in ["", "x", "0"]:
        post_reschedule(editor_client, article, "2026-12-05T18:07", version=bad)
        assert_unchanged(article)


@pytest.mark.django_db
def test_reschedule_never_redirects_off_site(editor_client, make_article):
    article = make_article(status=Status.REVIEW)
    response = post_reschedule(
        editor_client, article, "2026-12-05T18:07", next="https://evil.example/"
    )
    assert response.status_code == 302 and response["Location"] == CAL_URL


# --- Bounded queries --------------------------------------------------------------------


def count_queries(client, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(CAL_URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"mois": "2026-12"}, {"semaine": "2026-W49"}])
def test_query_count_does_not_grow_with_articles(
    editor_client, make_article, sections, author, params, django_assert_max_num_queries
):
    second_author = Author.objects.create(name="Marc Leroy")
    statuses = [Status.SCHEDULED, Status.PUBLISHED, Status.REVIEW, Status.DRAFT]

    def add(n, offset):
        for i in range(n):
            status = statuses[i % len(statuses)]
            make_article(
                status=status,
                published_at=paris(2026, 11, 30, 8, 0) + timedelta(hours=4 * (i + offset))
                if status in (Status.SCHEDULED, Status.PUBLISHED)
                else None,
                section=sections["esante" if i % 2 else "politique"],
                authors=[author, second_author] if i % 3 else [author],
            )

    add(3, 0)
    few = count_queries(editor_client, params)
    add(37, 3)
    many = count_queries(editor_client, params)
    assert many == few
    with django_assert_max_num_queries(few):
        editor_client.get(CAL_URL, params)
    response = editor_client.get(CAL_URL, params)
    # All within the week of 30 November: every one is shown.
    assert len(grid_ids(response)) + len(side_ids(response)) == 40
    assert response.content.decode().count("Marc Leroy") > 20
