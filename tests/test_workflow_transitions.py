"""Every workflow transition, for both roles, allowed and refused, through the admin form.

Each case asserts what is in the database afterwards: the status, the dates, and the
editorial history (who, from, to, comment). Journalists forge their POSTs.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Status, Transition
from tests.helpers import ADD_URL, CHANGELIST_URL, change_url, logged_in, page_text
from tests.test_admin_articles import article_form_data, form_errors, publication_data

S = Status


@pytest.fixture
def article_in(make_article, journalist):
    """An article of the journalist's in ``status`` (scheduled: tomorrow)."""

    def make(status, **fields):
        fields.setdefault("created_by", journalist)
        if status == S.SCHEDULED:
            fields.setdefault("published_at", timezone.now() + timedelta(days=1))
        return make_article(title="Article suivi", status=status, **fields)

    return make


def paris(value):
    local = timezone.localtime(value)
    return {"published_at_0": local.strftime("%d/%m/%Y"), "published_at_1": local.strftime("%H:%M")}


def post_transition(client, article, name, *, editor=False, comment="", **fields):
    data = article_form_data(article.section, article=article, **fields)
    if editor:
        data |= publication_data(article)
    data |= {"_transition": name, "transition_comment": comment}
    return client.post(change_url(article), data)


def history(article):
    return [
        (t.by.username if t.by else None, t.from_status, t.to_status, t.comment)
        for t in Transition.objects.filter(article=article).order_by("at", "pk")
    ]


# --- The table itself ------------------------------------------------------------------

EXPECTED = {
    # status: (creator journalist, editor)
    S.DRAFT: ({"submit"}, {"submit", "schedule", "publish"}),
    S.REVIEW: ({"withdraw"}, {"withdraw", "request_changes", "schedule", "publish"}),
    S.CHANGES_REQUESTED: ({"submit"}, {"submit", "schedule", "publish"}),
    S.SCHEDULED: (set(), {"request_changes", "publish", "unpublish"}),
    S.PUBLISHED: (set(), {"unpublish"}),
    S.UNPUBLISHED: (set(), {"schedule", "publish"}),
}


@pytest.mark.parametrize("status", list(EXPECTED))
def test_allowed_transitions_by_role_and_state(status, journalist, other_journalist, editor):
    article = Article(status=status, created_by=journalist, pk=1)
    as_creator, as_editor = EXPECTED[status]
    assert {r.name for r in workflow.allowed(journalist, article)} == as_creator
    assert {r.name for r in workflow.allowed(editor, article)} == as_editor
    assert workflow.allowed(other_journalist, article) == []


def test_buttons_show_the_allowed_transitions_only(journalist, editor, article_in):
    article = article_in(S.REVIEW)
    html = logged_in(journalist).get(change_url(article)).content.decode()
    assert 'value="withdraw"' in html and "Retirer de la relecture" in html
    for name in ("submit", "request_changes", "schedule", "publish", "unpublish"):
        assert f'value="{name}"' not in html
    html = logged_in(editor).get(change_url(article)).content.decode()
    for label in ("Demander des corrections", "Programmer", "Publier maintenant"):
        assert label in html
    assert 'value="unpublish"' not in html and 'name="transition_comment"' in html


# --- Journalists --------------------------------------------------------------------------


@pytest.mark.parametrize("source", [S.DRAFT, S.CHANGES_REQUESTED])
def test_journalist_saves_and_submits_in_one_action(journalist, article_in, source):
    article = article_in(source)
    response = post_transition(
        logged_in(journalist), article, "submit", title="Corrigé", comment="Prêt"
    )
    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert (article.status, article.title, article.published_at) == (S.REVIEW, "Corrigé", None)
    assert history(article) == [("journaliste", source, S.REVIEW, "Prêt")]


def test_journalist_submits_a_new_article_from_the_add_page(journalist, sections):
    data = article_form_data(sections["politique"], title="Tout neuf", _transition="submit")
    response = logged_in(journalist).post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert (article.status, article.created_by) == (S.REVIEW, journalist)
    assert history(article) == [("journaliste", S.DRAFT, S.REVIEW, "")]


def test_journalist_withdraws_and_edits_in_review(journalist, article_in):
    article = article_in(S.REVIEW)
    client = logged_in(journalist)
    # Still theirs while in review: a plain save works.
    response = client.post(
        change_url(article), article_form_data(article.section, article=article, title="Retouché")
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    response = post_transition(client, article, "withdraw")
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.status, article.title) == (S.DRAFT, "Retouché")
    assert history(article) == [("journaliste", S.REVIEW, S.DRAFT, "")]


EDITORS_ONLY = "« {} » est réservé aux éditeurs."
NOT_FROM = "« {} » n'est pas possible pour un article au statut « {} »."
# (status, transition, the refusal the journalist reads at the top of the form)
FORBIDDEN_FOR_JOURNALIST = [
    (S.DRAFT, "publish", EDITORS_ONLY.format("Publier maintenant")),
    (S.DRAFT, "schedule", EDITORS_ONLY.format("Programmer")),
    (S.DRAFT, "withdraw", NOT_FROM.format("Retirer de la relecture", "Brouillon")),
    (S.DRAFT, "unpublish", EDITORS_ONLY.format("Dépublier")),
    (S.DRAFT, "request_changes", EDITORS_ONLY.format("Demander des corrections")),
    (S.DRAFT, "nimporte-quoi", "Action inconnue."),
    (S.REVIEW, "publish", EDITORS_ONLY.format("Publier maintenant")),
    (S.REVIEW, "schedule", EDITORS_ONLY.format("Programmer")),
    (S.REVIEW, "request_changes", EDITORS_ONLY.format("Demander des corrections")),
    (S.REVIEW, "submit", NOT_FROM.format("Soumettre à la relecture", "À relire")),
    (S.CHANGES_REQUESTED, "publish", EDITORS_ONLY.format("Publier maintenant")),
    (
        S.CHANGES_REQUESTED,
        "withdraw",
        NOT_FROM.format("Retirer de la relecture", "Corrections demandées"),
    ),
]


@pytest.mark.parametrize(("status", "name", "refusal"), FORBIDDEN_FOR_JOURNALIST)
def test_journalist_forbidden_transition_saves_nothing(
    journalist, article_in, status, name, refusal
):
    article = article_in(status)
    response = post_transition(
        logged_in(journalist), article, name, title="Ne doit pas être enregistré", comment="x"
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert refusal in page_text(response)
    article.refresh_from_db()
    assert (article.status, article.title, article.published_at) == (status, "Article suivi", None)
    assert not Transition.objects.exists()
    assert not article.is_public


def test_journalist_forged_schedule_with_a_date_saves_nothing(journalist, article_in):
    article = article_in(S.REVIEW)
    future = timezone.now() + timedelta(days=2)
    response = post_transition(logged_in(journalist), article, "schedule", **paris(future))
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.REVIEW, None)
    assert not Transition.objects.exists()


@pytest.mark.parametrize("status", [S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED])
def test_journalist_cannot_touch_own_article_once_approved(journalist, article_in, status):
    article = article_in(status)
    before = Article.objects.values().get(pk=article.pk)
    client = logged_in(journalist)
    for name in ("unpublish", "withdraw", "submit", "publish", "request_changes"):
        assert post_transition(client, article, name).status_code == 403
    assert Article.objects.values().get(pk=article.pk) == before
    assert not Transition.objects.exists()


@pytest.mark.parametrize("status", [S.DRAFT, S.REVIEW, S.CHANGES_REQUESTED])
def test_journalist_cannot_move_a_colleagues_article(other_journalist, article_in, status):
    article = article_in(status)
    for name in ("submit", "withdraw", "publish"):
        # Their colleague's unpublished article does not exist for them.
        assert post_transition(logged_in(other_journalist), article, name).status_code == 404
    article.refresh_from_db()
    assert article.status == status
    assert not Transition.objects.exists()


def test_invalid_inline_rolls_back_the_transition(journalist, article_in, author):
    article = article_in(S.DRAFT)
    # The article's byline sent back, plus the same author again: a formset error.
    response = post_transition(logged_in(journalist), article, "submit", bylines=[(author, 1)])
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert not Transition.objects.exists()


# --- Editors -------------------------------------------------------------------------------


def test_editor_requests_changes_with_a_comment(editor, article_in):
    article = article_in(S.REVIEW)
    client = logged_in(editor)
    response = post_transition(client, article, "request_changes", editor=True)
    assert response.status_code == 200
    assert "Expliquez à l&#x27;auteur" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.REVIEW and not Transition.objects.exists()

    response = post_transition(
        client, article, "request_changes", editor=True, comment="Sourcer le chiffre."
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == S.CHANGES_REQUESTED
    assert history(article) == [("editeur", S.REVIEW, S.CHANGES_REQUESTED, "Sourcer le chiffre.")]


def test_editor_pulls_back_a_scheduled_article(editor, article_in):
    article = article_in(S.SCHEDULED)
    response = post_transition(
        logged_in(editor), article, "request_changes", editor=True, comment="Attendre l'avis"
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == S.CHANGES_REQUESTED
    assert not Article.objects.published(now=article.published_at + timedelta(hours=1)).exists()


@pytest.mark.parametrize("source", [S.REVIEW, S.DRAFT, S.CHANGES_REQUESTED, S.UNPUBLISHED])
def test_editor_schedules_at_a_paris_time(editor, article_in, source):
    article = article_in(source)
    data = {"published_at_0": "15/06/2030", "published_at_1": "14:05"}
    response = post_transition(logged_in(editor), article, "schedule", editor=True, **data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == S.SCHEDULED
    # 14:05 in Paris in summer is 12:05 UTC.
    assert article.published_at.isoformat() == "2030-06-15T12:05:00+00:00"
    assert history(article) == [("editeur", source, S.SCHEDULED, "")]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({}, "date de publication future"),
        ({"published_at_0": "01/01/2020", "published_at_1": "08:00"}, "date de publication future"),
        ({"published_at_0": "31/02/2030", "published_at_1": "08:00"}, "Saisissez une date valide"),
        ({"published_at_0": "15/06/2030", "published_at_1": "25:99"}, "Saisissez une heure valide"),
        ({"published_at_0": "15/06/2030", "published_at_1": "08:00",
          "unpublish_at_0": "15/06/2030", "unpublish_at_1": "07:00"}, "postérieure"),
    ],
)  # fmt: skip
def test_editor_schedule_refused_with_a_form_error(editor, article_in, dates, message):
    article = article_in(S.REVIEW)
    response = post_transition(logged_in(editor), article, "schedule", editor=True, **dates)
    assert response.status_code == 200
    assert message in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.REVIEW, None)
    assert not Transition.objects.exists()


@pytest.mark.parametrize("source", [S.REVIEW, S.DRAFT, S.CHANGES_REQUESTED, S.SCHEDULED])
def test_editor_publishes_now(editor, article_in, source):
    article = article_in(source)
    before = timezone.now()
    response = post_transition(logged_in(editor), article, "publish", editor=True)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    # Empty, or in the future (scheduled): now.
    assert before <= article.published_at <= timezone.now()
    assert article.is_public
    assert history(article) == [("editeur", source, S.PUBLISHED, "")]


def test_republishing_keeps_the_original_date(editor, article_in):
    first = timezone.now() - timedelta(days=10)
    article = article_in(S.UNPUBLISHED, published_at=first)
    response = post_transition(logged_in(editor), article, "publish", editor=True)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.PUBLISHED, first.replace(microsecond=0))


@pytest.mark.parametrize("source", [S.SCHEDULED, S.PUBLISHED])
def test_editor_unpublishes(editor, article_in, source):
    article = article_in(source)
    response = post_transition(
        logged_in(editor), article, "unpublish", editor=True, comment="Erreur"
    )
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.status == S.UNPUBLISHED and not article.is_public
    assert history(article) == [("editeur", source, S.UNPUBLISHED, "Erreur")]


@pytest.mark.parametrize(
    ("status", "name"),
    [(S.DRAFT, "unpublish"), (S.DRAFT, "withdraw"), (S.PUBLISHED, "publish"),
     (S.PUBLISHED, "submit"), (S.PUBLISHED, "schedule"), (S.UNPUBLISHED, "unpublish"),
     (S.DRAFT, "request_changes")],
)  # fmt: skip
def test_editor_transition_from_the_wrong_state_is_refused(editor, article_in, status, name):
    article = article_in(status)
    before = Article.objects.values().get(pk=article.pk)
    response = post_transition(logged_in(editor), article, name, editor=True, comment="x")
    assert response.status_code == 200
    assert "n&#x27;est pas possible" in response.content.decode()
    assert Article.objects.values().get(pk=article.pk) == before
    assert not Transition.objects.exists()


@pytest.mark.parametrize("status", [S.PUBLISHED, S.SCHEDULED])
def test_editor_edits_live_content_without_a_transition(editor, article_in, status):
    article = article_in(status)
    data = article_form_data(article.section, article=article, title="Titre retouché")
    response = logged_in(editor).post(change_url(article), data | publication_data(article))
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.status, article.title) == (status, "Titre retouché")
    assert not Transition.objects.exists()


def test_expiry_must_follow_publication(editor, article_in):
    article = article_in(S.PUBLISHED)
    data = article_form_data(article.section, article=article) | publication_data(article)
    data |= {"unpublish_at_0": "01/01/2000", "unpublish_at_1": "00:00"}
    response = logged_in(editor).post(change_url(article), data)
    assert response.status_code == 200
    assert "doit être postérieure à la date de publication" in response.content.decode()
    article.refresh_from_db()
    assert article.unpublish_at is None


# --- What the admin shows --------------------------------------------------------------------


def test_history_on_the_change_page(journalist, editor, article_in):
    article = article_in(S.DRAFT)
    assert post_transition(logged_in(journalist), article, "submit").status_code == 302
    response = post_transition(
        logged_in(editor), article, "request_changes", editor=True, comment="Citer <la source>"
    )
    assert response.status_code == 302, form_errors(response)
    entry = Transition.objects.get(to_status=S.CHANGES_REQUESTED)
    html = logged_in(journalist).get(change_url(article)).content.decode()
    assert "Historique éditorial" in html
    assert "Soumis à la relecture par journaliste" in html
    assert "Renvoyé à l&#x27;auteur pour corrections par editeur" in html
    assert "Citer &lt;la source&gt;" in html
    local = timezone.localtime(entry.at)
    assert f"{local:%H}h{local:%M}" in html  # Paris time


def test_changelist_shows_the_effective_status_and_filters(editor, make_article):
    now = timezone.now()
    make_article(title="Passé", status=S.SCHEDULED, published_at=now - timedelta(minutes=1))
    make_article(title="Futur", status=S.SCHEDULED, published_at=now + timedelta(hours=1))
    make_article(title="À relire", status=S.REVIEW)
    client = logged_in(editor)

    def titles(value):
        response = client.get(CHANGELIST_URL, {"statut": value})
        assert response.status_code == 200
        return {a.title for a in response.context["cl"].result_list}

    assert titles("published") == {"Passé"}
    assert titles("scheduled") == {"Futur"}
    assert titles("review") == {"À relire"}
    html = client.get(CHANGELIST_URL).content.decode()
    assert "Programmé" in html and "Publié" in html
