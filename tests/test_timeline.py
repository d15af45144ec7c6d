"""One editorial timeline per article: transitions, revisions, autosaves (collapsed),
updates and corrections, share links, in French, newest first; Django's history leads
to it; a colleague's draft stays a 404; what staff typed is shown as text."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import reversion
import time_machine
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import ArticleRevisionInfo, ArticleUpdate, ShareLink, Status, UpdateKind
from articles.revisions import article_revision, article_versions
from tests.helpers import change_url, logged_in
from tests.test_revisions import history_url as timeline_url
from tests.test_workflow_transitions import post_transition

pytestmark = pytest.mark.django_db

# March 2026, Paris is UTC+1: 13:05 UTC is 14h05 in Paris.
MARCH_10 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
MARCH_12_1405 = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)
MARCH_13_1000 = datetime(2026, 3, 13, 9, 0, tzinfo=UTC)


def django_history_url(article):
    return f"/admin/articles/article/{article.pk}/history/"


def page(client, article):
    response = client.get(timeline_url(article))
    assert response.status_code == 200
    return response.content.decode()


def entries_html(html):
    """The timeline's list only (not the page's other text)."""
    start = html.index('<ol class="timeline">')
    return html[start : html.index("\n</ol>", start)]


@pytest.fixture
def editor_client(editor):
    editor.first_name, editor.last_name = "Élise", "Rédac"
    editor.save()
    return logged_in(editor)


@pytest.fixture
def sophie(journalist):
    journalist.first_name, journalist.last_name = "Sophie", "Garnier"
    journalist.save()
    return journalist


@pytest.fixture
def draft(make_article, sophie):
    return make_article(title="Déserts médicaux", status=Status.DRAFT, created_by=sophie)


def saved(article, user, when, comment="Enregistrement dans l'administration", **fields):
    """A save of ``article`` at ``when``, kept as a revision (as the admin does)."""
    with time_machine.travel(when, tick=False), article_revision(article, user, comment):
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()


def autosaved(article, user, when):
    """What the autosave keeps: a revision marked autosave; the article row unchanged."""
    with time_machine.travel(when, tick=False), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Enregistrement automatique")
        reversion.add_to_revision(article)
        reversion.add_meta(
            ArticleRevisionInfo, tags=[], autosave=True, base_version=article.version
        )


# --- Transitions ---------------------------------------------------------------------------


def test_a_submission_from_the_admin_is_one_entry_with_its_comment(draft, sophie, editor_client):
    response = post_transition(
        logged_in(sophie), draft, "submit", title="Déserts médicaux : le plan", comment="Prêt."
    )
    assert response.status_code == 302
    # The save also wrote a revision and a LogEntry: the timeline tells it once.
    assert LogEntry.objects.filter(object_id=str(draft.pk)).count() == 1
    html = entries_html(page(editor_client, draft))
    assert html.count('class="timeline__entry ') == 2  # the submission, the state before it
    assert html.count("Soumis à la relecture par Sophie Garnier") == 1
    assert '<blockquote class="timeline__comment">Prêt.</blockquote>' in html
    assert "Révision enregistrée : Titre modifié" in html
    assert "Révision enregistrée par Sophie Garnier" not in html
    assert "Comparer avec la précédente" in html


def test_scheduling_says_for_when_as_it_was_then(make_article, editor, editor_client):
    article = make_article(status=Status.REVIEW, published_at=None)
    with time_machine.travel(MARCH_10, tick=False):
        workflow.record(
            article, Status.REVIEW, Status.SCHEDULED, editor, "Relu, chiffres vérifiés."
        )
    saved(article, editor, MARCH_10, status=Status.SCHEDULED, published_at=MARCH_12_1405)
    # Moved later from the calendar: the scheduling still says what it said then.
    saved(article, editor, MARCH_10 + timedelta(hours=1), "Reprogrammé", published_at=MARCH_13_1000)
    html = entries_html(page(editor_client, article))
    assert "Programmé pour le 12 mars 2026 à 14h05 par Élise Rédac" in html
    assert "Relu, chiffres vérifiés." in html
    assert "Révision enregistrée par Élise Rédac : Date de publication modifiée" in html


def test_a_transition_without_a_revision_still_says_it(make_article, editor, editor_client):
    # workflow.perform (calendar, shell) keeps no revision: the date is the article's.
    article = make_article(status=Status.SCHEDULED, published_at=MARCH_12_1405)
    workflow.record(article, Status.REVIEW, Status.SCHEDULED, editor)
    html = entries_html(page(editor_client, article))
    assert "Programmé pour le 12 mars 2026 à 14h05 par Élise Rédac" in html


# --- Revisions and autosaves -----------------------------------------------------------------


def test_revisions_say_what_changed_with_compare_and_restore(make_article, editor, editor_client):
    article = make_article(title="Avant", standfirst="Chapô d'avant.")
    saved(article, editor, MARCH_10, "Import")
    saved(article, editor, MARCH_12_1405, title="Après", standfirst="Chapô d'après.")
    first, second = [v.revision for v in reversed(article_versions(article))]
    html = entries_html(page(editor_client, article))
    assert "Révision enregistrée par Élise Rédac : Titre, Chapô modifiés" in html
    assert "Première révision enregistrée par Élise Rédac" in html
    compare = f"/admin/articles/article/{article.pk}/revisions/comparer/"
    assert (
        f'href="{compare}?de={first.pk}&amp;vers={second.pk}">Comparer avec la précédente' in html
    )
    restore = f"/admin/articles/article/{article.pk}/revisions/{{}}/restaurer/"
    assert f'href="{restore.format(first.pk)}">Restaurer' in html
    assert restore.format(second.pk) not in html  # the latest is the article as it is


def test_autosaves_are_collapsed_into_one_entry(draft, sophie, editor_client):
    saved(draft, sophie, MARCH_12_1405)
    for minute in (40, 41, 42):  # 19h40… in Paris
        autosaved(draft, sophie, datetime(2026, 3, 12, 18, minute, tzinfo=UTC))
    saved(draft, sophie, datetime(2026, 3, 12, 19, 0, tzinfo=UTC), title="Titre enfin choisi")
    html = entries_html(page(editor_client, draft))
    assert html.count("3 enregistrements automatiques (dernier à 19h42)") == 1
    assert html.count('class="timeline__entry timeline__entry--autosave"') == 1
    details = html[html.index("<details") : html.index("</details>")]
    assert details.count("Enregistrement automatique par Sophie Garnier") == 3
    # The save after them is compared with the save before them, never with an autosave.
    first_save = article_versions(draft).filter(revision__date_created=MARCH_12_1405).get()
    assert "Révision enregistrée par Sophie Garnier : Titre modifié" in html
    assert f"de={first_save.revision_id}&amp;vers=" in html


# --- Updates, corrections, share links ---------------------------------------------------------


def test_updates_and_corrections(make_article, editor, editor_client):
    article = make_article()
    ArticleUpdate.objects.create(
        article=article, kind=UpdateKind.UPDATE, note="Ajout de la réaction de la FHF", by=editor
    )
    ArticleUpdate.objects.create(
        article=article, kind=UpdateKind.CORRECTION, note="Le budget est de 2 Md€", by=editor
    )
    html = entries_html(page(editor_client, article))
    assert "Mise à jour publiée par Élise Rédac : « Ajout de la réaction de la FHF »" in html
    assert "Correction publiée par Élise Rédac : « Le budget est de 2 Md€ »" in html


def test_share_links_created_and_revoked(make_article, editor_client):
    article = make_article(created_by=None)
    links = f"/admin/articles/article/{article.pk}/liens-apercu/"
    assert editor_client.post(links, {"duration": "7", "note": "Dr Martin"}).status_code == 302
    link = ShareLink.objects.get()
    assert editor_client.post(f"{links}{link.pk}/revoquer/").status_code == 302
    html = entries_html(page(editor_client, article))
    expiry = timezone.localtime(link.expires_at)
    assert f"Lien de partage créé par Élise Rédac pour « Dr Martin » (expire le {expiry:%d}" in html
    assert html.index("Lien de partage pour « Dr Martin » révoqué") < html.index("créé par")


def test_a_journalist_never_reads_who_a_link_was_for(draft, sophie, editor):
    ShareLink.objects.create(
        article=draft,
        created_by=editor,
        note="Source anonyme",
        expires_at=ShareLink.default_expiry(),
    )
    html = page(logged_in(sophie), draft)
    assert "Lien de partage créé par editeur (expire le" in html
    assert "Source anonyme" not in html


# --- The page ----------------------------------------------------------------------------------


def test_newest_first(make_article, editor, editor_client):
    article = make_article()
    saved(article, editor, MARCH_10, title="Première")
    with time_machine.travel(MARCH_12_1405, tick=False):
        ArticleUpdate.objects.create(
            article=article, kind=UpdateKind.UPDATE, note="Ajout", by=editor
        )
    with time_machine.travel(MARCH_13_1000, tick=False):
        workflow.record(article, Status.PUBLISHED, Status.UNPUBLISHED, editor, "Erreur")
    html = entries_html(page(editor_client, article))
    order = [html.index(s) for s in ("Dépublié par", "Mise à jour publiée", "Première révision")]
    assert order == sorted(order)
    assert '<time class="timeline__when" datetime="2026-03-13T10:00:00+01:00">' in html


def test_the_page_costs_the_same_queries_for_2_or_10_entries_of_each_kind(
    make_article, editor, editor_client
):
    def queries(count):
        article = make_article()
        for n in range(count):
            when = MARCH_10 + timedelta(hours=n)
            saved(article, editor, when, title=f"Titre {n}")
            autosaved(article, editor, when + timedelta(minutes=5))
            with time_machine.travel(when + timedelta(minutes=10), tick=False):
                workflow.record(article, Status.DRAFT, Status.REVIEW, editor, f"n° {n}")
                ArticleUpdate.objects.create(article=article, kind="update", note="…", by=editor)
                ShareLink.objects.create(
                    article=article, created_by=editor, expires_at=when, revoked_at=when
                )
        with CaptureQueriesContext(connection) as captured:
            html = page(editor_client, article)
        assert html.count(f"n° {count - 1}") == 1
        return len(captured)

    assert queries(2) == queries(10)


def test_django_history_goes_to_the_timeline(make_article, editor_client):
    article = make_article()
    response = editor_client.get(django_history_url(article))
    assert response.status_code == 302
    assert response["Location"] == timeline_url(article)
    html = editor_client.get(django_history_url(article), follow=True).content.decode()
    assert f"<h1>Historique de « {article.title} »</h1>" in html
    assert html.count("<h1") == 1


def test_a_colleagues_published_article_shows_no_revisions(make_article, other_journalist, editor):
    article = make_article(title="Titre retiré par correction", created_by=other_journalist)
    saved(article, editor, MARCH_10)
    article.title = "Titre corrigé"
    article.save()
    workflow.record(article, Status.REVIEW, Status.PUBLISHED, editor, "Bon pour publication")
    client = logged_in(other_journalist.__class__.objects.get(username="journaliste"))
    assert client.get(timeline_url(article)).status_code == 403
    response = client.get(django_history_url(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Publié par editeur" in html and "Bon pour publication" in html
    assert "Révision" not in entries_html(html) and "Titre retiré" not in html
    change = client.get(change_url(article)).content.decode()
    assert f'href="{django_history_url(article)}">Voir tout l\'historique' in change


def test_a_journalist_cannot_see_the_timeline_of_a_colleagues_draft(draft, other_journalist):
    client = logged_in(other_journalist)
    for url in (timeline_url(draft), django_history_url(draft)):
        response = client.get(url)
        assert response.status_code == 404
        assert "Déserts médicaux" not in response.content.decode()


def test_comments_and_notes_are_shown_as_text(draft, sophie, editor, editor_client):
    payload = "<script>alert(1)</script>"
    workflow.record(draft, Status.DRAFT, Status.REVIEW, sophie, payload)
    ArticleUpdate.objects.create(article=draft, kind="correction", note=payload, by=editor)
    ShareLink.objects.create(
        article=draft, created_by=editor, note=payload, expires_at=ShareLink.default_expiry()
    )
    html = page(editor_client, draft)
    assert payload not in html
    assert entries_html(html).count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3


def test_the_change_form_shows_the_newest_five(draft, sophie, editor_client):
    for n in range(8):
        with time_machine.travel(MARCH_10 + timedelta(hours=n), tick=False):
            workflow.record(draft, Status.DRAFT, Status.REVIEW, sophie, f"Étape {n}")
    html = editor_client.get(change_url(draft)).content.decode()
    module = html[html.index('id="historique-editorial"') :]
    module = module[: module.index("</section>")]
    assert module.count('class="timeline__entry ') == 5
    assert "Étape 7" in module and "Étape 2" not in module
    assert f'<a href="{timeline_url(draft)}">Voir tout l\'historique</a>' in module


def test_older_entries_are_on_the_next_page(make_article, editor, editor_client, monkeypatch):
    monkeypatch.setattr("articles.timeline.PAGE_SIZE", 3)
    article = make_article()
    for n in range(5):
        saved(article, editor, MARCH_10 + timedelta(days=n), title=f"Version {n}")
    html = page(editor_client, article)
    assert entries_html(html).count('class="timeline__entry ') == 3
    older = re.search(r'href="(\?avant=[^"]+)">Plus anciennes', html).group(1)
    html = editor_client.get(timeline_url(article) + older.replace("&amp;", "&")).content.decode()
    assert entries_html(html).count('class="timeline__entry ') == 2
    assert "Première révision enregistrée" in html and "Plus anciennes" not in html
    for bad in ("demain", "2026-03-10T08:00:00", "9" * 50):
        assert editor_client.get(timeline_url(article), {"avant": bad}).status_code == 404


def test_an_autosave_offers_no_compare_nor_restore(draft, sophie, editor_client):
    # Compared and restored only once its writer saves it (revisions.saved_versions).
    saved(draft, sophie, MARCH_10)
    autosaved(draft, sophie, MARCH_12_1405)
    autosave = article_versions(draft).filter(revision__date_created=MARCH_12_1405).get()
    html = entries_html(page(editor_client, draft))
    assert "Enregistrement automatique à 14h05 par Sophie Garnier" in html
    assert f"de={autosave.revision_id}" not in html and f"vers={autosave.revision_id}" not in html
    assert f"/revisions/{autosave.revision_id}/restaurer/" not in html
